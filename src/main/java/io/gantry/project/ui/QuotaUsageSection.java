package io.gantry.project.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gantry.project.ProjectOverview;
import io.gantry.project.QuotaUse;
import io.gantry.shared.ui.Bars;
import io.gantry.shared.ui.Ui;

/** A project's quota per spec with what its work uses, its per-user maximums, its members and running work. */
class QuotaUsageSection extends VerticalLayout {

    QuotaUsageSection(ProjectOverview overview) {
        setPadding(false);
        Div quotas = new Div();
        quotas.setId("quota-usage");
        for (QuotaUse quota : overview.quotas()) {
            quotas.add(Bars.devices(quota.specName(), quota.used(), quota.granted()));
            if (quota.maxPerUser() != null) {
                quotas.add(new Span(getTranslation("quota.per-user.show", quota.maxPerUser())));
            }
        }
        if (overview.quotas().isEmpty()) {
            quotas.add(new Span(getTranslation("project.no-quota")));
        }
        add(Ui.sectionHeader("project.quota", null), quotas,
                new Span(getTranslation("project.card.figures", overview.members(), overview.running())));
    }
}
