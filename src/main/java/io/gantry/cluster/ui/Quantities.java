package io.gantry.cluster.ui;

import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.math.BigDecimal;
import java.text.NumberFormat;

/** Memory and prices as the inventory screens show them: binary units, and prices with up to four decimals. */
final class Quantities {

    static final int MIB_PER_GIB = 1024;

    private Quantities() {
    }

    /** "80 GiB" for whole gibibytes, "400 MiB" otherwise. */
    static String memory(long mib) {
        NumberFormat format = NumberFormat.getIntegerInstance(Formats.locale());
        if (mib >= MIB_PER_GIB && mib % MIB_PER_GIB == 0) {
            return Ui.t("cluster.unit.gib-value", format.format(mib / MIB_PER_GIB));
        }
        return Ui.t("cluster.unit.mib-value", format.format(mib));
    }

    /** Always in GiB, with one decimal where needed, so that nodes compare at a glance. */
    static String gib(long mib) {
        NumberFormat format = NumberFormat.getNumberInstance(Formats.locale());
        format.setMaximumFractionDigits(1);
        return Ui.t("cluster.unit.gib-value", format.format(mib / (double) MIB_PER_GIB));
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
