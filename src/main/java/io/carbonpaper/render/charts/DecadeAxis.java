package io.carbonpaper.render.charts;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 log axis whose ticks sit on whole decades and whose labels never overlap: every
 * decade gets a tick, but only every first, second, third… decade (a multiple of the step) a
 * label, the step being the smallest that leaves room for the widest label. The others are minor
 * ticks without a label or grid line. JFreeChart's own choice labelled every decade across eight
 * of them, one over the other, or only two across the whole axis.
 *
 * <p>Labels are plain numbers ("0.001", "1", "10,000") while every decade on the axis lies
 * between 10<sup>−3</sup> and 10<sup>5</sup>; beyond that all are powers of ten ("10⁻²", "10⁶"),
 * which stay short and exact. An axis that holds fewer than two whole decades gets evenly spaced
 * round values instead (0.25, 0.3, 0.35).
 */
final class DecadeAxis extends LogAxis {
    /** Space between two labels, in Java2D units (the chart's pixels). */
    static final double GAP = 12;
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    DecadeAxis(String label) {
        super(label);
        setBase(10);
        setMinorTickMarksVisible(true);
        setTickMarkOutsideLength(4);
        setMinorTickMarkOutsideLength(2);
        setMinorTickMarkInsideLength(0);
        ChartStyle.axis(this);
    }

    @Override
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        double lower = calculateLog(getLowerBound()), upper = calculateLog(getUpperBound());
        int first = (int) Math.ceil(lower - 1e-9), last = (int) Math.floor(upper + 1e-9);
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        FontMetrics fm = g2.getFontMetrics(getTickLabelFont());
        TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        if (last - first < 1) return withinADecade(fm, horizontal, anchor, dataArea, edge);
        boolean plain = first >= -3 && last <= 5;
        double widest = 0;
        for (int k = first; k <= last; k++) widest = Math.max(widest, horizontal ? fm.stringWidth(label(k, plain)) : fm.getHeight());
        double perDecade = (horizontal ? dataArea.getWidth() : dataArea.getHeight()) / Math.max(upper - lower, 1e-9);
        int step = step(widest, perDecade);
        List<NumberTick> ticks = new ArrayList<>();
        for (int k = first; k <= last; k++) {
            boolean major = Math.floorMod(k, step) == 0;
            ticks.add(new NumberTick(major ? TickType.MAJOR : TickType.MINOR, Math.pow(10, k), major ? label(k, plain) : "", anchor, anchor, 0.0));
        }
        return ticks;
    }

    /**
     * An axis that holds fewer than two whole decades (the values of a sweep, say): evenly spaced
     * round values, every 1, 2 or 5 times a power of ten, the finest step whose labels keep clear of
     * each other and still give two of them.
     */
    private List<NumberTick> withinADecade(FontMetrics fm, boolean horizontal, TextAnchor anchor, Rectangle2D area, RectangleEdge edge) {
        double lower = getLowerBound(), upper = getUpperBound();
        List<NumberTick> best = List.of();
        for (int j = (int) Math.floor(Math.log10(upper - lower)) - 2; j <= (int) Math.ceil(Math.log10(upper)); j++)
            for (int m : new int[] {1, 2, 5}) {
                java.math.BigDecimal step = java.math.BigDecimal.valueOf(m).scaleByPowerOfTen(j);
                long from = (long) Math.ceil(lower / step.doubleValue() - 1e-9), to = (long) Math.floor(upper / step.doubleValue() + 1e-9);
                if (to - from > 40) continue;
                List<NumberTick> ticks = new ArrayList<>();
                double previous = Double.NaN, previousHalf = 0;
                boolean clear = true;
                for (long n = from; n <= to; n++) {
                    if (n <= 0) continue;
                    java.math.BigDecimal v = step.multiply(java.math.BigDecimal.valueOf(n));
                    String text = plain(v);
                    double at = valueToJava2D(v.doubleValue(), area, edge), half = (horizontal ? fm.stringWidth(text) : fm.getHeight()) / 2.0;
                    if (!Double.isNaN(previous) && Math.abs(at - previous) < previousHalf + half + (horizontal ? GAP : 4)) clear = false;
                    previous = at;
                    previousHalf = half;
                    ticks.add(new NumberTick(TickType.MAJOR, v.doubleValue(), text, anchor, anchor, 0.0));
                }
                if (ticks.size() < 2) return best.isEmpty() ? ticks : best;
                best = ticks;
                if (clear) return ticks;
            }
        return best;
    }

    /** A tick value in plain notation, thousands grouped, no trailing zeros. */
    static String plain(java.math.BigDecimal v) {
        java.math.BigDecimal d = v.stripTrailingZeros();
        return d.scale() <= 0 ? String.format(java.util.Locale.ROOT, "%,d", d.longValueExact()) : d.toPlainString();
    }

    /** The fewest decades between labels that keeps {@code widest} plus a gap clear of the next label. */
    static int step(double widest, double perDecade) {
        if (!(perDecade > 0)) return 1;
        return Math.max(1, (int) Math.ceil((widest + GAP) / perDecade - 1e-9));
    }

    /** 10^k as a label: plain with thousands grouped, or as a power of ten. */
    static String label(int k, boolean plain) {
        if (plain) return k >= 0 ? String.format(java.util.Locale.ROOT, "%,d", Math.round(Math.pow(10, k))) : "0." + "0".repeat(-k - 1) + "1";
        StringBuilder s = new StringBuilder("10");
        if (k < 0) s.append('⁻');
        for (char c : Integer.toString(Math.abs(k)).toCharArray()) s.append(SUPERSCRIPTS.charAt(c - '0'));
        return s.toString();
    }
}
