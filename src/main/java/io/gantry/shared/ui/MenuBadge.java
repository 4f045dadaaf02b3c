package io.gantry.shared.ui;

import com.vaadin.flow.component.Component;

/**
 * A number a feature shows beside its menu entry for the signed-in user, e.g. the orders waiting for their decision.
 * Implementations are Spring beans; the shell asks only when the entry is shown, and again on every navigation.
 */
public interface MenuBadge {

    /** The view whose menu entry carries the number. */
    Class<? extends Component> view();

    /** The badge's element id, for tests and journeys. */
    String id();

    /** The number now; nothing shows at zero. */
    int count();

    /** What the number means, for screen readers and the tooltip ("3 waiting for your decision"). */
    String labelKey();
}
