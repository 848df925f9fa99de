package io.carbonpaper.render.charts;

import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Power over time. One device: one line. Several: the total on top, then a small panel per
 * device (in the order the trace lists them) sharing the time axis and one power scale, so that
 * eight GPUs read as eight lines side by side instead of a tangle. A NaN watt value is a gap in
 * the trace: the line breaks there instead of bridging it.
 */
final class PowerOverTimeChart {
    /** The top of a panel's power axis over its highest value: room above the lines for the panel's name. */
    static final double HEADROOM = 1.35;

    private PowerOverTimeChart() {}

    static JFreeChart of(FigureData.PowerOverTime data) {
        Map<String, XYSeries> byDevice = new LinkedHashMap<>();
        Labels keys = new Labels();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        double highest = 0;
        for (TraceSummary.ChartPoint p : data.points()) {
            // autosort off: the points are already in time order; duplicates allowed so a gap marker can share a time
            XYSeries s = byDevice.computeIfAbsent(p.device(), d -> new XYSeries(keys.unique(d.startsWith(FigureData.PowerOverTime.GROUP) ? d : "Device " + d), false, true));
            long t = p.time().toEpochMilli();
            s.add(t, Double.isFinite(p.watts()) ? p.watts() : Double.NaN);
            if (Double.isFinite(p.watts())) highest = Math.max(highest, p.watts());
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        DateAxis time = ChartStyle.timeAxis("Time (UTC)", Math.max(0, last - first));
        if (byDevice.size() <= 1) {
            XYSeriesCollection dataset = new XYSeriesCollection();
            byDevice.values().forEach(dataset::addSeries);
            XYPlot plot = new XYPlot(dataset, time, ChartStyle.numberAxis("Power (W)"), line(0, dataset.getSeriesCount() == 0 ? null : dataset.getSeries(0)));
            ChartStyle.plot(plot);
            return ChartStyle.chart(plot, false);
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(6);
        XYSeries total = new XYSeries("Total", false, true);
        for (TraceSummary.ChartPoint p : data.total()) total.add(p.time().toEpochMilli(), Double.isFinite(p.watts()) ? p.watts() : Double.NaN);
        NumberAxis totalAxis = ChartStyle.numberAxis("Total (W)");
        totalAxis.setUpperMargin(HEADROOM - 1);
        plot.add(panel(total, totalAxis, 6, "Total"), 4);
        for (XYSeries s : byDevice.values()) {
            NumberAxis watts = ChartStyle.numberAxis("W");
            // one scale for every device, with headroom above the highest line for the panel's name
            watts.setRange(0, highest > 0 ? highest * HEADROOM : 1);
            watts.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(niceStep(highest)), false, false);
            watts.setNumberFormatOverride(ChartStyle.numberFormat());
            plot.add(panel(s, watts, 0, (String) s.getKey()), 1);
        }
        return ChartStyle.chart(plot, false);
    }

    static boolean hasIsolatedPoint(XYSeries s) {
        for (int i = 0; i < s.getItemCount(); i++) {
            boolean here = Double.isFinite(s.getY(i).doubleValue());
            boolean before = i > 0 && Double.isFinite(s.getY(i - 1).doubleValue());
            boolean after = i + 1 < s.getItemCount() && Double.isFinite(s.getY(i + 1).doubleValue());
            if (here && !before && !after) return true;
        }
        return false;
    }

    /** A tick step that puts two or three labels on a small panel's power axis. */
    static double niceStep(double highest) {
        if (!(highest > 0)) return 1;
        double raw = highest / 2, decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * decade >= raw) return m * decade;
        return 10 * decade;
    }

    private static XYPlot panel(XYSeries series, NumberAxis watts, int colour, String name) {
        XYPlot p = new XYPlot(new XYSeriesCollection(series), null, watts, line(colour, series));
        ChartStyle.plot(p);
        TextTitle title = new TextTitle(name, ChartStyle.TICK);
        title.setPaint(ChartStyle.INK);
        title.setBackgroundPaint(new Color(255, 255, 255, 200));
        title.setPadding(new RectangleInsets(0, 4, 0, 4));
        p.addAnnotation(new XYTitleAnnotation(0.0, 1.0, title, RectangleAnchor.TOP_LEFT));
        return p;
    }

    private static XYLineAndShapeRenderer line(int colour, XYSeries series) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        // A sample with a gap on both sides has no line to be part of: drawn as a dot, or a sparse
        // trace (a tracker's samples a minute apart) would be an empty chart.
        if (series != null && hasIsolatedPoint(series)) {
            r.setSeriesShapesVisible(0, true);
            r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        // One path per series, not an SVG <line> per segment: a 24-hour 8-GPU trace's SVG shrinks from
        // 798 KB to 63 KB. A NaN still breaks the line: the path starts a new subpath after it.
        r.setDrawSeriesLineAsPath(true);
        r.setSeriesPaint(0, ChartStyle.colour(colour));
        r.setSeriesStroke(0, ChartStyle.line());
        return r;
    }
}
