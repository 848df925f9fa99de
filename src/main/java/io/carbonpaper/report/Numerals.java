package io.carbonpaper.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How numbers are printed, consistently across every table: whole numbers with thousands
 * separators from 10 upwards (the paper prints 27, 201, 656,347), three significant figures
 * below 10 (so a one-hour test run shows 0.00351 kWh, not 0). Raw values for CSV keep full
 * precision in plain notation.
 */
public final class Numerals {
    private Numerals() {}

    public static String figure(double v) {
        if (!Double.isFinite(v)) return "\u2013";
        double a = Math.abs(v);
        if (a >= 10 || a == 0) return grouped(v, 0);
        BigDecimal bd = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN));
        return bd.stripTrailingZeros().toPlainString().replace("-", "\u2212");
    }

    /** A fixed number of decimals with thousands separators (power in W: 1,415.78). */
    public static String grouped(double v, int decimals) {
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f.format(v).replace("-", "\u2212");
    }

    /** Hours as given: whole hours grouped, otherwise one decimal (79.2). */
    public static String hours(double h) {
        if (h >= 10 && Math.abs(h - Math.rint(h)) < 1e-9) return grouped(h, 0);
        if (h >= 1) return grouped(h, Math.abs(h * 10 - Math.rint(h * 10)) < 1e-9 ? 1 : 2);
        return figure(h);
    }

    /** Money: whole units from 10 up, cents below; "$" for USD, else the code. */
    public static String money(double amount, String currency) {
        String n = Math.abs(amount) >= 10 ? grouped(amount, 0) : grouped(amount, 2);
        return "USD".equals(currency) ? "$" + n : n + " " + currency;
    }

    /** An en-dash range ("$289–$981"). */
    public static String moneyRange(double low, double high, String currency) {
        return money(low, currency) + "\u2013" + money(high, currency);
    }

    /**
     * Unrounded for every practical purpose, for CSV: 12 significant figures (far beyond any
     * input's precision, short of binary noise such as 26.843188800000004), plain notation, no
     * grouping.
     */
    public static String raw(double v) {
        if (!Double.isFinite(v)) return "";
        if (v == 0) return "0";
        BigDecimal bd = new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return bd.scale() < 0 ? bd.setScale(0).toPlainString() : bd.toPlainString();
    }
}
