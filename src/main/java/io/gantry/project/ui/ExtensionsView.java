package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.project.ExtensionFilter;
import io.gantry.project.ExtensionRequest;
import io.gantry.project.ExtensionStatus;
import io.gantry.project.ProjectExtensionService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;

/**
 * Extension requests for platform admins to approve (the end date moves) or reject (with a message), and the history
 * of those decided, with who decided and when. The filter and the sort are in the address
 * ({@code ?show=decided&sort=-decided}), so that a filtered list can be bookmarked.
 */
@Route("admin/extensions")
@RolesAllowed(Permission.Names.PROJECTS_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "menu.extensions", icon = "vaadin:calendar-clock", order = 21)
public class ExtensionsView extends VerticalLayout implements BeforeEnterObserver {

    static final String SHOW = "show";

    private final ProjectExtensionService projects;
    private final Grid<ExtensionRequest> grid = new Grid<>();
    private final RadioButtonGroup<ExtensionFilter> show = new RadioButtonGroup<>();
    private final GridQueryParameters<ExtensionRequest> parameters = new GridQueryParameters<>(grid);

    public ExtensionsView(ProjectExtensionService projects) {
        this.projects = projects;
        addClassName("gantry-page");
        setSizeFull();
        grid.addColumn(ExtensionRequest::projectName).setHeader(getTranslation("project.name")).setAutoWidth(true)
                .setSortProperty("project");
        grid.addColumn(ExtensionRequest::requester).setHeader(getTranslation("extension.requester")).setAutoWidth(true)
                .setSortProperty("requester");
        grid.addColumn(r -> Formats.dateTime(r.requestedAt())).setHeader(getTranslation("extension.requested-at"))
                .setAutoWidth(true).setSortProperty("requested");
        grid.addColumn(ExtensionRequest::days).setHeader(getTranslation("extension.days")).setAutoWidth(true)
                .setSortProperty("days");
        // Free text is cut in its cell: the whole of it shows in a tooltip.
        grid.addColumn(ExtensionRequest::reason).setHeader(getTranslation("extension.reason")).setFlexGrow(1)
                .setKey("reason").setTooltipGenerator(ExtensionRequest::reason);
        grid.addColumn(r -> getTranslation("extension.status." + r.status().name().toLowerCase()))
                .setHeader(getTranslation("extension.status")).setAutoWidth(true).setKey("status")
                .setSortProperty("status");
        grid.addColumn(r -> Formats.orDash(r.decidedBy())).setHeader(getTranslation("extension.decided-by"))
                .setAutoWidth(true).setKey("decided-by").setSortProperty("decidedBy");
        grid.addColumn(r -> r.decidedAt() == null ? "-" : Formats.dateTime(r.decidedAt()))
                .setHeader(getTranslation("extension.decided-at")).setAutoWidth(true).setKey("decided-at")
                .setSortProperty("decided");
        grid.addColumn(r -> Formats.orDash(r.decisionMessage())).setHeader(getTranslation("extension.decision"))
                .setFlexGrow(1).setKey("decision").setTooltipGenerator(r -> Formats.orDash(r.decisionMessage()));
        grid.addComponentColumn(r -> {
            if (r.status() != ExtensionStatus.PENDING) {
                return new Span();
            }
            Button approve = new Button(getTranslation("extension.approve"), e -> decide(r, true));
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
            approve.setId("approve-" + r.id());
            Button reject = new Button(getTranslation("extension.reject"), e -> decide(r, false));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            reject.setId("reject-" + r.id());
            return new HorizontalLayout(approve, reject);
        }).setHeader(getTranslation("common.operation")).setAutoWidth(true).setKey("operations");
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.setItems(q -> projects.extensionRequests(filter(), GridQueryParameters.sorts(q), q.getOffset(),
                q.getLimit()).stream(), q -> projects.countExtensionRequests(filter()));
        grid.setId("pending-extensions");

        show.setLabel(getTranslation("extension.show"));
        show.setItems(ExtensionFilter.values());
        show.setItemLabelGenerator(f -> getTranslation("extension.show." + f.name().toLowerCase()));
        show.setValue(ExtensionFilter.PENDING);
        show.setId("extension-filter");
        show.addValueChangeListener(e -> refresh());
        parameters.bind(SHOW, show, s -> ExtensionFilter.valueOf(s.toUpperCase(Locale.ROOT)),
                f -> f.name().toLowerCase(Locale.ROOT));
        add(new H2(getTranslation("menu.extensions")), show);
        addAndExpand(grid);
        refresh();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private ExtensionFilter filter() {
        return show.getValue() == null ? ExtensionFilter.PENDING : show.getValue();
    }

    private void refresh() {
        ExtensionFilter filter = filter();
        // Only the columns that can hold something: a waiting request has no decision, a decided one no actions.
        boolean decided = filter != ExtensionFilter.PENDING;
        for (String key : List.of("status", "decided-by", "decided-at", "decision")) {
            grid.getColumnByKey(key).setVisible(decided);
        }
        grid.getColumnByKey("operations").setVisible(filter != ExtensionFilter.DECIDED);
        grid.setEmptyStateText(getTranslation(switch (filter) {
            case PENDING -> "extension.none-pending";
            case DECIDED -> "extension.none-decided";
            case ALL -> "extension.none";
        }));
        grid.getDataProvider().refreshAll();
    }

    private void decide(ExtensionRequest request, boolean approve) {
        Dialog dialog = new Dialog(getTranslation(approve ? "extension.approve.title" : "extension.reject.title",
                request.projectName(), request.days()));
        TextArea message = new TextArea(getTranslation("extension.decision"));
        FormFields formFields = new FormFields().with("message", message);
        message.setRequired(!approve);
        message.setMaxLength(ProjectExtensionService.REASON_MAX);
        message.setWidthFull();
        message.setId("decision-message");
        dialog.add(message);
        Button confirm = new Button(getTranslation(approve ? "extension.approve" : "extension.reject"), e -> {
            message.setInvalid(false);
            try {
                projects.decideExtension(request.id(), approve, message.getValue());
                dialog.close();
                Ui.success(approve ? "extension.approved" : "extension.rejected", request.projectName());
                refresh();
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("decision-confirm");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }
}
