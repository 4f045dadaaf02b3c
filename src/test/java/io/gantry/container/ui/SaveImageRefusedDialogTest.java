package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnKubernetesH2;
import io.gantry.container.Container;
import io.gantry.container.ImageVisibility;
import io.gantry.identity.TestAccounts;
import org.junit.jupiter.api.Test;

/** Saving a container as an image on the Kubernetes runtime, which has no image builder configured: refused. */
@OnKubernetesH2
class SaveImageRefusedDialogTest extends ContainerViewTestSupport {

    @Test
    void theDialogSaysTheRuntimeRefusesAndSavesNothing() {
        accounts.signInAsAdmin();
        // No Pod can run on the demo inventory's simulated nodes: only the cluster's own take work.
        cluster.nodes().stream().filter(n -> n.simulated() && n.schedulable())
                .forEach(n -> cluster.setSchedulable(n.id(), false));
        accounts.signInAs(owner);
        Container container = running("k8s-save");
        navigate(ContainerDetailView.class, container.id());
        click("save-image");
        SaveImageDialog dialog = find(SaveImageDialog.class).single();
        assertThat(dialog.refusal.isVisible()).as("nothing refused yet").isFalse();
        fill(TextField.class, "image-name", "team/" + TestAccounts.uniqueName("nob"));
        fill(TextField.class, "image-tag", "v1");
        dialog.visibility.setValue(ImageVisibility.PRIVATE);

        click("save-image-submit");

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.refusal.isVisible()).isTrue();
        assertThat(dialog.refusal.getText()).isEqualTo(t("runtime.kubernetes.no-image-builder"));
        assertThat(find(Button.class).withId("save-image-submit").single().isEnabled())
                .as("trying again would change nothing").isFalse();
        assertThat(containers.customImages(projectId)).isEmpty();
    }
}
