package io.gantry.cluster.ui;

import io.gantry.shared.ui.Formats;
import java.math.BigDecimal;
import java.text.NumberFormat;

/** Prices as the inventory screens show them, with up to four decimals; memory is {@link Formats#memory}. */
final class Quantities {

    static final int MIB_PER_GIB = 1024;

    private Quantities() {
    }

    static String price(BigDecimal price) {
        if (price == null) {
            return "-";
        }
        NumberFormat format = NumberFormat.getNumberInstance(Formats.locale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(4);
        return format.format(price);
    }
}
