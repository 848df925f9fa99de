package io.carbonpaper.report;

import io.carbonpaper.unit.MassUnit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FigureBuilderTest {
    @Test void indexFiguresAreNumberedInOrderWithCaptionsAndUnits() {
        Report r = SampleReports.standard();
        assertThat(r.indexFigures()).extracting(Figure::id, Figure::number)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("energy-co2e", 1), org.assertj.core.groups.Tuple.tuple("metric-energy", 2),
                        org.assertj.core.groups.Tuple.tuple("cumulative-energy", 3), org.assertj.core.groups.Tuple.tuple("regions-co2e", 4));
        assertThat(r.indexFigures().get(0).caption()).contains("kWh", "kg");
    }

    @Test void paretoFrontKeepsOnlyPointsNoOtherBeatsOnBothEnergyAndMetric() {
        Report r = SampleReports.standard();
        var d = (FigureData.MetricVsEnergy) r.indexFigures().get(1).data();
        assertThat(d.metric()).isEqualTo("accuracy");
        assertThat(d.higherIsBetter()).isTrue();
        // hostile run: least energy and best accuracy dominates both others
        assertThat(d.points()).extracting(FigureData.MetricVsEnergy.Point::name, FigureData.MetricVsEnergy.Point::pareto)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Transformer (base)", false),
                        org.assertj.core.groups.Tuple.tuple(SampleReports.HOSTILE, true), org.assertj.core.groups.Tuple.tuple("ELMo", false));
    }

    /** Issue 16 item 7: a trace of many devices is drawn as a few lines and the mean of the others. */
    @Test void devicesBeyondAHandfulAreDrawnAsTheirMean() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z"), t1 = t0.plusSeconds(5);
        List<io.carbonpaper.model.TraceSummary.ChartPoint> points = new java.util.ArrayList<>();
        for (int d = 0; d < 20; d++) {
            points.add(new io.carbonpaper.model.TraceSummary.ChartPoint(Integer.toString(d), t0, d));
            points.add(new io.carbonpaper.model.TraceSummary.ChartPoint(Integer.toString(d), t1, d == 19 ? Double.NaN : d));
        }
        var out = FigureBuilder.grouped(points, 7);
        assertThat(out.stream().map(io.carbonpaper.model.TraceSummary.ChartPoint::device).distinct())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "mean of 13 other devices");
        var mean = out.stream().filter(p -> p.device().startsWith(FigureData.PowerOverTime.GROUP)).toList();
        assertThat(mean).extracting(io.carbonpaper.model.TraceSummary.ChartPoint::time).containsExactly(t0, t1);
        assertThat(mean.get(0).watts()).isEqualTo(13.0);   // (7 + ... + 19) / 13
        assertThat(mean.get(1).watts()).isEqualTo(12.5);   // device 19 has a gap there: (7 + ... + 18) / 12
        assertThat(out).hasSize(7 * 2 + 2);
    }

    @Test void namedMetricWinsAndLowerIsBetterForLosses() {
        assertThat(FigureBuilder.higherIsBetter("val_loss")).isFalse();
        assertThat(FigureBuilder.higherIsBetter("perplexity")).isFalse();
        assertThat(FigureBuilder.higherIsBetter("BLEU")).isTrue();
        var experiments = SampleReports.experiments();
        assertThat(FigureBuilder.index(List.of(), List.of(), MassUnit.KG, Optional.of("bleu"))).isEmpty();
        assertThat(experiments).isNotEmpty();
    }

    @Test void cumulativeEnergyStepsAtEachEndInCalendarOrder() {
        var d = (FigureData.Cumulative) SampleReports.standard().indexFigures().get(2).data();
        assertThat(d.steps()).extracting(FigureData.Cumulative.Step::experiment).containsExactly("Transformer (base)", SampleReports.HOSTILE, "ELMo");
        for (int i = 1; i < d.steps().size(); i++) assertThat(d.steps().get(i).total()).isGreaterThan(d.steps().get(i - 1).total());
    }

    @Test void powerFigureBelongsToTheTracedExperimentsPageOnly() {
        Report r = SampleReports.standard();
        var traced = r.experiments().get(0);
        assertThat(r.pageFigures(traced.slug())).singleElement().satisfies(f -> {
            assertThat(f.number()).isEqualTo(1);
            assertThat(((FigureData.PowerOverTime) f.data()).points()).anyMatch(p -> Double.isNaN(p.watts()));
        });
        assertThat(traced.chart()).isEqualTo("figures/power-" + traced.slug() + ".svg");
        assertThat(r.pageFigures(r.experiments().get(1).slug())).isEmpty();
    }

    @Test void regionsTableBecomesABarPerGridInTheTablesUnit() {
        Table regions = new Table("regions", 2, "CO2e per grid", List.of(Column.text("Grid", "grid"), Column.number("CO\u2082e", "t", "co2e_t")),
                List.of(Row.of(List.of(Cell.of("France"), Cell.of("1.2", "1.2"))), Row.of(List.of(Cell.of("Poland"), Cell.unknown()))),
                Optional.empty(), List.of(), List.of("grid", "co2e_t"), List.of(List.of("France", "1.2"), List.of("Poland", "")));
        var d = FigureBuilder.regions(regions, MassUnit.KG).orElseThrow();
        assertThat(d.regions()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("France");
            assertThat(g.co2e().kilograms()).isEqualTo(1200.0, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(FigureBuilder.index(List.of(), List.of(regions), MassUnit.KG, Optional.empty())).extracting(Figure::id).containsExactly("regions-co2e");
    }

    /** Issue 18: a caption says what is counted, what is left out and why, and the PUE and grid behind the numbers. */
    @Test void captionsSayWhatIsCountedWhatIsLeftOutAndWhereTheNumbersComeFrom() {
        List<io.carbonpaper.model.Experiment> experiments = new java.util.ArrayList<>(SampleReports.experiments());
        experiments.add(SampleReports.experiment("later/undated", "Undated run", "V100", 1, 10, Optional.of(io.carbonpaper.unit.Power.ofWatts(300)),
                java.util.Map.of(), Optional.empty(), Optional.empty(), List.of()));
        Report r = SampleReports.build(experiments);
        String bars = r.indexFigures().get(0).caption();
        assertThat(bars).contains("each of the 4 experiments with an energy estimate",
                "The one experiment with no energy estimate (BERT (base)) is left out.",
                "PUE 1.58: Global data-centre average (Uptime Institute survey 2018).",
                "CO\u2082e at 432.7 g/kWh (0.954 lbs/kWh): United States average (EPA, as used by Strubell et al. 2019).");
        String cumulative = r.indexFigures().get(2).caption();
        double dated = ((FigureData.Cumulative) r.indexFigures().get(2).data()).steps().get(2).total().kilowattHours();
        assertThat(cumulative).contains("the 3 of 4 experiments with an energy estimate that have a date",
                Numerals.figure(dated) + " of the project's " + r.headline().energy(), "The other 1 have no date in their logs and are not counted.",
                "PUE 1.58");
        assertThat(r.indexFigures().get(1).caption()).contains("each of the 3 experiments that report it",
                "the other 1 with an energy estimate do not report accuracy");
        assertThat(r.indexFigures().get(3).caption()).contains("grids of Table 4 with a known figure", "sources in Table 4's footnotes");
    }

    @Test void experimentsOnDifferentGridsAndPuesAreSaidToBeSo() {
        Report r = SampleReports.standard();
        var estimates = new java.util.ArrayList<io.carbonpaper.estimate.ExperimentEstimate>();
        var config = io.carbonpaper.settings.ProjectConfig.defaults();
        var estimator = new io.carbonpaper.estimate.TrainingCostEstimator(io.carbonpaper.reference.Catalogs.bundled(), config);
        for (var x : SampleReports.experiments()) estimator.estimate(x).estimate().ifPresent(estimates::add);
        var first = estimates.get(0);
        estimates.set(0, new io.carbonpaper.estimate.ExperimentEstimate(first.experiment(), first.accelerator(), first.hardwareLabel(), first.devices(),
                first.hours(), first.power(), io.carbonpaper.unit.Pue.of(1.1), first.method(), first.energy(), first.measured(), first.measuredWindow(),
                io.carbonpaper.unit.CarbonIntensity.ofGramsPerKilowattHour(56), "France (2024)", first.co2e(), first.toolCo2e(), first.cloud(),
                first.priceCatalog(), first.electricity(), List.of(), first.sources()));
        List<io.carbonpaper.estimate.ExperimentEstimate> shown = estimates.stream().filter(e -> e.energy().isPresent()).toList();
        assertThat(FigureBuilder.basis(shown)).isEqualTo("Each experiment's own PUE (1.1, 1.58). "
                + "CO\u2082e at each experiment's own grid: 2 grids from 56.0 to 432.7 g/kWh (Table 1's footnotes).");
        assertThat(r.indexFigures()).isNotEmpty();
    }

    /** The power chart's top panel: the devices summed where every device has a value, a gap elsewhere. */
    @Test void theTotalPowerSumsTheDevicesWhereAllHaveAValue() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        var p = new java.util.ArrayList<io.carbonpaper.model.TraceSummary.ChartPoint>();
        p.add(new io.carbonpaper.model.TraceSummary.ChartPoint("0", t0, 100));
        p.add(new io.carbonpaper.model.TraceSummary.ChartPoint("0", t0.plusSeconds(2), 120));
        p.add(new io.carbonpaper.model.TraceSummary.ChartPoint("0", t0.plusSeconds(3), Double.NaN));
        p.add(new io.carbonpaper.model.TraceSummary.ChartPoint("1", t0.plusSeconds(1), 50));
        p.add(new io.carbonpaper.model.TraceSummary.ChartPoint("1", t0.plusSeconds(2), 60));
        p.add(new io.carbonpaper.model.TraceSummary.ChartPoint("1", t0.plusSeconds(3), 70));
        var total = FigureBuilder.total(p);
        assertThat(total).extracting(io.carbonpaper.model.TraceSummary.ChartPoint::time)
                .containsExactly(t0, t0.plusSeconds(1), t0.plusSeconds(2), t0.plusSeconds(3));
        assertThat(total.get(0).watts()).isNaN();                // device 1 has not started
        assertThat(total.get(1).watts()).isEqualTo(110 + 50.0);  // device 0 halfway between 100 and 120
        assertThat(total.get(2).watts()).isEqualTo(120 + 60.0);
        assertThat(total.get(3).watts()).isNaN();                // device 0 has a gap
    }

    @Test void aPowerChartOfSeveralDevicesSaysItShowsTheTotalAndEachDevice() {
        Report r = SampleReports.standard();
        Figure f = r.pageFigures(r.experiments().get(0).slug()).get(0);
        assertThat(f.caption()).contains("at the top the total of its 2 devices", "each device on the same scale",
                "Read from its nvidia-smi-csv trace");
        assertThat(((FigureData.PowerOverTime) f.data()).total()).hasSize(13);
    }
}
