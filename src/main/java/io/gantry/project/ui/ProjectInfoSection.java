package io.gantry.project.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gantry.project.Project;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;

/** A project's dates and limits, as its detail page shows them. */
class ProjectInfoSection extends VerticalLayout {

    ProjectInfoSection(Project project) {
        setPadding(false);
        FormLayout info = new FormLayout();
        info.addFormItem(new Span(getTranslation("project.dates", Formats.date(project.startDate()),
                Formats.date(project.endDate()))), getTranslation("project.period"));
        info.addFormItem(new Span(limit(project.limits().maxUsers(), "unit.people")), getTranslation("project.max-users"));
        info.addFormItem(new Span(limit(project.limits().maxJobHours(), "unit.hours")),
                getTranslation("project.max-job-hours"));
        info.addFormItem(new Span(limit(project.limits().containerMaxHours(), "unit.hours")),
                getTranslation("project.container-max-hours"));
        info.addFormItem(new Span(limit(project.limits().idleReclaimHours(), "unit.hours")),
                getTranslation("project.idle-reclaim-hours"));
        // Empty means no request ever waits for approval, not an unlimited amount of something.
        Span approval = new Span(project.limits().approvalThreshold() == null
                ? getTranslation("project.approval-threshold.none")
                : limit(project.limits().approvalThreshold(), "unit.devices"));
        approval.setId("approval-threshold");
        info.addFormItem(approval, getTranslation("project.approval-threshold"));
        info.addFormItem(new Span(getTranslation(project.limits().membersSeeAll() ? "common.yes" : "common.no")),
                getTranslation("project.members-see-all"));
        add(Ui.sectionHeader("project.info", null), info);
    }

    private String limit(Integer value, String unitKey) {
        return value == null ? getTranslation("project.no-limit") : getTranslation(unitKey, value);
    }
}
