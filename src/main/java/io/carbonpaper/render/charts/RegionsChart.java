package io.carbonpaper.render.charts;

import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** The whole project's CO2e in each grid, one horizontal bar per grid in the regions table's order. */
final class RegionsChart {
    private RegionsChart() {}

    static JFreeChart of(FigureData.Regions data) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        Labels keys = new Labels();
        for (FigureData.Regions.Region r : data.regions())
            d.addValue(r.co2e().in(data.unit()), "CO\u2082e", keys.unique(r.name()));
        CategoryAxis grids = new CategoryAxis(null);
        grids.setCategoryMargin(0.25);
        grids.setMaximumCategoryLabelWidthRatio(0.4f);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, ChartStyle.colour(2));
        r.setMaximumBarWidth(0.08);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new FigureNumberFormat()));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(ChartStyle.TICK);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        r.setItemLabelAnchorOffset(4);
        NumberAxis values = ChartStyle.numberAxis("CO\u2082e of the project (" + data.unit().symbol() + ")");
        values.setUpperMargin(0.15);
        CategoryPlot p = new CategoryPlot(d, grids, values, r);
        p.setOrientation(PlotOrientation.HORIZONTAL);
        ChartStyle.plot(p);
        return ChartStyle.chart(p, false);
    }
}
