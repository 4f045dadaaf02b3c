package io.gantry.billing.ui;

import io.gantry.billing.money.Money;
import io.gantry.shared.ui.Formats;
import java.text.NumberFormat;

/** Amounts of money as the wallet page shows them: grouped in the reader's language, the currency's decimals. */
final class Amounts {

    private Amounts() {
    }

    /** E.g. {@code 1,250.00 CNY}; a charge keeps its minus sign. */
    static String shown(Money money) {
        return number(money) + " " + money.currency().getCurrencyCode();
    }

    static String number(Money money) {
        NumberFormat format = NumberFormat.getNumberInstance(Formats.locale());
        int digits = Money.digits(money.currency());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(money.amount());
    }
}
