package io.gantry.container.ui;

import io.gantry.shared.ui.PageUpdates;
import io.gantry.workload.WorkloadChanged;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells open container pages that a container changed state, so that "Creating" turns into "Running" as it happens
 * rather than at the user's next refresh.
 */
@Component
public class ContainerUpdates {

    private final PageUpdates<WorkloadChanged> pages = new PageUpdates<>();

    /** After the commit, so that a page that reads the container again sees the new state. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(WorkloadChanged event) {
        if ("container".equals(event.kind())) {
            pages.publish(event);
        }
    }

    /** Runs {@code onChange} in the page's UI for each change of a container while the page is attached. */
    void follow(com.vaadin.flow.component.Component page, Consumer<WorkloadChanged> onChange) {
        pages.follow(page, change -> true, onChange);
    }

    int followers() {
        return pages.followers();
    }
}
