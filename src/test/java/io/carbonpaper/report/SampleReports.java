package io.carbonpaper.report;

import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Gap;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.InputFile;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Power;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports built in memory for the publishing tests, through the real estimator and report
 * builder: a traced run with a gap in its power trace, a run whose name holds every character
 * an output format treats specially, a dominated run for the Pareto front, and an accelerator
 * without published power (dashes in every table).
 */
public final class SampleReports {
    /** Every character HTML, LaTeX, Markdown, CSV or a spreadsheet treats specially. */
    public static final String HOSTILE = "<script>&\"'|\\^_%$#{}~=+-@";

    private SampleReports() {}

    public static Report standard() {
        return build(experiments());
    }

    public static List<Experiment> experiments() {
        Instant t0 = Instant.parse("2019-01-01T00:00:00Z");
        List<TraceSummary.ChartPoint> chart = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            Instant t = t0.plusSeconds(3600L * i);
            chart.add(new TraceSummary.ChartPoint("0", t, i == 6 ? Double.NaN : 180 + 5 * (i % 3)));
            chart.add(new TraceSummary.ChartPoint("1", t, i == 6 ? Double.NaN : 170 + 4 * (i % 4)));
        }
        Instant end = t0.plusSeconds(12 * 3600);
        TraceSummary trace = new TraceSummary("nvidia-smi-csv", Optional.of("node1"), Optional.of("Tesla P100-PCIE-16GB"),
                List.of(new DeviceEnergy("0", "gpu", Energy.ofKilowattHours(2.1), EnergyMethod.TRACE, 4320, t0, end),
                        new DeviceEnergy("1", "gpu", Energy.ofKilowattHours(2.0), EnergyMethod.TRACE, 4320, t0, end)),
                t0, end, 8640, Map.of("[N/A]", 3L), List.of(new Gap("0", t0.plusSeconds(5 * 3600), t0.plusSeconds(7 * 3600))), false, chart);
        return List.of(
                experiment("table3/transformer", "Transformer (base)", "P100", 2, 12, Optional.empty(), Map.of("accuracy", 0.91),
                        Optional.of(t0), Optional.of(end), List.of(trace)),
                experiment("table3/hostile", HOSTILE, "V100", 1, 2, Optional.of(Power.ofWatts(300)), Map.of("accuracy", 0.95),
                        Optional.of(Instant.parse("2019-01-03T00:00:00Z")), Optional.of(Instant.parse("2019-01-03T02:00:00Z")), List.of()),
                experiment("table3/elmo", "ELMo", "P100", 3, 336, Optional.of(Power.ofWatts(517.66)), Map.of("accuracy", 0.89),
                        Optional.of(Instant.parse("2019-01-04T00:00:00Z")), Optional.of(Instant.parse("2019-01-18T00:00:00Z")), List.of()),
                experiment("table3/tpu", "BERT (base)", "TPUv2", 16, 96, Optional.empty(), Map.of(),
                        Optional.empty(), Optional.empty(), List.of()));
    }

    public static Report build(List<Experiment> experiments) {
        return build(experiments, ProjectConfig.defaults());
    }

    /** As {@link #build(List)}, with pages of their own for the experiments on or off ({@code experiment_pages}). */
    public static Report build(List<Experiment> experiments, boolean pages) {
        try {
            return build(experiments, io.carbonpaper.settings.ProjectConfigReader.fromOverrides(Map.of("experiment_pages", Boolean.toString(pages))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Report build(List<Experiment> experiments, ProjectConfig config) {
        Catalogs catalogs = Catalogs.bundled();
        TrainingCostEstimator estimator = new TrainingCostEstimator(catalogs, config);
        List<EstimateResult> results = experiments.stream().map(estimator::estimate).toList();
        return new ReportBuilder(catalogs, config, "0.1.0-test", Optional.of("2019-06-05")).build(experiments, results,
                List.of(Problem.warning("stray.log", 3, "a line that is not a log record")));
    }

    static Experiment experiment(String key, String name, String accelerator, int count, double hours, Optional<Power> power,
                                 Map<String, Double> metrics, Optional<Instant> start, Optional<Instant> end, List<TraceSummary> traces) {
        ExperimentBuilder b = ExperimentBuilder.experiment().key(key).name(name).group("table3").isFinal(true)
                .hardware(new Hardware(accelerator, count, key + "/manifest.yaml", 3)).hours(hours).declaredPower(power)
                .traces(traces).metrics(metrics).input(new InputFile(key + "/manifest.yaml", 123, "0".repeat(64), "manifest"));
        start.ifPresent(b::start);
        end.ifPresent(b::end);
        return b.build();
    }
}
