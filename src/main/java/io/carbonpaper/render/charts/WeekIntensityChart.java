package io.carbonpaper.render.charts;

import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.text.DateFormat;
import java.time.temporal.ChronoUnit;

/**
 * A week of hourly grid intensity as steps (each hour's figure held for the hour), with a shaded band
 * and the experiment's name over the hours each experiment drew power. A NaN hour breaks the line.
 */
final class WeekIntensityChart {
    private static final Color BAND = new Color(0xE6, 0x9F, 0x00, 0x40);

    private WeekIntensityChart() {}

    static JFreeChart of(FigureData.WeekIntensity data) {
        XYSeries s = new XYSeries("Grid intensity", false, true);
        for (FigureData.WeekIntensity.Hour h : data.hours()) s.add(h.start().toEpochMilli(), h.gramsPerKilowattHour());
        // The last hour is held to the end of the week, as a step chart holds every other.
        FigureData.WeekIntensity.Hour last = data.hours().get(data.hours().size() - 1);
        s.add(last.start().plus(1, ChronoUnit.HOURS).toEpochMilli(), last.gramsPerKilowattHour());
        XYSeriesCollection dataset = new XYSeriesCollection(s);
        DateAxis time = ChartStyle.timeAxis("Date (UTC)", 7L * 86_400_000);
        time.setRange(data.weekStart().toEpochMilli(), data.weekStart().plus(7, ChronoUnit.DAYS).toEpochMilli());
        // One tick a day, at midnight UTC, named by its weekday (the automatic unit put two ticks in a day under one label).
        DateFormat day = ChartStyle.utc("EEE MM-dd");
        time.setTickUnit(new DateTickUnit(DateTickUnitType.DAY, 1, day));
        time.setDateFormatOverride(day);
        NumberAxis grams = ChartStyle.numberAxis("Grid intensity (g CO\u2082e/kWh)");
        XYStepRenderer r = new XYStepRenderer();
        r.setSeriesPaint(0, ChartStyle.colour(0));
        r.setSeriesStroke(0, ChartStyle.line());
        XYPlot plot = new XYPlot(dataset, time, grams, r);
        ChartStyle.plot(plot);
        for (FigureData.WeekIntensity.Run run : data.runs()) {
            IntervalMarker m = new IntervalMarker(run.from().toEpochMilli(), run.to().toEpochMilli(), BAND);
            m.setLabel(run.name());
            m.setLabelFont(ChartStyle.TICK);
            m.setLabelPaint(ChartStyle.INK);
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        return ChartStyle.chart(plot, false);
    }
}
