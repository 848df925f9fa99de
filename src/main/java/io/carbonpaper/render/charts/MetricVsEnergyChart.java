package io.carbonpaper.render.charts;

import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A metric against energy on a log axis (sweeps span orders of magnitude), the Pareto front as
 * filled points joined by a line and labelled with the experiment's name, the dominated points open.
 */
final class MetricVsEnergyChart {
    private MetricVsEnergyChart() {}

    static JFreeChart of(FigureData.MetricVsEnergy data) {
        List<FigureData.MetricVsEnergy.Point> front = new ArrayList<>();
        XYSeries frontSeries = new XYSeries("Pareto front", false, true);
        XYSeries rest = new XYSeries("Dominated", false, true);
        for (FigureData.MetricVsEnergy.Point p : data.points()) {
            if (p.pareto()) front.add(p);
            else rest.add(p.energy().kilowattHours(), p.metric());
        }
        front.sort(Comparator.comparingDouble((FigureData.MetricVsEnergy.Point p) -> p.energy().kilowattHours()).thenComparing(p -> p.name()));
        for (FigureData.MetricVsEnergy.Point p : front) frontSeries.add(p.energy().kilowattHours(), p.metric());
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(frontSeries);
        dataset.addSeries(rest);

        DecadeAxis energy = new DecadeAxis("Energy incl. PUE (kWh, log scale)");
        energy.setSmallestValue(1e-9);
        NumberAxis metric = ChartStyle.numberAxis(data.metric() + (data.higherIsBetter() ? " (higher is better)" : " (lower is better)"));
        metric.setAutoRangeIncludesZero(false);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        Ellipse2D dot = new Ellipse2D.Double(-4, -4, 8, 8);
        r.setSeriesShape(0, dot);
        r.setSeriesShape(1, dot);
        r.setSeriesPaint(0, ChartStyle.colour(0));
        r.setSeriesPaint(1, ChartStyle.colour(6));
        r.setSeriesStroke(0, ChartStyle.line());
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShapesFilled(0, true);
        r.setSeriesShapesFilled(1, false);
        r.setUseFillPaint(false);
        XYItemLabelGenerator names = (d, series, item) -> series == 0 ? Labels.shown(front.get(item).name()) : null;
        r.setSeriesItemLabelGenerator(0, names);
        r.setSeriesItemLabelsVisible(0, true);
        r.setSeriesItemLabelFont(0, ChartStyle.TICK);
        XYPlot plot = new XYPlot(dataset, energy, metric, r);
        ChartStyle.plot(plot);
        return ChartStyle.chart(plot, true);
    }
}
