package io.carbonpaper.report;

import io.carbonpaper.unit.Range;

import java.util.function.ToDoubleFunction;

/**
 * Cells for values with a low-high range: "192 (150–240)" in print, the central value as the raw
 * value, and the ends as {@code _low}/{@code _high} CSV values. A point range prints as the
 * number alone.
 */
final class RangeCells {
    private RangeCells() {}

    static <T extends Comparable<T>> Cell figure(Range<T> r, ToDoubleFunction<T> value) {
        double c = value.applyAsDouble(r.central()), lo = value.applyAsDouble(r.low()), hi = value.applyAsDouble(r.high());
        String text = Numerals.figure(c);
        if (!Numerals.figure(lo).equals(Numerals.figure(hi))) text += " (" + Numerals.figure(lo) + "\u2013" + Numerals.figure(hi) + ")";
        return Cell.of(text, Numerals.raw(c));
    }

    static <T extends Comparable<T>> Cell money(Range<T> r, ToDoubleFunction<T> amount, String currency) {
        double c = amount.applyAsDouble(r.central()), lo = amount.applyAsDouble(r.low()), hi = amount.applyAsDouble(r.high());
        String text = Numerals.money(c, currency);
        if (!Numerals.money(lo, currency).equals(Numerals.money(hi, currency)))
            text += " (" + Numerals.money(lo, currency) + "\u2013" + Numerals.money(hi, currency) + ")";
        return Cell.of(text, Numerals.raw(c));
    }

    static <T extends Comparable<T>> String raw(Range<T> r, ToDoubleFunction<T> value, int end) {
        return Numerals.raw(value.applyAsDouble(end < 0 ? r.low() : end > 0 ? r.high() : r.central()));
    }
}
