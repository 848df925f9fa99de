package io.carbonpaper.render.charts;

import io.carbonpaper.report.Numerals;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/** Value labels printed as the tables print numbers ({@link Numerals#figure}), so a chart and its table agree. */
final class FigureNumberFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(Numerals.figure(number));
    }

    @Override public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(Numerals.figure(number));
    }

    @Override public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("labels are only printed");
    }
}
