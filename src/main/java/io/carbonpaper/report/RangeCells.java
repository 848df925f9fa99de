package io.carbonpaper.report;

import io.carbonpaper.unit.Range;

import java.util.function.ToDoubleFunction;

/**
 * Cells for values with a low-high range: "192 (150–240)" in print, the ends in the centre's
 * precision ("0.237 (0.162–0.250)", "$9.50 ($6.49–$13.00)"), the central value as the raw value,
 * and the ends as {@code _low}/{@code _high} CSV values. A point range prints as the number alone.
 */
final class RangeCells {
    private RangeCells() {}

    static <T extends Comparable<T>> Cell figure(Range<T> r, ToDoubleFunction<T> value) {
        double c = value.applyAsDouble(r.central()), lo = value.applyAsDouble(r.low()), hi = value.applyAsDouble(r.high());
        String text = Numerals.figure(c);
        int d = Numerals.decimalsOf(text);
        String low = Numerals.rangeEnd(lo, d), high = Numerals.rangeEnd(hi, d);
        if (!low.equals(high)) text += " (" + low + "\u2013" + high + ")";
        return Cell.of(text, Numerals.raw(c));
    }

    static <T extends Comparable<T>> Cell money(Range<T> r, ToDoubleFunction<T> amount, String currency) {
        double c = amount.applyAsDouble(r.central()), lo = amount.applyAsDouble(r.low()), hi = amount.applyAsDouble(r.high());
        String text = Numerals.money(c, currency);
        int d = Math.abs(c) >= 10 ? 0 : 2;
        String low = Numerals.money(lo, currency, d), high = Numerals.money(hi, currency, d);
        if (!low.equals(high)) text += " (" + low + "\u2013" + high + ")";
        return Cell.of(text, Numerals.raw(c));
    }

    static <T extends Comparable<T>> String raw(Range<T> r, ToDoubleFunction<T> value, int end) {
        return Numerals.raw(value.applyAsDouble(end < 0 ? r.low() : end > 0 ? r.high() : r.central()));
    }
}
