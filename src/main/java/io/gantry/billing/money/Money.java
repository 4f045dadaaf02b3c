package io.gantry.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount in the configured currency, exact, at the currency's own number of decimals (two for CNY and USD).
 *
 * <p>The rounding rule, the one place any amount is rounded: an exact amount (a price times a duration) is rounded
 * half up to the currency's decimals ({@link #ROUNDING}). Amounts typed by people are never rounded: one with more
 * decimals than the currency has is refused ({@link #parse}).
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    /** Larger than any top-up anyone means; the ledger's columns hold 15 digits before the point. */
    public static final BigDecimal MOST = new BigDecimal("1000000000000");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amount.stripTrailingZeros().scale() > digits(currency)) {
            throw new ArithmeticException(amount + " has more decimals than " + currency + " has");
        }
        amount = amount.setScale(digits(currency), ROUNDING);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** The exact amount rounded by the rule above. */
    public static Money rounded(BigDecimal exact, Currency currency) {
        return new Money(exact.setScale(digits(currency), ROUNDING), currency);
    }

    /** Why a typed amount is not one that can be credited. */
    public enum Refusal {
        REQUIRED, NOT_A_NUMBER, NOT_POSITIVE, TOO_MANY_DECIMALS, TOO_LARGE
    }

    /** The outcome of reading a typed amount: the amount, or why not. */
    public record Parsed(Optional<Money> money, Optional<Refusal> refusal) {
    }

    /**
     * Reads an amount a person typed to credit (a top-up, a refund): positive, at most the currency's decimals, below
     * {@link #MOST}. Blanks around it are allowed; a thousands separator, an exponent or a sign other than a leading
     * minus are not numbers.
     */
    public static Parsed parse(String text, Currency currency) {
        if (text == null || text.isBlank()) {
            return refused(Refusal.REQUIRED);
        }
        String stripped = text.strip();
        if (!stripped.matches("-?\\d+(\\.\\d+)?")) {
            return refused(Refusal.NOT_A_NUMBER);
        }
        return check(new BigDecimal(stripped), currency);
    }

    /** As {@link #parse}, for an amount a field already read as a number. */
    public static Parsed check(BigDecimal amount, Currency currency) {
        if (amount == null) {
            return refused(Refusal.REQUIRED);
        }
        if (amount.signum() <= 0) {
            return refused(Refusal.NOT_POSITIVE);
        }
        if (amount.stripTrailingZeros().scale() > digits(currency)) {
            return refused(Refusal.TOO_MANY_DECIMALS);
        }
        if (amount.compareTo(MOST) >= 0) {
            return refused(Refusal.TOO_LARGE);
        }
        return new Parsed(Optional.of(new Money(amount, currency)), Optional.empty());
    }

    private static Parsed refused(Refusal refusal) {
        return new Parsed(Optional.empty(), Optional.of(refusal));
    }

    public static int digits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        same(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        same(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        same(other);
        return amount.compareTo(other.amount);
    }

    private void same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(currency + " and " + other.currency + " do not add up");
        }
    }

    /** The amount as plain digits with the currency's decimals, e.g. {@code 1250.00}; the UI adds the code. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
