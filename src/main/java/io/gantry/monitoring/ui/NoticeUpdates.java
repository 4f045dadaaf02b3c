package io.gantry.monitoring.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import io.gantry.monitoring.NoticesChanged;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the open pages of a user that their notices changed, through server push, so that the bell's count follows a
 * notice as it arrives (and a notice read in another tab). A page follows while it is attached and stops on detach.
 * Only this replica's changes arrive here; a notice sent by another replica shows at the user's next navigation.
 */
@org.springframework.stereotype.Component
public class NoticeUpdates {

    private final Map<Runnable, Long> followers = new ConcurrentHashMap<>();
    // The transaction that added the notice (a periodic job's, say) must not wait for pages to lock their sessions.
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    /** After the commit, so that a page that counts again sees the change. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(NoticesChanged event) {
        followers.forEach((follower, userId) -> {
            if (userId == event.userId()) {
                delivery.execute(follower);
            }
        });
    }

    /** Runs {@code onChange} in the component's UI for each change of the user's notices while it is attached. */
    void follow(Component component, long userId, Runnable onChange) {
        component.addAttachListener(attach -> {
            UI ui = attach.getUI();
            Runnable follower = () -> {
                try {
                    ui.access(() -> {
                        if (component.isAttached()) {
                            onChange.run();
                        }
                    });
                } catch (UIDetachedException closed) {
                    // The tab went away between the change and its delivery; its detach removes the follower.
                }
            };
            followers.put(follower, userId);
            component.addDetachListener(detach -> {
                followers.remove(follower);
                detach.unregisterListener();
            });
        });
    }

    /** How many components follow now. */
    int followers() {
        return followers.size();
    }
}
