package io.gantry.shared.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;

/** A labelled bar of "used of total", the small chart that quota and usage figures use throughout. */
public final class Bars {

    private Bars() {
    }

    /** "A100: 3 of 4 devices in use", the count agreeing with its noun in every language. */
    public static Div devices(String label, long used, long total) {
        ProgressBar bar = new ProgressBar(0, Math.max(1, total), Math.min(used, Math.max(1, total)));
        if (total > 0 && used >= total) {
            bar.addThemeName("error");
        } else if (total > 0 && used * 10 >= total * 8) {
            bar.addThemeName("contrast");
        }
        Span text = new Span(label + ": " + Ui.t("usage.used-of", used, Ui.t("unit.devices", total)));
        text.addClassName("gantry-bar-label");
        Div wrapper = new Div(text, bar);
        wrapper.addClassName("gantry-bar");
        return wrapper;
    }
}
