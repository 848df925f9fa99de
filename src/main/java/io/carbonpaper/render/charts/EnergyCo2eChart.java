package io.carbonpaper.render.charts;

import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Energy and CO2e per experiment as two bar panels side by side, sharing the experiment axis, so
 * each quantity keeps its own unit. Horizontal bars keep long experiment names readable.
 */
final class EnergyCo2eChart {
    private EnergyCo2eChart() {}

    static JFreeChart of(FigureData.PerExperiment data) {
        DefaultCategoryDataset energy = new DefaultCategoryDataset();
        DefaultCategoryDataset co2 = new DefaultCategoryDataset();
        Labels keys = new Labels();
        for (FigureData.PerExperiment.Bar b : data.bars()) {
            String key = keys.unique(b.name());
            energy.addValue(b.energy().kilowattHours(), "Energy", key);
            co2.addValue(b.co2e().in(data.unit()), "CO\u2082e", key);
        }
        CategoryAxis experiments = new CategoryAxis(null);
        experiments.setCategoryMargin(0.25);
        experiments.setMaximumCategoryLabelWidthRatio(0.45f);
        ChartStyle.axis(experiments);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(experiments);
        plot.setGap(18);
        boolean log = data.logScale();
        String scale = log ? ", log scale" : "";
        plot.add(panel(energy, "Energy incl. PUE (kWh" + scale + ")", 0, log));
        plot.add(panel(co2, "CO\u2082e (" + data.unit().symbol() + scale + ")", 1, log));
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setOutlineVisible(false);
        return ChartStyle.chart(plot, false);
    }

    private static CategoryPlot panel(DefaultCategoryDataset d, String label, int colour, boolean log) {
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, ChartStyle.colour(colour));
        r.setMaximumBarWidth(0.12);
        // values at the bar ends: a sweep's small runs are otherwise invisible beside its largest
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new FigureNumberFormat()));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(ChartStyle.TICK);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        r.setItemLabelAnchorOffset(4);
        ValueAxis values;
        if (log) {
            // Bars rise from a decade below the smallest value, not from 0, which a log axis cannot show.
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < d.getColumnCount(); i++) {
                Number v = d.getValue(0, i);
                if (v != null && v.doubleValue() > 0) min = Math.min(min, v.doubleValue());
            }
            double floor = Math.pow(10, Math.floor(Math.log10(min)));
            r.setBase(floor);
            DecadeAxis a = new DecadeAxis(label);
            a.setSmallestValue(floor);
            a.setUpperMargin(0.3); // room for the value labels
            values = a;
        } else {
            NumberAxis a = ChartStyle.numberAxis(label);
            a.setUpperMargin(0.22); // room for the value labels
            values = a;
        }
        CategoryPlot p = new CategoryPlot(d, null, values, r);
        ChartStyle.plot(p);
        return p;
    }
}
