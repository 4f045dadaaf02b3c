package io.gantry.monitoring.ui;

import com.vaadin.flow.component.Component;
import io.gantry.monitoring.NoticesChanged;
import io.gantry.shared.ui.PageUpdates;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the open pages of a user that their notices changed, so that the bell's count follows a notice as it arrives
 * (and a notice read in another tab). A notice sent by another replica shows at the user's next navigation.
 */
@org.springframework.stereotype.Component
public class NoticeUpdates {

    private final PageUpdates<NoticesChanged> pages = new PageUpdates<>();

    /** After the commit, so that a page that counts again sees the change. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(NoticesChanged event) {
        pages.publish(event);
    }

    /** Runs {@code onChange} in the component's UI for each change of the user's notices while it is attached. */
    void follow(Component component, long userId, Runnable onChange) {
        pages.follow(component, change -> change.userId() == userId, change -> onChange.run());
    }

    int followers() {
        return pages.followers();
    }
}
