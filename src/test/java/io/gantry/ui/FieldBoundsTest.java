package io.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.cluster.ui.ImagesView;
import io.gantry.cluster.ui.SpecsView;
import io.gantry.identity.ui.ChangePasswordView;
import io.gantry.identity.ui.CreateGroupView;
import io.gantry.identity.ui.CreateUsersView;
import io.gantry.identity.ui.ProfileView;
import io.gantry.identity.ui.RegisterView;
import io.gantry.identity.ui.RoleEditorView;
import io.gantry.network.ui.SshKeysView;
import io.gantry.project.ui.ContactView;
import io.gantry.project.ui.ProjectFormView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every text a form asks for is bounded in the browser, as the service bounds it, so that nobody types 5,000
 * characters before the server says 64. (Search boxes are lists' filters, not forms.)
 */
@OnH2
class FieldBoundsTest extends ViewTestSupport {

    @Test
    void everyFieldOfTheAdministratorsFormsHasAMaximumLength() {
        accounts.signInAsAdmin();
        List<String> unbounded = new ArrayList<>();
        for (Class<? extends Component> form : List.of(ChangePasswordView.class, ProfileView.class,
                CreateUsersView.class, CreateGroupView.class, RoleEditorView.class, ProjectFormView.class,
                ContactView.class)) {
            navigate(form);
            unbounded.addAll(unboundedFields(form.getSimpleName()));
        }
        navigate(SpecsView.class);
        open("specs.create");
        unbounded.addAll(unboundedFields("SpecEditor"));
        navigate(ImagesView.class);
        open("images.create");
        unbounded.addAll(unboundedFields("ImageEditor"));
        navigate(ImagesView.class);
        open("registries.create");
        unbounded.addAll(unboundedFields("RegistryEditor"));
        navigate(SshKeysView.class);
        open("network.keys.import");
        unbounded.addAll(unboundedFields("ImportKeyDialog"));

        assertThat(unbounded).isEmpty();
    }

    @Test
    void everyFieldOfTheRegistrationHasAMaximumLength() {
        navigate(RegisterView.class);
        assertThat(unboundedFields("RegisterView")).isEmpty();
    }

    private void open(String buttonKey) {
        test(find(Button.class).all().stream().filter(b -> t(buttonKey).equals(b.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("No button " + buttonKey))).click();
    }

    private List<String> unboundedFields(String where) {
        List<String> found = new ArrayList<>();
        find(TextField.class).all().stream().filter(f -> !f.isReadOnly() && !"search".equals(f.getId().orElse("")))
                .filter(f -> f.getMaxLength() <= 0).forEach(f -> found.add(where + ": " + f.getLabel()));
        find(TextArea.class).all().stream().filter(f -> !f.isReadOnly() && f.getMaxLength() <= 0)
                .forEach(f -> found.add(where + ": " + f.getLabel()));
        find(PasswordField.class).all().stream().filter(f -> !f.isReadOnly() && f.getMaxLength() <= 0)
                .forEach(f -> found.add(where + ": " + f.getLabel()));
        find(EmailField.class).all().stream().filter(f -> !f.isReadOnly() && f.getMaxLength() <= 0)
                .forEach(f -> found.add(where + ": " + f.getLabel()));
        return found;
    }
}
