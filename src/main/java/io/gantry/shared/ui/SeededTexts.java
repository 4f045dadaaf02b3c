package io.gantry.shared.ui;

import com.vaadin.flow.component.UI;
import java.util.List;
import java.util.Locale;

/**
 * Texts the platform itself writes into the database on its first start (the administrator's nickname, the demo
 * images' descriptions, the demo credit's note), read in the user's language. A stored text that is still exactly the English one the platform
 * seeded (the {@code seeded.*} keys of the English bundle) is shown translated; once someone edits it, it is theirs
 * and shown as stored.
 */
public final class SeededTexts {

    private static final List<String> KEYS = List.of("seeded.admin-nickname", "seeded.image.python-password",
            "seeded.image.python-key", "seeded.demo-credit");

    private SeededTexts() {
    }

    public static String shown(String stored) {
        UI ui = UI.getCurrent();
        if (stored == null || ui == null) {
            return stored;
        }
        for (String key : KEYS) {
            if (stored.equals(ui.getTranslation(Locale.ENGLISH, key))) {
                return ui.getTranslation(key);
            }
        }
        return stored;
    }
}
