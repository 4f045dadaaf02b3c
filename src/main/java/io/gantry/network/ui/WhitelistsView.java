package io.gantry.network.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.network.WhitelistDetails;
import io.gantry.network.WhitelistRule;
import io.gantry.network.WhitelistService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;

/**
 * The user's IP whitelists (AI-Stack 七.2): which source networks, protocols and ports may connect to their
 * containers. Create, look at the rules, edit, delete.
 */
@Route("network/whitelists")
@RolesAllowed(Permission.Names.NETWORK_USE)
@MenuItem(group = MenuGroup.NETWORK, title = "menu.network.whitelists", icon = "vaadin:shield", order = 2)
public class WhitelistsView extends VerticalLayout implements BeforeEnterObserver {

    /** Rules the list shows per whitelist; the rest are counted. */
    static final int SUMMARY_RULES = 2;

    private final WhitelistService whitelists;
    private final Grid<WhitelistDetails> grid = new Grid<>();
    private final GridQueryParameters<WhitelistDetails> parameters = new GridQueryParameters<>(grid);

    public WhitelistsView(WhitelistService whitelists) {
        this.whitelists = whitelists;
        addClassName("gantry-page");
        setWidthFull();

        grid.addColumn(WhitelistDetails::name).setHeader(getTranslation("network.whitelists.name")).setKey("name")
                .setAutoWidth(true).setSortProperty("name").setTooltipGenerator(WhitelistDetails::name);
        grid.addColumn(this::summary).setHeader(getTranslation("network.whitelists.rules")).setKey("rules")
                .setFlexGrow(1).setTooltipGenerator(this::summary);
        grid.addColumn(w -> Formats.orDash(w.description())).setHeader(getTranslation("network.whitelists.description"))
                .setKey("description").setAutoWidth(true).setSortProperty("description")
                .setTooltipGenerator(w -> Formats.orDash(w.description()));
        grid.addColumn(w -> Formats.dateTime(w.createdAt())).setHeader(getTranslation("common.created"))
                .setKey("created").setAutoWidth(true).setSortProperty("created");
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addComponentColumn(this::actions).setHeader(getTranslation("common.operation")).setKey("actions")
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("network.whitelists.empty"));
        grid.setId("whitelists");

        Button create = new Button(getTranslation("network.whitelists.create"), VaadinIcon.PLUS.create(),
                e -> new WhitelistEditor(whitelists, null, this::refresh).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-whitelist");

        add(new H2(getTranslation("menu.network.whitelists")),
                new Paragraph(getTranslation("network.whitelists.intro")), create, grid);
        refresh();
    }

    private String summary(WhitelistDetails whitelist) {
        String shown = whitelist.rules().stream().limit(SUMMARY_RULES).map(RuleText::of)
                .collect(Collectors.joining("; "));
        int more = whitelist.rules().size() - SUMMARY_RULES;
        return more > 0 ? shown + "; " + getTranslation("network.whitelists.more-rules", more) : shown;
    }

    private HorizontalLayout actions(WhitelistDetails whitelist) {
        Button details = new Button(getTranslation("network.whitelists.details"), e -> showDetails(whitelist.id()));
        Button edit = new Button(getTranslation("action.edit"), e -> {
            try {
                new WhitelistEditor(whitelists, whitelists.whitelist(whitelist.id()), this::refresh).open();
            } catch (UserFacingException gone) {
                Ui.refused(gone);
                refresh();
            }
        });
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(whitelist.name(), () -> {
            try {
                whitelists.delete(whitelist.id());
                Ui.success("common.deleted", whitelist.name());
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
            refresh();
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(details, edit, delete);
        actions.getChildren().forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE));
        return actions;
    }

    private void showDetails(long id) {
        WhitelistDetails whitelist;
        try {
            whitelist = whitelists.whitelist(id);
        } catch (UserFacingException gone) {
            Ui.refused(gone);
            refresh();
            return;
        }
        Grid<WhitelistRule> rules = new Grid<>();
        rules.addColumn(r -> r.cidr().toString()).setHeader(getTranslation("network.rules.cidr")).setKey("cidr")
                .setAutoWidth(true);
        rules.addColumn(RuleText::protocol).setHeader(getTranslation("network.rules.protocol")).setKey("protocol")
                .setAutoWidth(true);
        rules.addColumn(RuleText::ports).setHeader(getTranslation("network.rules.ports")).setKey("ports")
                .setAutoWidth(true);
        rules.setItems(whitelist.rules());
        rules.setAllRowsVisible(true);
        rules.setId("whitelist-rules");

        Dialog dialog = new Dialog(getTranslation("network.whitelists.details-title", whitelist.name()));
        dialog.setId("whitelist-details");
        dialog.setWidth("40em");
        if (whitelist.description() != null) {
            dialog.add(new Paragraph(whitelist.description()));
        }
        dialog.add(rules);
        Button close = new Button(getTranslation("action.close"), e -> dialog.close());
        close.setId("whitelist-details-close");
        dialog.getFooter().add(close);
        dialog.open();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private void refresh() {
        grid.setItems(q -> whitelists.mine(GridQueryParameters.sorts(q), q.getOffset(), q.getLimit()).stream(),
                q -> whitelists.countMine());
    }
}
