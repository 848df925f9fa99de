package io.carbonpaper.render.charts;

import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
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
        for (FigureData.PerExperiment.Bar b : data.bars()) {
            String key = Labels.unique(energy.getColumnKeys(), b.name());
            energy.addValue(b.energy().kilowattHours(), "Energy", key);
            co2.addValue(b.co2e().in(data.unit()), "CO\u2082e", key);
        }
        CategoryAxis experiments = new CategoryAxis(null);
        experiments.setCategoryMargin(0.25);
        experiments.setMaximumCategoryLabelWidthRatio(0.45f);
        ChartStyle.axis(experiments);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(experiments);
        plot.setGap(18);
        plot.add(panel(energy, "Energy incl. PUE (kWh)", 0));
        plot.add(panel(co2, "CO\u2082e (" + data.unit().symbol() + ")", 1));
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setOutlineVisible(false);
        return ChartStyle.chart(plot, false);
    }

    private static CategoryPlot panel(DefaultCategoryDataset d, String label, int colour) {
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, ChartStyle.colour(colour));
        r.setMaximumBarWidth(0.12);
        CategoryPlot p = new CategoryPlot(d, null, ChartStyle.numberAxis(label), r);
        ChartStyle.plot(p);
        return p;
    }
}
