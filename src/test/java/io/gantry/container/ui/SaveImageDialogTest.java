package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.CustomImageForm;
import io.gantry.container.ImageVisibility;
import io.gantry.identity.TestAccounts;
import io.gantry.runtime.local.LocalRuntime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Saving a running container as an image of its project, from its detail page. */
@OnH2
class SaveImageDialogTest extends ContainerViewTestSupport {

    @Autowired
    LocalRuntime runtime;

    @Test
    void anInvalidImageNameIsRefusedOnItsFieldAndAValidOneIsSavedForTheProject() {
        Container container = running("to-save");
        navigate(ContainerDetailView.class, container.id());
        click("save-image");
        SaveImageDialog dialog = find(SaveImageDialog.class).single();
        assertThat(dialog.isOpened()).isTrue();

        fill(TextField.class, "image-name", "Not A Name!");
        fill(TextField.class, "image-tag", "v1");
        click("save-image-submit");

        TextField imageName = find(TextField.class).withId("image-name").single();
        assertThat(imageName.isInvalid()).isTrue();
        assertThat(imageName.getErrorMessage()).isEqualTo(t("image.name.pattern"));
        assertThat(dialog.isOpened()).isTrue();
        assertThat(containers.customImages(projectId)).isEmpty();

        String name = "team/" + TestAccounts.uniqueName("tools");
        fill(TextField.class, "image-name", name);
        dialog.visibility.setValue(ImageVisibility.PROJECT);
        click("save-image-submit");

        assertThat(dialog.isOpened()).isFalse();
        assertThat(containers.customImages(projectId)).extracting(FrameworkImage::reference)
                .containsExactly(name + ":v1");
    }

    @Test
    void aDisplayNameTooLongIsRefusedOnItsFieldBeforeTheFilesAreCopied() {
        Container container = running("to-describe");
        navigate(ContainerDetailView.class, container.id());
        click("save-image");
        SaveImageDialog dialog = find(SaveImageDialog.class).single();
        // The list shows "name — description" in 255 characters: each part has its share, in the field as well.
        assertThat(dialog.displayName.getMaxLength()).isEqualTo(CustomImageForm.DISPLAY_NAME_MAX);
        assertThat(dialog.description.getMaxLength()).isEqualTo(CustomImageForm.DESCRIPTION_MAX);
        test(dialog.displayName).setValue("n".repeat(200));
        test(dialog.description).setValue("d".repeat(60));
        String name = TestAccounts.uniqueName("described");
        fill(TextField.class, "image-name", name);
        fill(TextField.class, "image-tag", "v1");

        click("save-image-submit");

        assertThat(dialog.displayName.isInvalid()).isTrue();
        assertThat(dialog.displayName.getErrorMessage()).isEqualTo(t("field.too-long", CustomImageForm.DISPLAY_NAME_MAX));
        assertThat(containers.customImages(projectId)).isEmpty();
        assertThat(runtime.home().resolve("images").resolve(name)).doesNotExist();
    }
}
