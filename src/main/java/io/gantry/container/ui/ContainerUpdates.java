package io.gantry.container.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import io.gantry.workload.WorkloadChanged;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells open container pages that a container changed state, through server push, so that "Creating" turns into
 * "Running" as it happens rather than at the user's next refresh. A page follows while it is attached and stops on
 * detach, so a closed tab leaves nothing behind. Only this replica's changes arrive here; the pages' refresh interval
 * still covers changes made by other replicas.
 */
@Component
public class ContainerUpdates {

    private final Set<Consumer<WorkloadChanged>> followers = ConcurrentHashMap.newKeySet();
    // The thread that moved the container (starting it, say) must not wait for pages to lock their sessions.
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    /** After the commit, so that a page that reads the container again sees the new state. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(WorkloadChanged event) {
        if (!"container".equals(event.kind())) {
            return;
        }
        for (Consumer<WorkloadChanged> follower : followers) {
            delivery.execute(() -> follower.accept(event));
        }
    }

    /** Runs {@code onChange} in the page's UI for each change while the page is attached. */
    void follow(com.vaadin.flow.component.Component page, Consumer<WorkloadChanged> onChange) {
        page.addAttachListener(attach -> {
            UI ui = attach.getUI();
            Consumer<WorkloadChanged> follower = event -> {
                try {
                    ui.access(() -> {
                        // A change that arrives after the page was left has nothing left to show.
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

    /** How many pages follow now: none once every page that followed is detached. */
    int followers() {
        return followers.size();
    }
}
