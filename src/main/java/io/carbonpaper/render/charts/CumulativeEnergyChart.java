package io.carbonpaper.render.charts;

import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.geom.Ellipse2D;

/** The project's running energy total over calendar time, a step at each experiment's end. */
final class CumulativeEnergyChart {
    private CumulativeEnergyChart() {}

    static JFreeChart of(FigureData.Cumulative data) {
        XYSeries s = new XYSeries("Cumulative energy", false, true);
        for (FigureData.Cumulative.Step step : data.steps()) s.add(step.time().toEpochMilli(), step.total().kilowattHours());
        XYSeriesCollection dataset = new XYSeriesCollection(s);
        long span = data.steps().get(data.steps().size() - 1).time().toEpochMilli() - data.steps().get(0).time().toEpochMilli();
        DateAxis time = ChartStyle.timeAxis(span <= 2L * 86_400_000 ? "Time (UTC)" : "Date (UTC)", span);
        NumberAxis kwh = ChartStyle.numberAxis("Cumulative energy incl. PUE (kWh)");
        XYStepRenderer r = new XYStepRenderer();
        r.setSeriesPaint(0, ChartStyle.colour(0));
        r.setSeriesStroke(0, ChartStyle.line());
        r.setDefaultShapesVisible(true);
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        XYPlot plot = new XYPlot(dataset, time, kwh, r);
        ChartStyle.plot(plot);
        return ChartStyle.chart(plot, false);
    }
}
