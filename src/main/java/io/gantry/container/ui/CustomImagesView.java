package io.gantry.container.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.container.CustomImage;
import io.gantry.container.CustomImageService;
import io.gantry.container.ImageVisibility;
import io.gantry.identity.AccountService;
import io.gantry.identity.UserRef;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The current project's custom images (AI-Stack 五.3): each with who saved it from which container and when, whether
 * the project shares it or it is its maker's alone, and a delete that a container still starting from it refuses.
 * Images are saved from a running container's page.
 */
@Route("containers/images")
@RolesAllowed(Permission.Names.IMAGES_USE)
@MenuItem(group = MenuGroup.DEVELOPMENT, title = "menu.custom-images", icon = "vaadin:archive", order = 3)
public class CustomImagesView extends VerticalLayout {

    private final CustomImageService images;
    private final AccountService accounts;
    private final Grid<CustomImage> grid = new Grid<>();
    private final Map<Long, String> makers = new HashMap<>();
    private final Optional<Project> project;

    public CustomImagesView(CustomImageService images, CurrentProjectService projects, AccountService accounts) {
        this.images = images;
        this.accounts = accounts;
        this.project = projects.current();
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.custom-images")));
        if (project.isEmpty()) {
            add(new Paragraph(getTranslation("container.no-project")));
            return;
        }
        add(new Paragraph(getTranslation("custom-image.intro")));
        grid.addColumn(i -> i.image().reference()).setHeader(getTranslation("custom-image.image")).setKey("image")
                .setTooltipGenerator(i -> i.image().reference()).setFlexGrow(2);
        grid.addColumn(i -> Formats.orDash(i.image().description())).setHeader(getTranslation("images.description"))
                .setKey("description").setTooltipGenerator(i -> Formats.orDash(i.image().description()))
                .setFlexGrow(2);
        grid.addColumn(i -> getTranslation("container.framework." + frameworkType(i)))
                .setHeader(getTranslation("container.save-image.type")).setKey("framework").setAutoWidth(true);
        grid.addColumn(i -> makers.getOrDefault(i.ownerId(), "-")).setHeader(getTranslation("custom-image.maker"))
                .setKey("maker").setAutoWidth(true);
        grid.addColumn(i -> Formats.orDash(i.sourceContainerName()))
                .setHeader(getTranslation("custom-image.source-container")).setKey("source").setAutoWidth(true);
        grid.addColumn(i -> Formats.dateTime(i.createdAt())).setHeader(getTranslation("custom-image.created"))
                .setKey("created").setAutoWidth(true);
        grid.addComponentColumn(this::visibility).setHeader(getTranslation("custom-image.visibility"))
                .setKey("visibility").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader(getTranslation("common.operation")).setKey("actions")
                .setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("custom-image.empty"));
        grid.setId("custom-images");
        add(grid);
        refresh();
    }

    private static String frameworkType(CustomImage image) {
        String type = image.image().custom().frameworkType();
        return type == null || !List.of(SaveImageDialog.FRAMEWORK_TYPES).contains(type) ? "other" : type;
    }

    private Span visibility(CustomImage image) {
        Span badge = new Span(getTranslation("custom-image.visibility." + image.visibility().name()));
        badge.getElement().getThemeList().add(image.visibility() == ImageVisibility.PRIVATE ? "badge contrast"
                : "badge success");
        return badge;
    }

    private Component actions(CustomImage image) {
        if (!images.canDelete(image)) {
            return new Span();
        }
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(image.reference(), () -> {
            try {
                images.delete(image.id());
                Ui.success("common.deleted", image.reference());
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
            refresh();
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        delete.setId("delete-image-" + image.id());
        return delete;
    }

    private void refresh() {
        List<CustomImage> shown = images.list(project.orElseThrow().id());
        makers.putAll(accounts.refs(shown.stream().map(CustomImage::ownerId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(UserRef::id, UserRef::label)));
        grid.setItems(shown);
    }
}
