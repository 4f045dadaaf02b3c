package io.gantry.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Hands changes to the open pages that follow them, through server push. A page follows while it is attached and
 * stops on detach, so a closed tab leaves nothing behind. Only the changes published on this replica arrive; pages
 * read again on navigation (or on their refresh interval) for the others'.
 *
 * @param <E> the change, as its feature publishes it
 */
public final class PageUpdates<E> {

    private record Follower<E>(Predicate<? super E> wants, Consumer<E> deliver) {
    }

    private final Set<Follower<E>> followers = ConcurrentHashMap.newKeySet();
    // The thread that made the change (often inside a transaction's after-commit work) must not wait for pages to
    // lock their sessions.
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    /** Delivers the change to every page that wants it. Call after the change is committed, so pages read it. */
    public void publish(E change) {
        for (Follower<E> follower : followers) {
            if (follower.wants().test(change)) {
                delivery.execute(() -> follower.deliver().accept(change));
            }
        }
    }

    /** Runs {@code onChange} in the page's UI for each change it {@code wants} while the page is attached. */
    public void follow(Component page, Predicate<? super E> wants, Consumer<? super E> onChange) {
        page.addAttachListener(attach -> {
            UI ui = attach.getUI();
            Follower<E> follower = new Follower<>(wants, change -> {
                try {
                    ui.access(() -> {
                        // A change that arrives after the page was left has nothing left to show.
                        if (page.isAttached()) {
                            onChange.accept(change);
                        }
                    });
                } catch (UIDetachedException closed) {
                    // The tab went away between the change and its delivery; its detach removes the follower.
                }
            });
            followers.add(follower);
            page.addDetachListener(detach -> {
                followers.remove(follower);
                detach.unregisterListener();
            });
        });
    }

    /** How many pages follow now: none once every page that followed is detached. */
    public int followers() {
        return followers.size();
    }
}
