package io.carbonpaper.render.charts;

import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.report.Figure;
import io.carbonpaper.report.FigureData;
import io.carbonpaper.report.SampleReports;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class FigureWriterTest {
    private static String svg(FigureData d, String id) {
        return new String(FigureWriter.svg(FigureWriter.chart(d), id), StandardCharsets.UTF_8);
    }

    private static FigureData.PowerOverTime power(boolean gap) {
        List<TraceSummary.ChartPoint> pts = new ArrayList<>();
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 7; i++) pts.add(new TraceSummary.ChartPoint("0", t0.plusSeconds(60L * i), gap && i == 3 ? Double.NaN : 100 + i));
        return new FigureData.PowerOverTime(pts);
    }

    @Test void everyChartDrawsTheSameSvgAndPngBytesTwice() throws IOException {
        for (Figure f : SampleReports.standard().figures()) {
            assertThat(FigureWriter.svg(FigureWriter.chart(f.data()), f.id())).isEqualTo(FigureWriter.svg(FigureWriter.chart(f.data()), f.id()));
            assertThat(FigureWriter.png(FigureWriter.chart(f.data()))).isEqualTo(FigureWriter.png(FigureWriter.chart(f.data())));
        }
    }

    @Test void aWarmUpChangesNoFigureBytes() throws IOException {
        List<byte[]> before = new ArrayList<>(), after = new ArrayList<>();
        for (Figure f : SampleReports.standard().figures()) {
            before.add(FigureWriter.svg(FigureWriter.chart(f.data()), f.id()));
            before.add(FigureWriter.png(FigureWriter.chart(f.data())));
        }
        FigureWriter.warmUp();
        for (Figure f : SampleReports.standard().figures()) {
            after.add(FigureWriter.svg(FigureWriter.chart(f.data()), f.id()));
            after.add(FigureWriter.png(FigureWriter.chart(f.data())));
        }
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) assertThat(after.get(i)).isEqualTo(before.get(i));
    }

    @Test void aThreadDrawsEachPngAsAFreshThreadDoes() throws Exception {
        // Each thread draws on one image, cleared between figures; a thread that drew others first
        // must give the bytes that a thread drawing only that figure gives.
        List<Figure> figures = SampleReports.standard().figures();
        List<byte[]> fresh = new ArrayList<>();
        for (Figure f : figures) {
            byte[][] png = new byte[1][];
            Thread t = new Thread(() -> png[0] = FigureWriter.png(FigureWriter.chart(f.data()), f.height()));
            t.start();
            t.join();
            fresh.add(png[0]);
        }
        for (int round = 0; round < 2; round++) {
            for (int i = figures.size() - 1; i >= 0; i--) {
                Figure f = figures.get(round == 0 ? i : figures.size() - 1 - i);
                assertThat(FigureWriter.png(FigureWriter.chart(f.data()), f.height())).as(f.id()).isEqualTo(fresh.get(figures.indexOf(f)));
            }
        }
    }

    @Test void aReusedCanvasIsClearedToWhatANewImageHolds() {
        java.awt.image.BufferedImage first = FigureWriter.canvas(40, 30);
        java.awt.Graphics2D g = first.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        java.awt.image.BufferedImage again = FigureWriter.canvas(40, 30);
        assertThat(again).isSameAs(first);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) assertThat(again.getRGB(x, y)).isEqualTo(new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).getRGB(0, 0));
        assertThat(FigureWriter.canvas(41, 30)).isNotSameAs(first);
    }

    @Test void svgIdsCarryTheFigurePrefixAndScaleWithAViewBox() {
        String s = svg(power(false), "power-x");
        Matcher m = Pattern.compile(" id='([^']*)'").matcher(s);
        int ids = 0;
        while (m.find()) {
            ids++;
            assertThat(m.group(1)).startsWith("cp-power-x-");
        }
        assertThat(ids).isPositive();
        assertThat(s).contains("viewBox='0 0 720 400'", "Power (W)", "Time (UTC)").doesNotContain("NaN");
    }

    /** The outline of device 0's line: one path whose "M" commands start its pieces. */
    private static String powerLine(FigureData d) {
        Matcher m = Pattern.compile("stroke:rgb\\(0,114,178\\)[^>]*><path d='([^']*)'").matcher(svg(d, "a"));
        assertThat(m.find()).as("a path in the first series' colour").isTrue();
        String path = m.group(1);
        assertThat(m.find()).as("a second path in the first series' colour").isFalse();
        return path;
    }

    @Test void aGapBreaksThePowerLineInsteadOfBridgingIt() {
        // one path per device: 7 points give 1 piece of 6 segments; a missing point 3 leaves 2 pieces of 2 segments
        assertThat(powerLine(power(false)).replaceAll("[^ML]", "")).isEqualTo("MLLLLLL");
        assertThat(powerLine(power(true)).replaceAll("[^ML]", "")).isEqualTo("MLLMLL");
    }

    /** Issue 18: eight GPUs in one chart were a tangle; now the total on top and a panel per device, on one scale. */
    @Test void severalDevicesAreDrawnAsTheTotalAndAPanelEachOnOneScale() throws IOException {
        List<TraceSummary.ChartPoint> pts = new ArrayList<>(), total = new ArrayList<>();
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        for (int d = 0; d < 8; d++)
            for (int i = 0; i < 10; i++) pts.add(new TraceSummary.ChartPoint(Integer.toString(d), t0.plusSeconds(60L * i), 100 + 10 * d + i));
        for (int i = 0; i < 10; i++) total.add(new TraceSummary.ChartPoint("total", t0.plusSeconds(60L * i), 8 * 100 + 280 + 8 * i));
        var data = new FigureData.PowerOverTime(pts, total);
        var chart = FigureWriter.chart(data);
        var plot = (org.jfree.chart.plot.CombinedDomainXYPlot) chart.getPlot();
        assertThat(plot.getSubplots()).hasSize(9);
        List<Double> deviceScales = new ArrayList<>();
        for (int i = 1; i < 9; i++) deviceScales.add(plot.getSubplots().get(i).getRangeAxis().getUpperBound());
        assertThat(deviceScales).containsOnly(deviceScales.get(0));
        assertThat(deviceScales.get(0)).isGreaterThanOrEqualTo(179.0); // the highest device's highest value
        String s = new String(FigureWriter.svg(chart, "p", data.height()), StandardCharsets.UTF_8);
        assertThat(s).contains("viewBox='0 0 720 " + data.height() + "'", ">Total<", ">Device 0<", ">Device 7<", "Total (W)", "Time (UTC)");
        var img = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(chart, data.height())));
        assertThat(img.getHeight()).isEqualTo(2 * data.height()).isGreaterThan(2 * FigureWriter.HEIGHT);
    }

    /** The sample's W&B runs: samples between empty chart buckets drew no line at all, an empty chart. */
    @Test void samplesWithAGapOnBothSidesAreDrawnAsDots() {
        List<TraceSummary.ChartPoint> sparse = new ArrayList<>();
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 8; i++) sparse.add(new TraceSummary.ChartPoint("0", t0.plusSeconds(60L * i), i % 2 == 0 ? 250 : Double.NaN));
        var sparseChart = FigureWriter.chart(new FigureData.PowerOverTime(sparse));
        var dense = FigureWriter.chart(power(true));
        var sparseRenderer = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) sparseChart.getXYPlot().getRenderer();
        var denseRenderer = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) dense.getXYPlot().getRenderer();
        assertThat(sparseRenderer.getItemShapeVisible(0, 0)).isTrue();
        assertThat(denseRenderer.getItemShapeVisible(0, 0)).isFalse();
    }

    @Test void pngIsTwiceTheSvgSizeForSlides() throws IOException {
        var img = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(FigureWriter.chart(power(false)))));
        assertThat(img.getWidth()).isEqualTo(2 * FigureWriter.WIDTH);
        assertThat(img.getHeight()).isEqualTo(2 * FigureWriter.HEIGHT);
    }

    @Test void weekChartShadesTheRunNamesTheDaysAndBreaksAtAMissingHour() {
        Instant monday = Instant.parse("2024-01-15T00:00:00Z");
        List<FigureData.WeekIntensity.Hour> hours = new ArrayList<>();
        for (int h = 0; h < 7 * 24; h++) hours.add(new FigureData.WeekIntensity.Hour(monday.plusSeconds(3600L * h), h == 30 ? Double.NaN : 100 + h % 24));
        var d = new FigureData.WeekIntensity(monday, hours,
                List.of(new FigureData.WeekIntensity.Run("traced run", monday.plusSeconds(3600L * 28), monday.plusSeconds(3600L * 32))));
        String s = svg(d, "week");
        assertThat(s).contains("traced run", "Mon 01-15", "Sun 01-21", "Grid intensity (g CO₂e/kWh)").doesNotContain("NaN");
        // the band: a filled rectangle in the marker's colour behind the line
        assertThat(s).contains("fill:rgb(230,159,0)");
    }

    private static FigureData.PerExperiment bars(double... kwh) {
        List<FigureData.PerExperiment.Bar> out = new ArrayList<>();
        for (int i = 0; i < kwh.length; i++)
            out.add(new FigureData.PerExperiment.Bar("run " + i, io.carbonpaper.unit.Energy.ofKilowattHours(kwh[i]), Mass.ofKilograms(0.4 * kwh[i])));
        return new FigureData.PerExperiment(out, MassUnit.KG);
    }

    /** One experiment hiding all others was the bar chart: beyond two orders of magnitude, log scale. */
    @Test void energyBarsSpanningMoreThanTwoOrdersOfMagnitudeAreDrawnOnALogScale() {
        FigureData.PerExperiment wide = bars(0.25, 3, 1507), narrow = bars(10, 50, 999);
        assertThat(wide.logScale()).isTrue();
        assertThat(narrow.logScale()).isFalse();
        assertThat(svg(wide, "e")).contains("Energy incl. PUE (kWh, log scale)", "CO\u2082e (kg, log scale)", "run 0");
        assertThat(svg(narrow, "e")).contains("Energy incl. PUE (kWh)").doesNotContain("log scale");
    }

    @Test void regionsChartLabelsItsAxisWithTheUnit() {
        var d = new FigureData.Regions(MassUnit.LBS, List.of(new FigureData.Regions.Region("France", Mass.ofKilograms(10))));
        assertThat(svg(d, "regions")).contains("CO\u2082e of the project (lbs)", "France", "22");
    }
}
