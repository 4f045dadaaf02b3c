package io.gantry.identity.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.gantry.shared.ui.Ui;
import java.util.ArrayList;
import java.util.List;

/** The "1. info → 2. roles → 3. confirm" header of the create wizards, with the current step highlighted. */
class WizardSteps extends Composite<HorizontalLayout> {

    private final List<Span> steps = new ArrayList<>();

    WizardSteps(String... titleKeys) {
        for (int i = 0; i < titleKeys.length; i++) {
            Span step = new Span((i + 1) + ". " + Ui.t(titleKeys[i]));
            step.getElement().getThemeList().add("badge");
            step.setId("step-" + (i + 1));
            steps.add(step);
            getContent().add(step);
        }
        show(0);
    }

    void show(int index) {
        for (int i = 0; i < steps.size(); i++) {
            var themes = steps.get(i).getElement().getThemeList();
            themes.remove("primary");
            themes.remove("contrast");
            themes.add(i == index ? "primary" : "contrast");
        }
    }
}
