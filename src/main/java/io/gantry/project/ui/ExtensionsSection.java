package io.gantry.project.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gantry.project.ExtensionRequest;
import io.gantry.project.ProjectExtensionService;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;

/** A project's extension requests with their decisions, newest first. */
class ExtensionsSection extends VerticalLayout {

    ExtensionsSection(ProjectExtensionService extensions, long projectId) {
        setPadding(false);
        Grid<ExtensionRequest> grid = new Grid<>();
        grid.addColumn(r -> Formats.dateTime(r.requestedAt())).setHeader(getTranslation("extension.requested-at"))
                .setAutoWidth(true);
        grid.addColumn(ExtensionRequest::requester).setHeader(getTranslation("extension.requester")).setAutoWidth(true);
        grid.addColumn(ExtensionRequest::days).setHeader(getTranslation("extension.days")).setAutoWidth(true);
        grid.addColumn(ExtensionRequest::reason).setHeader(getTranslation("extension.reason")).setFlexGrow(1);
        grid.addColumn(r -> getTranslation("extension.status." + r.status().name().toLowerCase()))
                .setHeader(getTranslation("extension.status")).setAutoWidth(true);
        grid.addColumn(r -> Formats.orDash(r.decisionMessage())).setHeader(getTranslation("extension.decision"))
                .setFlexGrow(1);
        grid.setItems(extensions.extensions(projectId));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("extension.none"));
        grid.setId("extensions");
        add(Ui.sectionHeader("extension.title", null), grid);
    }
}
