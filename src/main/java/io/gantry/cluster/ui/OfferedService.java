package io.gantry.cluster.ui;

import io.gantry.cluster.FrameworkImage;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The services a container started from an image can offer, as the image screens name them. */
enum OfferedService {
    SSH, JUPYTER, TERMINAL, TENSORBOARD;

    static Set<OfferedService> of(FrameworkImage image) {
        Set<OfferedService> offered = EnumSet.noneOf(OfferedService.class);
        for (OfferedService service : values()) {
            if (service.offeredBy(image)) {
                offered.add(service);
            }
        }
        return offered;
    }

    boolean offeredBy(FrameworkImage image) {
        return switch (this) {
            case SSH -> image.offersSsh();
            case JUPYTER -> image.offersJupyter();
            case TERMINAL -> image.offersTerminal();
            case TENSORBOARD -> image.offersTensorboard();
        };
    }

    String labelKey() {
        return "images.service." + name().toLowerCase(Locale.ROOT);
    }
}
