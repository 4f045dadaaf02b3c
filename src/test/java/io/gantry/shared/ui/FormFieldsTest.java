package io.gantry.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.ui.HomeView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a service's refusal reaches a form: each problem on its field, the rest once. */
@OnH2
class FormFieldsTest extends ViewTestSupport {

    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final TextField row = new TextField();

    @BeforeEach
    void onAPage() {
        accounts.signInAs(newAccount("former", PresetRole.USER));
        navigate(HomeView.class);
    }

    @Test
    void aFieldProblemLandsOnItsFieldAndTheFieldLessOnesShowOnceTogether() {
        FormFields form = new FormFields().with("name", name).with("description", description);

        form.show(new InvalidInput(List.of(new FieldProblem("name", "field.too-long", 64),
                new FieldProblem(null, "container.not-running"),
                new FieldProblem("notOnThisForm", "field.required"))));

        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo(t("field.too-long", 64));
        assertThat(description.isInvalid()).isFalse();
        assertThat(notifications()).containsExactly(t("container.not-running") + "\n" + t("field.required"));
    }

    @Test
    void allProblemsOnFieldsShowNoNotification() {
        FormFields form = new FormFields().with("name", name);

        form.show(new InvalidInput("name", "field.required"));

        assertThat(name.getErrorMessage()).isEqualTo(t("field.required"));
        assertThat(notifications()).isEmpty();
    }

    @Test
    void fieldsThatComeAndGoAreNamedWhenTheRefusalComes() {
        Map<String, TextField> rows = new java.util.HashMap<>();
        FormFields form = new FormFields().with("name", name).withEach(() -> rows);
        rows.put("0.name", row);
        InvalidInput refusal = new InvalidInput("0.name", "error.name-taken", "ada");

        assertThat(form.placesAll(refusal)).isTrue();
        assertThat(form.placesAll(new InvalidInput("1.name", "field.required"))).isFalse();
        form.show(refusal);

        assertThat(row.getErrorMessage()).isEqualTo(t("error.name-taken", "ada"));
        assertThat(name.isInvalid()).isFalse();
    }

    @Test
    void aRefusalOutsideAFormIsOneNotification() {
        Ui.refused(new NotAllowed("container.not-running"));

        assertThat(notifications()).containsExactly(t("container.not-running"));
    }
}
