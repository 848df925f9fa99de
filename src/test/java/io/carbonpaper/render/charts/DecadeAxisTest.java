package io.carbonpaper.render.charts;

import io.carbonpaper.report.FigureData;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;
import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DecadeAxisTest {
    @Test void labelsArePlainNumbersNearOneAndPowersOfTenBeyond() {
        assertThat(DecadeAxis.label(-3, true)).isEqualTo("0.001");
        assertThat(DecadeAxis.label(0, true)).isEqualTo("1");
        assertThat(DecadeAxis.label(5, true)).isEqualTo("100,000");
        assertThat(DecadeAxis.label(-2, false)).isEqualTo("10\u207B\u00B2");
        assertThat(DecadeAxis.label(0, false)).isEqualTo("10\u2070");
        assertThat(DecadeAxis.label(12, false)).isEqualTo("10\u00B9\u00B2");
    }

    @Test void theStepIsTheFewestDecadesThatClearTheWidestLabel() {
        assertThat(DecadeAxis.step(30, 100)).isEqualTo(1);
        assertThat(DecadeAxis.step(30, 30)).isEqualTo(2);   // 30 + 12 > 30
        assertThat(DecadeAxis.step(50, 20)).isEqualTo(4);   // 62 / 20 = 3.1
        assertThat(DecadeAxis.step(50, 0)).isEqualTo(1);
    }

    /** Issue 18: eight decades of energies once put a label on every decade, one over the other, or two on the whole axis. */
    @Test void eightDecadesOfBarsGetEvenlySteppedLabelsThatNeverOverlap() {
        double[] kwh = {0.05, 0.3, 2, 40, 900, 12_000, 656_347, 3_000_000};
        List<FigureData.PerExperiment.Bar> bars = new ArrayList<>();
        for (int i = 0; i < kwh.length; i++) bars.add(new FigureData.PerExperiment.Bar("run " + i, Energy.ofKilowattHours(kwh[i]), Mass.ofKilograms(0.4 * kwh[i])));
        String svg = new String(FigureWriter.svg(EnergyCo2eChart.of(new FigureData.PerExperiment(bars, MassUnit.KG)), "bars"), StandardCharsets.UTF_8);

        // the value axes' labels: powers of ten, in rows by their baseline
        Matcher m = Pattern.compile("<text x='([-0-9.]+)' y='([-0-9.]+)'[^>]*>(10[\u207B\u2070\u00B9\u00B2\u00B3\u2074-\u2079]+)</text>").matcher(svg);
        Map<String, List<double[]>> rows = new TreeMap<>();
        Map<String, List<String>> labels = new TreeMap<>();
        while (m.find()) {
            rows.computeIfAbsent(m.group(2), y -> new ArrayList<>()).add(new double[] {Double.parseDouble(m.group(1))});
            labels.computeIfAbsent(m.group(2), y -> new ArrayList<>()).add(m.group(3));
        }
        assertThat(rows).as("one row of labels for energy and CO2e, at the top of the two panels").hasSize(1);
        List<String> row = labels.values().iterator().next();
        List<double[]> xs = rows.values().iterator().next();
        assertThat(row).as(svg.length() + " chars of SVG").hasSizeGreaterThanOrEqualTo(6); // two panels, three or more labels each

        Font font = ChartStyle.TICK;
        FontRenderContext frc = new FontRenderContext(null, true, true);
        int exponentStep = 0;
        for (int i = 1; i < row.size(); i++) {
            double previousEnd = xs.get(i - 1)[0] + font.getStringBounds(row.get(i - 1), frc).getWidth();
            assertThat(xs.get(i)[0]).as(row.get(i - 1) + " then " + row.get(i)).isGreaterThan(previousEnd + 4);
            int step = exponent(row.get(i)) - exponent(row.get(i - 1));
            if (step <= 0) continue; // the CO2e panel's first label, right of the energy panel's last
            if (exponentStep == 0) exponentStep = step;
            assertThat(step).as("the same number of decades between labels").isEqualTo(exponentStep);
        }
        assertThat(exponentStep).isBetween(1, 3);
    }

    /** A sweep's energies within one decade were labelled 10^-0.61, 10^-0.60, ...: now round plain numbers. */
    @Test void lessThanTwoDecadesGetsRoundPlainLabels() {
        var points = List.of(new FigureData.MetricVsEnergy.Point("a", Energy.ofKilowattHours(0.248), 0.87, true),
                new FigureData.MetricVsEnergy.Point("b", Energy.ofKilowattHours(0.287), 0.89, true),
                new FigureData.MetricVsEnergy.Point("c", Energy.ofKilowattHours(0.328), 0.86, false));
        String svg = new String(FigureWriter.svg(MetricVsEnergyChart.of(new FigureData.MetricVsEnergy("acc", true, points)), "m"), StandardCharsets.UTF_8);
        assertThat(svg).doesNotContain("10\u207B").doesNotContain(">10<");
        Matcher m = Pattern.compile(">(0\\.[0-9]+)</text>").matcher(svg);
        List<String> labels = new ArrayList<>();
        while (m.find()) labels.add(m.group(1));
        assertThat(labels).as(svg.length() + " chars").contains("0.25", "0.3");
        assertThat(labels).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(5));
    }

    /** The metric axis of a tall chart had 16 labels. */
    @Test void aValueAxisHasAtMostEightTicks() {
        var points = List.of(new FigureData.MetricVsEnergy.Point("a", Energy.ofKilowattHours(0.248), 0.8748, true),
                new FigureData.MetricVsEnergy.Point("b", Energy.ofKilowattHours(0.287), 0.8926, true),
                new FigureData.MetricVsEnergy.Point("c", Energy.ofKilowattHours(0.328), 0.8642, false));
        var chart = MetricVsEnergyChart.of(new FigureData.MetricVsEnergy("acc", true, points));
        FigureWriter.svg(chart, "m");
        var axis = (org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis();
        assertThat(axis.getRange().getLength() / axis.getTickUnit().getSize()).isLessThanOrEqualTo(ChartStyle.MAX_TICKS);
    }

    private static int exponent(String label) {
        String digits = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";
        int sign = 1, v = 0;
        for (char c : label.substring(2).toCharArray()) {
            if (c == '\u207B') sign = -1;
            else v = 10 * v + digits.indexOf(c);
        }
        return sign * v;
    }
}
