package io.gantry.cluster.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.ImageUse;
import io.gantry.cluster.Registry;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The images containers and tasks start from (AI-Stack 五, Apulis 3.13), with the services each offers, how one signs
 * in, and what starts from it (with links to those pages); an image in use cannot be deleted. Also the private
 * registries images are pulled from; a registry's password or token is entered once and never shown again.
 */
@Route("admin/images")
@RolesAllowed(Permission.Names.CLUSTER_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "menu.admin.images", icon = "vaadin:package", order = 12)
public class ImagesView extends VerticalLayout implements BeforeEnterObserver {

    private static final int USERS_LINKED = 5;

    private final ClusterService cluster;
    private final Grid<FrameworkImage> images = new Grid<>();
    private final GridQueryParameters<FrameworkImage> parameters = new GridQueryParameters<>(images);
    private final Grid<Registry> registries = new Grid<>();
    private Map<Long, Registry> registriesById = Map.of();
    /** What starts from the images of the page shown, read once per page rather than once per row. */
    private final Map<Long, List<ImageUse.ImageUser>> users = new java.util.HashMap<>();

    public ImagesView(ClusterService cluster) {
        this.cluster = cluster;
        addClassName("gantry-page");
        setWidthFull();

        images.addColumn(FrameworkImage::name).setHeader(getTranslation("images.name")).setKey("name")
                .setAutoWidth(true);
        images.addColumn(FrameworkImage::tag).setHeader(getTranslation("images.tag")).setKey("tag").setAutoWidth(true);
        images.addColumn(this::registryName).setHeader(getTranslation("images.registry")).setKey("registry")
                .setAutoWidth(true);
        images.addColumn(i -> getTranslation("images.login." + i.loginMethod().name()))
                .setHeader(getTranslation("images.login")).setKey("login").setAutoWidth(true);
        images.addComponentColumn(this::offers).setHeader(getTranslation("images.services")).setKey("services")
                .setAutoWidth(true);
        images.addColumn(i -> Formats.orDash(i.localEnvironment())).setHeader(getTranslation("images.environment"))
                .setKey("environment").setAutoWidth(true);
        images.addComponentColumn(this::usedBy).setHeader(getTranslation("images.used-by")).setKey("used-by")
                .setAutoWidth(true);
        images.addColumn(i -> Formats.orDash(SeededTexts.shown(i.description())))
                .setHeader(getTranslation("images.description"))
                .setKey("description").setFlexGrow(1);
        images.addComponentColumn(this::imageActions).setHeader(getTranslation("common.operation")).setKey("actions")
                .setAutoWidth(true);
        // Sorted in the database, by the properties the repository allows: the columns' keys.
        Stream.of("name", "tag", "login", "environment", "description")
                .forEach(key -> images.getColumnByKey(key).setSortProperty(key));
        images.getColumnByKey("description").setTooltipGenerator(i -> Formats.orDash(i.description()));
        images.getColumnByKey("environment").setTooltipGenerator(i -> Formats.orDash(i.localEnvironment()));
        images.getColumns().forEach(column -> column.setResizable(true));
        images.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        images.setAllRowsVisible(true);
        images.setEmptyStateText(getTranslation("images.empty"));
        images.setId("images");
        Button createImage = new Button(getTranslation("images.create"), VaadinIcon.PLUS.create(),
                e -> new ImageEditor(cluster, null, cluster.registries(), this::refresh).open());
        createImage.setId("create-image");

        registries.addColumn(Registry::name).setHeader(getTranslation("registries.name")).setKey("name")
                .setAutoWidth(true);
        registries.addColumn(Registry::url).setHeader(getTranslation("registries.url")).setKey("url")
                .setAutoWidth(true);
        registries.addColumn(r -> Formats.orDash(r.username())).setHeader(getTranslation("registries.username"))
                .setKey("username").setAutoWidth(true);
        registries.addComponentColumn(this::secretState).setHeader(getTranslation("registries.secret"))
                .setKey("secret").setAutoWidth(true);
        registries.addComponentColumn(this::registryActions).setHeader(getTranslation("common.operation"))
                .setKey("actions").setAutoWidth(true);
        registries.setAllRowsVisible(true);
        registries.setEmptyStateText(getTranslation("registries.empty"));
        registries.setId("registries");
        Button createRegistry = new Button(getTranslation("registries.create"), VaadinIcon.PLUS.create(),
                e -> new RegistryEditor(cluster, this::refresh).open());
        createRegistry.setId("create-registry");

        add(new H2(getTranslation("menu.admin.images")),
                Ui.sectionHeader("images.section", createImage), images,
                Ui.sectionHeader("registries.section", createRegistry), registries);
        refresh();
    }

    private String registryName(FrameworkImage image) {
        if (image.registryId() == null) {
            return getTranslation("images.registry.public");
        }
        Registry registry = registriesById.get(image.registryId());
        return registry == null ? "-" : registry.name();
    }

    private HorizontalLayout offers(FrameworkImage image) {
        HorizontalLayout badges = new HorizontalLayout();
        badges.setSpacing(false);
        badges.getStyle().set("gap", "var(--lumo-space-xs)");
        for (OfferedService service : OfferedService.of(image)) {
            Span badge = new Span(getTranslation(service.labelKey()));
            badge.getElement().getThemeList().add("badge");
            badges.add(badge);
        }
        if (badges.getComponentCount() == 0) {
            badges.add(new Span(getTranslation("common.none")));
        }
        return badges;
    }

    private HorizontalLayout imageActions(FrameworkImage image) {
        Button edit = new Button(getTranslation("action.edit"),
                e -> new ImageEditor(cluster, image, cluster.registries(), this::refresh).open());
        Button delete = new Button(getTranslation("action.delete"), e -> {
            List<ImageUse.ImageUser> using = users.getOrDefault(image.id(), List.of());
            if (!using.isEmpty()) {
                // Said at once rather than after a confirmation that could only be refused.
                Ui.error("image.in-use", image.reference(), using.size(), using.stream()
                        .map(ImageUse.ImageUser::name).distinct().limit(10).collect(Collectors.joining(", ")));
                return;
            }
            Confirm.delete(image.reference(), () -> {
                try {
                    cluster.deleteImage(image.id());
                    Ui.success("common.deleted", image.reference());
                } catch (UserFacingException refused) {
                    Ui.refused(refused);
                }
                refresh();
            });
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setId("delete-image-" + image.id());
        HorizontalLayout actions = new HorizontalLayout(edit, delete);
        actions.getChildren().forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE));
        return actions;
    }

    /** How many workloads start from the image, with a link to each of the first few. */
    private com.vaadin.flow.component.Component usedBy(FrameworkImage image) {
        List<ImageUse.ImageUser> using = users.getOrDefault(image.id(), List.of());
        if (using.isEmpty()) {
            return new Span(getTranslation("images.used-by.none"));
        }
        HorizontalLayout links = new HorizontalLayout();
        links.setSpacing(false);
        links.getStyle().set("gap", "var(--lumo-space-xs)").set("flex-wrap", "wrap");
        Span count = new Span(getTranslation("images.used-by.count", using.size()));
        count.getElement().getThemeList().add("badge contrast");
        links.add(count);
        using.stream().limit(USERS_LINKED).forEach(user -> {
            Anchor link = new Anchor(user.route(), user.name());
            link.getElement().setAttribute("title", getTranslation(user.kindKey()) + " " + user.name());
            links.add(link);
        });
        if (using.size() > USERS_LINKED) {
            links.add(new Span(getTranslation("images.used-by.more", using.size() - USERS_LINKED)));
        }
        links.setId("used-by-" + image.id());
        return links;
    }

    private Span secretState(Registry registry) {
        Span state = new Span(getTranslation(registry.hasSecret() ? "registries.secret.stored"
                : "registries.secret.none"));
        state.getElement().getThemeList().add(registry.hasSecret() ? "badge success" : "badge contrast");
        return state;
    }

    private Button registryActions(Registry registry) {
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(registry.name(), () -> {
            try {
                cluster.deleteRegistry(registry.id());
                Ui.success("common.deleted", registry.name());
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
            refresh();
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        return delete;
    }

    private void refresh() {
        List<Registry> all = cluster.registries();
        registriesById = all.stream().collect(Collectors.toMap(Registry::id, Function.identity()));
        registries.setItems(all);
        int count = cluster.images().size();
        images.setItems(q -> {
            List<FrameworkImage> page = cluster.images(GridQueryParameters.sorts(q)).stream().skip(q.getOffset())
                    .limit(q.getLimit()).toList();
            Map<Long, List<ImageUse.ImageUser>> read = cluster.imageUsers(page.stream().map(FrameworkImage::id)
                    .toList());
            page.forEach(image -> users.put(image.id(), read.getOrDefault(image.id(), List.of())));
            return page.stream();
        }, q -> count);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }
}
