package io.carbonpaper.render.charts;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The time axis labels its ticks so that no two read the same, from a one-minute recording to years. */
class TimeAxisTest {
    @ParameterizedTest
    @CsvSource({
            "60, '\\d\\d:\\d\\d:\\d\\d'",          // a one-minute recording: seconds
            "2700, '\\d\\d:\\d\\d(:\\d\\d)?'",     // 45 minutes
            "72000, '\\d\\d:\\d\\d'",              // 20 hours
            "259200, '\\d\\d-\\d\\d( \\d\\d:\\d\\d)?'", // 3 days: a date, with the hour where ticks fall within a day
            "5184000, '\\d\\d-\\d\\d'",            // 60 days
            "94608000, '\\d{4}(-\\d\\d)?'",        // 3 years
    })
    void ticksAreDistinctAndLabelledAsFinelyAsTheirSpacing(long spanSeconds, String pattern) {
        long start = Instant.parse("2026-12-04T11:58:32.323Z").toEpochMilli(), end = start + spanSeconds * 1000;
        for (int width : new int[] {1280, 640}) {
            List<String> labels = labels(start, end, width);
            assertThat(labels).as("%d s at %d px", spanSeconds, width).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates()
                    .allSatisfy(l -> assertThat(l).matches(pattern));
        }
    }

    private static List<String> labels(long start, long end, int width) {
        XYSeries s = new XYSeries("power");
        s.add(start, 100);
        s.add(end, 400);
        DateAxis time = ChartStyle.timeAxis("Time (UTC)", end - start);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), time, new NumberAxis("W"), new XYLineAndShapeRenderer(true, false));
        JFreeChart chart = new JFreeChart(plot);
        BufferedImage image = new BufferedImage(width, width * 9 / 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle(0, 0, image.getWidth(), image.getHeight()), info);
            List<? extends Tick> ticks = time.refreshTicks(g, new AxisState(), info.getPlotInfo().getDataArea(), RectangleEdge.BOTTOM);
            return ticks.stream().map(Tick::getText).toList();
        } finally {
            g.dispose();
        }
    }
}
