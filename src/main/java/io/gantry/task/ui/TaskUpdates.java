package io.gantry.task.ui;

import com.vaadin.flow.component.Component;
import io.gantry.shared.ui.PageUpdates;
import io.gantry.workload.WorkloadChanged;
import java.util.function.Consumer;
import org.springframework.transaction.event.TransactionalEventListener;

/** Tells open task pages that a task changed state, so that "Running" turns into "Succeeded" as it happens. */
@org.springframework.stereotype.Component
public class TaskUpdates {

    /** The workload kind of tasks, as the workloads record it. */
    static final String KIND = "task";

    private final PageUpdates<WorkloadChanged> pages = new PageUpdates<>();

    /** After the commit, so that a page that reads the task again sees the new state. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(WorkloadChanged event) {
        if (KIND.equals(event.kind())) {
            pages.publish(event);
        }
    }

    /** Runs {@code onChange} in the page's UI for each change of a task while the page is attached. */
    void follow(Component page, Consumer<WorkloadChanged> onChange) {
        pages.follow(page, change -> true, onChange);
    }

    int followers() {
        return pages.followers();
    }
}
