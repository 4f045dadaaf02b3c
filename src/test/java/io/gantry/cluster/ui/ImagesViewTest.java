package io.gantry.cluster.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.Registry;
import io.gantry.ui.AccessDeniedView;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The images screen: registries over HTTPS only with a secret taken once, images with their services. */
@OnH2
class ImagesViewTest extends InventoryViewTest {

    @Autowired
    ClusterService cluster;

    @SuppressWarnings("unchecked")
    Grid<Registry> registries() {
        return find(Grid.class).withId("registries").single();
    }

    private void fillRegistry(String name, String url, String secret) {
        test(find(Button.class).withId("create-registry").single()).click();
        test(find(TextField.class).withId("registryName").single()).setValue(name);
        test(find(TextField.class).withId("registryUrl").single()).setValue(url);
        test(find(TextField.class).withId("registryUsername").single()).setValue("robot");
        test(find(PasswordField.class).withId("registrySecret").single()).setValue(secret);
        test(find(Button.class).withId("registry-save").single()).click();
    }

    @Test
    void showsAPlainHttpRegistryUrlOnTheUrlFieldAndSavesNothing() {
        navigate(ImagesView.class);
        String name = uniqueName("reg");
        fillRegistry(name, "http://registry.example.com", "token-" + name);

        TextField url = find(TextField.class).withId("registryUrl").single();
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).isEqualTo(t("registry.url.https"))
                .isEqualTo("Enter an address starting with https://.");
        assertThat(find(Dialog.class).withId("registry-editor").single().isOpened()).isTrue();
        assertThat(cluster.registries()).extracting(Registry::name).doesNotContain(name);
    }

    @Test
    void takesTheRegistrySecretOnceAndShowsOnlyThatItIsStored() {
        navigate(ImagesView.class);
        String name = uniqueName("reg");
        String secret = "token-" + name;
        fillRegistry(name, "https://registry.example.com/" + name, secret);

        Registry saved = cluster.registries().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(cluster.registrySecret(saved.id())).contains(secret);
        assertThat(find(Dialog.class).all()).noneMatch(Dialog::isOpened);
        Span state = (Span) cell(registries(), r -> r.id() == saved.id(), "secret");
        assertThat(state.getText()).isEqualTo("Stored");
        assertThat(find(Span.class).withTextContaining(secret).exists()).isFalse();
        assertThat(find(TextField.class).withValue(secret).exists()).isFalse();
    }

    @Test
    void createsAnImageWithItsServices() {
        navigate(ImagesView.class);
        String name = "team/" + uniqueName("img");
        test(find(Button.class).withId("create-image").single()).click();
        test(find(TextField.class).withId("imageName").single()).setValue(name);
        test(find(TextField.class).withId("imageTag").single()).setValue("2.4-cuda12");
        @SuppressWarnings("unchecked")
        CheckboxGroup<OfferedService> services = find(CheckboxGroup.class).withId("imageServices").single();
        services.setValue(Set.of(OfferedService.SSH, OfferedService.TENSORBOARD));
        test(find(Button.class).withId("image-save").single()).click();

        FrameworkImage saved = cluster.images().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
        assertThat(saved.offersSsh()).isTrue();
        assertThat(saved.offersTensorboard()).isTrue();
        assertThat(saved.offersJupyter()).isFalse();
        assertThat(saved.registryId()).isNull();

        test(find(Button.class).withId("create-image").single()).click();
        test(find(TextField.class).withId("imageName").single()).setValue(name);
        test(find(TextField.class).withId("imageTag").single()).setValue("2.4-cuda12");
        test(find(Button.class).withId("image-save").single()).click();
        TextField tag = find(TextField.class).withId("imageTag").single();
        assertThat(tag.isInvalid()).isTrue();
        assertThat(tag.getErrorMessage()).isEqualTo(t("error.name-taken", name + ":2.4-cuda12"));
    }

    @Test
    void isNotForAnOrdinaryUser() {
        signInAsOrdinaryUser();
        assertThatThrownBy(() -> navigate(ImagesView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isInstanceOf(AccessDeniedView.class);
    }
}
