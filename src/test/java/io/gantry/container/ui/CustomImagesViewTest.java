package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.CustomImage;
import io.gantry.container.CustomImageService;
import io.gantry.container.ImageVisibility;
import io.gantry.identity.TestAccounts;
import io.gantry.workload.RunWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The project's custom images page, and the choice between shared and private when an image is saved. */
@OnH2
class CustomImagesViewTest extends ContainerViewTestSupport {

    @Autowired
    CustomImageService images;

    @Test
    void withoutImagesThePageSaysHowToSaveOne() {
        navigate(CustomImagesView.class);

        Grid<CustomImage> grid = grid("custom-images");
        assertThat(rows(grid)).isEmpty();
        assertThat(grid.getEmptyStateText()).isEqualTo(t("custom-image.empty"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void savingAsksWhoMayUseTheImageAndThePageShowsItsMakerSourceAndAStillUsedImageIsNotDeleted() {
        Container container = running("workbench");
        navigate(ContainerDetailView.class, container.id());
        click("save-image");
        String name = "team/" + TestAccounts.uniqueName("page");
        fill(TextField.class, "image-name", name);
        fill(TextField.class, "image-tag", "v1");

        click("save-image-submit");

        RadioButtonGroup<ImageVisibility> visibility = find(RadioButtonGroup.class).withId("image-visibility")
                .single();
        assertThat(visibility.isInvalid()).isTrue();
        assertThat(visibility.getErrorMessage()).isEqualTo(t("field.required"));
        assertThat(images.list(projectId)).isEmpty();

        SaveImageDialog dialog = find(SaveImageDialog.class).single();
        visibility.setValue(ImageVisibility.PRIVATE);
        click("save-image-submit");
        assertThat(dialog.isOpened()).isFalse();
        assertThat(notifications()).contains(t("custom-image.saved-private", name + ":v1"));

        navigate(CustomImagesView.class);
        Grid<CustomImage> grid = grid("custom-images");
        assertThat(column(grid, t("custom-image.image"))).containsExactly(name + ":v1");
        assertThat(column(grid, t("custom-image.source-container"))).containsExactly("workbench");
        assertThat(column(grid, t("custom-image.maker")).getFirst()).contains(owner);
        assertThat(((Span) test(grid).getCellComponent(0, "visibility")).getText())
                .isEqualTo(t("custom-image.visibility.PRIVATE"));

        long imageId = rows(grid).getFirst().id();
        RunWindow tomorrow = RunWindow.startingAt(context.getBean(Clock.class).instant().plus(Duration.ofDays(1)));
        Container user = containers.create(new ContainerForm(projectId, "copy", imageId, spec.id(), 1, flavor.id(),
                0, Set.of(), SSH_PASSWORD, TERMINAL_PASSWORD, null, true, tomorrow));

        test((Button) test(grid).getCellComponent(0, "actions")).click();
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-delete").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", name + ":v1"));
        test(confirm).confirm();

        assertThat(notifications()).contains(t("custom-image.in-use", name + ":v1", 1, "copy"));
        assertThat(rows(grid)).extracting(CustomImage::id).containsExactly(imageId);

        containers.delete(user.id());
        test((Button) test(grid).getCellComponent(0, "actions")).click();
        test(find(ConfirmDialog.class).withId("confirm-delete").all().getLast()).confirm();

        assertThat(rows(grid)).isEmpty();
        assertThat(images.list(projectId)).isEmpty();
        assertThat(List.of(notifications().getLast())).containsExactly(t("common.deleted", name + ":v1"));
    }
}
