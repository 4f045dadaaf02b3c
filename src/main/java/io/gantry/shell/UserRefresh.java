package io.gantry.shell;

import com.vaadin.flow.component.Component;
import io.gantry.identity.CurrentUser;

/**
 * Reloads a page's figures at the data refresh interval the signed-in user chose (Settings), while the page is shown;
 * an interval of 0 means never.
 */
public final class UserRefresh {

    private UserRefresh() {
    }

    public static void every(Component page, Runnable refresh) {
        page.addAttachListener(attach -> {
            int seconds = CurrentUser.get().map(u -> u.preferences().refreshSeconds()).orElse(0);
            if (seconds <= 0) {
                return;
            }
            var ui = attach.getUI();
            ui.setPollInterval(seconds * 1000);
            var polling = ui.addPollListener(poll -> refresh.run());
            page.addDetachListener(detach -> {
                polling.remove();
                detach.getUI().setPollInterval(-1);
                detach.unregisterListener();
            });
        });
    }
}
