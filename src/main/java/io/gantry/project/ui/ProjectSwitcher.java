package io.gantry.project.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.select.Select;
import io.gantry.project.Project;
import io.gantry.project.ProjectRole;
import io.gantry.project.CurrentProjectService;
import io.gantry.shared.ui.Ui;
import java.util.List;
import java.util.Map;

/**
 * The shell's project switcher (AI-Stack 三): the user's projects with the role in each; the choice is remembered.
 * Hidden for users in no project.
 */
public class ProjectSwitcher extends Composite<Select<Project>> {

    public ProjectSwitcher(CurrentProjectService projects) {
        Select<Project> select = getContent();
        Map<Project, ProjectRole> mine = projects.mine();
        select.setItems(List.copyOf(mine.keySet()));
        select.setItemLabelGenerator(p -> p.name() + " · " + Ui.t("project.role." + mine.get(p).name().toLowerCase()));
        select.setAriaLabel(Ui.t("project.switcher"));
        select.setTooltipText(Ui.t("project.switcher.hint"));
        select.setId("project-switcher");
        select.setWidth("16em");
        select.setVisible(!mine.isEmpty());
        projects.current().ifPresent(select::setValue);
        select.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                projects.switchTo(e.getValue().id());
                Ui.success("project.switched", e.getValue().name());
            }
        });
    }
}
