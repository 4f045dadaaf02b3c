package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import io.gantry.project.ExtensionRequest;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;

/** Pending extension requests for platform admins to approve (the end date moves) or reject (with a message). */
@Route("admin/extensions")
@RolesAllowed(Permission.Names.PROJECTS_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "menu.extensions", icon = "vaadin:calendar-clock", order = 21)
public class ExtensionsView extends VerticalLayout {

    private final ProjectService projects;
    private final Grid<ExtensionRequest> grid = new Grid<>();

    public ExtensionsView(ProjectService projects) {
        this.projects = projects;
        addClassName("gantry-page");
        setSizeFull();
        grid.addColumn(ExtensionRequest::projectName).setHeader(getTranslation("project.name")).setAutoWidth(true);
        grid.addColumn(ExtensionRequest::requester).setHeader(getTranslation("extension.requester")).setAutoWidth(true);
        grid.addColumn(r -> Formats.dateTime(r.requestedAt())).setHeader(getTranslation("extension.requested-at"))
                .setAutoWidth(true);
        grid.addColumn(ExtensionRequest::days).setHeader(getTranslation("extension.days")).setAutoWidth(true);
        grid.addColumn(ExtensionRequest::reason).setHeader(getTranslation("extension.reason")).setFlexGrow(1);
        grid.addComponentColumn(r -> {
            Button approve = new Button(getTranslation("extension.approve"), e -> decide(r, true));
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
            approve.setId("approve-" + r.id());
            Button reject = new Button(getTranslation("extension.reject"), e -> decide(r, false));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            reject.setId("reject-" + r.id());
            return new HorizontalLayout(approve, reject);
        }).setHeader(getTranslation("common.operation")).setAutoWidth(true);
        grid.setEmptyStateText(getTranslation("extension.none-pending"));
        grid.setId("pending-extensions");
        add(new H2(getTranslation("menu.extensions")));
        addAndExpand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(projects.pendingExtensions());
    }

    private void decide(ExtensionRequest request, boolean approve) {
        Dialog dialog = new Dialog(getTranslation(approve ? "extension.approve.title" : "extension.reject.title",
                request.projectName(), request.days()));
        TextArea message = new TextArea(getTranslation("extension.decision"));
        message.setRequired(!approve);
        message.setMaxLength(ProjectService.REASON_MAX);
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
                Ui.showProblems(problems, Map.of("message", message));
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("decision-confirm");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }
}
