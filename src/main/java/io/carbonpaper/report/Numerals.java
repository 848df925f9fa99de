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
     * grouping. The value's exact decimal expansion rounded half-even ({@link #rawExact}); a
     * folded history prints millions of these, so the rounding is first done in {@code long}
     * arithmetic and left to {@code BigDecimal} only where that could differ (issue 20): a value
     * out of [1e-11, 1e34), or one whose 13th significant digit onwards is within a thousandth of a
     * tie. The scaled value {@code |v| * 10^k} is one correctly rounded multiplication or division
     * by an exact power of ten, so it is within half an ulp (below 1.3e-4) of the exact product;
     * outside that margin of .5 both round to the same integer.
     */
    public static String raw(double v) {
        if (!Double.isFinite(v)) return "";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-11 || a >= 1e34) return rawExact(v);
        int k = 11 - (int) Math.floor(Math.log10(a)); // |v| * 10^k has 12 digits before the point, or nearly
        for (int tries = 0; tries < 3; tries++) {
            if (k < -22 || k > 22) return rawExact(v);
            double scaled = k >= 0 ? a * POW10[k] : a / POW10[-k];
            if (scaled < 1e11) { // log10 rounded up across a power of ten: one digit more
                k++;
                continue;
            }
            if (scaled >= 1e12) { // or down: one digit fewer
                k--;
                continue;
            }
            double floor = Math.floor(scaled);
            double frac = scaled - floor;
            if (Math.abs(frac - 0.5) < 1e-3) return rawExact(v); // a tie, or too near one to tell
            return plain(v < 0, (long) floor + (frac > 0.5 ? 1 : 0), k); // 10^12 at most: the same value as 12 digits write it
        }
        return rawExact(v);
    }

    /** {@code 10^0 .. 10^22}, each exact as a double. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++, p *= 10) POW10[i] = p;
    }

    /** {@code n * 10^-k} in plain notation, trailing zeros dropped, as {@link #rawExact} writes it. */
    private static String plain(boolean negative, long n, int k) {
        while (n % 10 == 0) {
            n /= 10;
            k--;
        }
        String digits = Long.toString(n);
        StringBuilder b = new StringBuilder(24);
        if (negative) b.append('-');
        if (k <= 0) {
            b.append(digits);
            for (int i = 0; i < -k; i++) b.append('0');
        } else if (digits.length() > k) {
            b.append(digits, 0, digits.length() - k).append('.').append(digits, digits.length() - k, digits.length());
        } else {
            b.append("0.");
            for (int i = digits.length(); i < k; i++) b.append('0');
            b.append(digits);
        }
        return b.toString();
    }

    /** {@link #raw} by {@code BigDecimal}: the exact value rounded to 12 significant figures, half-even. */
    static String rawExact(double v) {
        if (!Double.isFinite(v)) return "";
        if (v == 0) return "0";
        BigDecimal bd = new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return bd.scale() < 0 ? bd.setScale(0).toPlainString() : bd.toPlainString();
    }
}
