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

    /**
     * Hours, one rule everywhere (tables, statement, experiment pages, {@code inspect}): three
     * significant figures, whole hours from 100 up (the paper's 79.2, 84, 336; 307,610, not
     * 307,609.55; 0.987, not 0.9868611111111111).
     */
    public static String hours(double h) { return threeFigures(h); }

    /** Power in W: three significant figures, whole watts from 100 up (a catalog TDP is "300", not "300.00"). */
    public static String watts(double w) { return threeFigures(w); }

    /** Three significant figures, whole numbers (grouped) from 100 up; trailing zeros dropped. */
    static String threeFigures(double v) {
        if (!Double.isFinite(v)) return "\u2013";
        if (Math.abs(v) >= 99.95 || v == 0) return grouped(v, 0);
        BigDecimal bd = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN));
        return bd.stripTrailingZeros().toPlainString().replace("-", "\u2212");
    }

    /** The decimals {@code text} shows (digits after its '.'; 0 without one). */
    static int decimalsOf(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) return 0;
        int n = 0;
        for (int i = dot + 1; i < text.length() && Character.isDigit(text.charAt(i)); i++) n++;
        return n;
    }

    /**
     * The end of a range printed in its centre's precision: {@code decimals} decimals (the
     * centre's), or fewer where that would give the end more than three significant figures
     * (an upper end ten times the centre).
     */
    static String rangeEnd(double v, int decimals) {
        if (!Double.isFinite(v)) return "\u2013";
        int ownDecimals = v == 0 ? decimals : Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        return grouped(v, Math.min(decimals, ownDecimals));
    }

    /** Money: whole units from 10 up, cents below; "$" for USD, else the code. */
    public static String money(double amount, String currency) {
        return money(amount, currency, Math.abs(amount) >= 10 ? 0 : 2);
    }

    /** Money with {@code decimals} decimals (0: whole units, 2: cents). */
    static String money(double amount, String currency, int decimals) {
        String n = grouped(amount, decimals);
        return "USD".equals(currency) ? "$" + n : n + " " + currency;
    }

    /** An en-dash range ("$289–$981"; "$0.39–$1.30": cents at both ends when either needs them). */
    public static String moneyRange(double low, double high, String currency) {
        int d = Math.abs(low) >= 10 && Math.abs(high) >= 10 ? 0 : 2;
        return money(low, currency, d) + "\u2013" + money(high, currency, d);
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
