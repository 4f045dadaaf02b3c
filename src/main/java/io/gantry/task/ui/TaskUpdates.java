package io.gantry.task.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import io.gantry.workload.WorkloadChanged;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells open task pages that a task changed state, through server push, so that "Running" turns into "Succeeded" as
 * it happens. A page follows while it is attached and stops on detach. Only this replica's changes arrive here; the
 * pages' refresh covers the others'.
 */
@org.springframework.stereotype.Component
public class TaskUpdates {

    /** The workload kind of tasks, as the workloads record it. */
    static final String KIND = "task";

    private final Set<Consumer<WorkloadChanged>> followers = ConcurrentHashMap.newKeySet();
    // The thread that moved the task must not wait for pages to lock their sessions.
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    /** After the commit, so that a page that reads the task again sees the new state. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(WorkloadChanged event) {
        if (!KIND.equals(event.kind())) {
            return;
        }
        for (Consumer<WorkloadChanged> follower : followers) {
            delivery.execute(() -> follower.accept(event));
        }
    }

    /** Runs {@code onChange} in the page's UI for each change while the page is attached. */
    void follow(Component page, Consumer<WorkloadChanged> onChange) {
        page.addAttachListener(attach -> {
            UI ui = attach.getUI();
            Consumer<WorkloadChanged> follower = event -> {
                try {
                    ui.access(() -> {
                        if (page.isAttached()) {
                            onChange.accept(event);
                        }
                    });
                } catch (UIDetachedException closed) {
                    // The tab went away between the change and its delivery; its detach removes the follower.
                }
            };
            followers.add(follower);
            page.addDetachListener(detach -> {
                followers.remove(follower);
                detach.unregisterListener();
            });
        });
    }

    /** How many pages follow now. */
    int followers() {
        return followers.size();
    }
}
