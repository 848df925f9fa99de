package io.carbonpaper.render.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DateFormat;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The look shared by every chart, chosen for print: white ground, no border, no shadows or
 * gradients, light horizontal grid, a logical font ("SansSerif") at fixed sizes so the output
 * does not depend on the desktop, numbers and dates in a fixed locale and UTC.
 */
final class ChartStyle {
    static final String FONT = "SansSerif";
    static final Font TICK = new Font(FONT, Font.PLAIN, 11);
    static final Font LABEL = new Font(FONT, Font.PLAIN, 12);
    static final Font LEGEND = new Font(FONT, Font.PLAIN, 11);

    /** Okabe and Ito's colour-blind-safe palette, darkest first so the first series prints well in grey. */
    static final List<Color> PALETTE = List.of(
            new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7),
            new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9), new Color(0x33, 0x33, 0x33), new Color(0xF0, 0xE4, 0x42));
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color INK = new Color(0x1A, 0x1A, 0x1A);

    private ChartStyle() {}

    static Paint colour(int series) { return PALETTE.get(series % PALETTE.size()); }

    static BasicStroke line() { return new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND); }

    /** A chart with no title (the figure caption is the title), a legend at the bottom only when asked. */
    static JFreeChart chart(Plot plot, boolean legend) {
        JFreeChart c = new JFreeChart(null, LABEL, plot, legend);
        c.setBackgroundPaint(Color.WHITE);
        c.setBorderVisible(false);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        c.setPadding(new RectangleInsets(6, 6, 6, 12));
        LegendTitle l = c.getLegend();
        if (l != null) {
            l.setItemFont(LEGEND);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
            l.setPosition(RectangleEdge.BOTTOM);
        }
        return c;
    }

    static void plot(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setOutlineVisible(false);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinePaint(GRID);
        p.setRangeGridlineStroke(new BasicStroke(0.5f));
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        axis(p.getDomainAxis());
        axis(p.getRangeAxis());
    }

    static void plot(CategoryPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setOutlineVisible(false);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinePaint(GRID);
        p.setRangeGridlineStroke(new BasicStroke(0.5f));
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        axis(p.getDomainAxis());
        axis(p.getRangeAxis());
    }

    static void axis(Axis a) {
        if (a == null) return;
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        a.setLabelPaint(INK);
        a.setTickLabelPaint(INK);
        a.setAxisLinePaint(INK);
        a.setTickMarkPaint(INK);
    }

    /** Most labelled ticks on a value axis: JFreeChart fills a tall axis with as many as fit (16 on the metric chart). */
    static final int MAX_TICKS = 8;

    /**
     * A value axis whose tick labels group thousands with a comma whatever the JVM's locale, with
     * at most {@link #MAX_TICKS} ticks: JFreeChart's own choice, widened to the next standard
     * unit until no more than that remain.
     */
    static NumberAxis numberAxis(String label) {
        NumberAxis a = new NumberAxis(label) {
            @Override
            protected void selectAutoTickUnit(java.awt.Graphics2D g2, java.awt.geom.Rectangle2D dataArea, RectangleEdge edge) {
                super.selectAutoTickUnit(g2, dataArea, edge);
                org.jfree.chart.axis.TickUnit unit = getTickUnit();
                while (getRange().getLength() / unit.getSize() > MAX_TICKS) {
                    org.jfree.chart.axis.TickUnit larger = getStandardTickUnits().getLargerTickUnit(unit);
                    if (larger.getSize() <= unit.getSize()) break;
                    unit = larger;
                }
                setTickUnit((org.jfree.chart.axis.NumberTickUnit) unit, false, false);
            }
        };
        a.setNumberFormatOverride(numberFormat());
        a.setAutoRangeIncludesZero(true);
        axis(a);
        return a;
    }

    static DecimalFormat numberFormat() {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /**
     * A time axis in UTC with ISO-like labels, independent of the JVM's zone and locale. The tick
     * size follows the span (a second to years) and each size is labelled just finely enough to tell
     * its ticks apart: a one-minute recording gets "11:58:35", not twelve ticks all labelled "11:58".
     */
    static DateAxis timeAxis(String label, long spanMillis) {
        DateAxis a = new DateAxis(label, UTC, Locale.ROOT);
        a.setStandardTickUnits(timeTickUnits(spanMillis));
        axis(a);
        return a;
    }

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    static TickUnits timeTickUnits(long spanMillis) {
        // hours across several days need the date beside the time
        DateFormat seconds = utc("HH:mm:ss"), minutes = utc(spanMillis > 86_400_000L ? "MM-dd HH:mm" : "HH:mm");
        DateFormat days = utc("MM-dd"), months = utc("yyyy-MM"), years = utc("yyyy");
        TickUnits u = new TickUnits();
        for (int n : new int[] {1, 2, 5, 10, 15, 30}) u.add(new DateTickUnit(DateTickUnitType.SECOND, n, seconds));
        for (int n : new int[] {1, 2, 5, 10, 15, 30}) u.add(new DateTickUnit(DateTickUnitType.MINUTE, n, minutes));
        for (int n : new int[] {1, 2, 3, 6, 12}) u.add(new DateTickUnit(DateTickUnitType.HOUR, n, minutes));
        for (int n : new int[] {1, 2, 7, 14}) u.add(new DateTickUnit(DateTickUnitType.DAY, n, days));
        for (int n : new int[] {1, 2, 3, 6}) u.add(new DateTickUnit(DateTickUnitType.MONTH, n, months));
        for (int n : new int[] {1, 2, 5, 10, 20, 50}) u.add(new DateTickUnit(DateTickUnitType.YEAR, n, years));
        return u;
    }

    /** A date format in UTC and the root locale, whatever the JVM's. */
    static DateFormat utc(String pattern) {
        SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT);
        f.setTimeZone(UTC);
        return f;
    }
}
