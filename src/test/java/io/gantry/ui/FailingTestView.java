package io.gantry.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.shared.NotFound;
import jakarta.annotation.security.PermitAll;

/** A screen that fails while opening, as a broken screen would: unexpectedly, or with a problem the user can act on. */
@Route(value = "test/fails/:kind", autoLayout = false)
@PermitAll
public class FailingTestView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getRouteParameters().get("kind").filter("gone"::equals).isPresent()) {
            throw new NotFound("project");
        }
        throw new IllegalStateException("the disk is full");
    }
}
