package io.carbonpaper.unit;

import java.util.Objects;

/**
 * An amount of money in one currency (ISO 4217 code). Amounts of different currencies never
 * mix: adding them is an error, not a silent conversion.
 */
public record Money(double amount, String currency) implements Comparable<Money> {
    public Money {
        Objects.requireNonNull(currency, "currency");
        if (Double.isNaN(amount)) throw new IllegalArgumentException("amount is NaN");
        if (!currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("not an ISO 4217 code: " + currency);
    }

    public static Money usd(double amount) { return new Money(amount, "USD"); }
    public static Money of(double amount, String currency) { return new Money(amount, currency); }
    public static Money zero(String currency) { return new Money(0, currency); }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount + other.amount, currency);
    }

    public Money times(double factor) { return new Money(amount * factor, currency); }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency))
            throw new IllegalArgumentException("cannot combine " + currency + " and " + other.currency);
    }

    @Override public int compareTo(Money o) {
        requireSameCurrency(o);
        return Double.compare(amount, o.amount);
    }

    @Override public String toString() { return amount + " " + currency; }
}
