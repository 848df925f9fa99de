package io.carbonpaper.estimate;

import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Power;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingCostEstimatorTest {
    static final Catalogs CATALOGS = Catalogs.bundled();
    final TrainingCostEstimator estimator = new TrainingCostEstimator(CATALOGS, ProjectConfig.defaults());

    static Experiment experiment(String acc, int count, Double hours, Double watts, List<TraceSummary> traces, List<ToolEnergyReport> tools) {
        return ExperimentBuilder.experiment().hardware(acc == null ? null : new Hardware(acc, count, "k/experiment.yaml", 3))
                .hours(Optional.ofNullable(hours).map(Hours::of)).declaredPower(Optional.ofNullable(watts).map(Power::ofWatts))
                .traces(traces).toolReports(tools).build();
    }

    static TraceSummary trace(double kwh, Instant from, Instant to) {
        DeviceEnergy d = new DeviceEnergy("0", "gpu", Energy.ofKilowattHours(kwh), EnergyMethod.TRACE, 100, from, to);
        return new TraceSummary("test", Optional.empty(), Optional.empty(), List.of(d), from, to, 100, Map.of(), List.of(), false, List.of());
    }

    @Test void experimentsOnTheSameHardwareShareTheirAssumptionsAndSources() {
        // Issue 20: a million jobs on a few node types carry a few assumptions, not four million.
        ExperimentEstimate a = estimator.estimate(experiment("V100", 2, 10.0, null, List.of(), List.of())).estimate().orElseThrow();
        ExperimentEstimate b = estimator.estimate(experiment("V100", 2, 3.0, null, List.of(), List.of())).estimate().orElseThrow();
        assertThat(a.assumptions()).hasSameSizeAs(b.assumptions()).isNotEmpty();
        for (int i = 0; i < a.assumptions().size(); i++) assertThat(b.assumptions().get(i)).isSameAs(a.assumptions().get(i));
        assertThat(b.sources()).isSameAs(a.sources());
        // A different node type differs where its figures do.
        ExperimentEstimate c = estimator.estimate(experiment("P100", 1, 3.0, null, List.of(), List.of())).estimate().orElseThrow();
        assertThat(c.assumptions()).isNotEqualTo(a.assumptions());
    }

    @Test void declaredPowerFollowsEquationOne() {
        ExperimentEstimate e = estimator.estimate(experiment("P100", 8, 84.0, 1515.43, List.of(), List.of())).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.DECLARED);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(1.58 * 84 * 1515.43 / 1000, within(1e-9));
        assertThat(e.co2e().orElseThrow().central().pounds()).isEqualTo(0.954 * 1.58 * 84 * 1515.43 / 1000, within(1e-6));
    }

    @Test void withoutPowerTheTdpIsANamedAssumption() {
        ExperimentEstimate e = estimator.estimate(experiment("Tesla V100-SXM2-16GB", 2, 10.0, null, List.of(), List.of())).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.TDP);
        assertThat(e.power().orElseThrow().watts()).isEqualTo(600);
        assertThat(e.assumptions()).extracting(Assumption::id).contains("tdp");
    }

    @Test void aTraceCoveringTheRunGivesItsEnergy() {
        Instant t0 = Instant.parse("2019-05-28T00:00:00Z");
        ExperimentEstimate e = estimator.estimate(experiment("P100", 1, 10.0, null,
                List.of(trace(2.0, t0, t0.plusSeconds(36000))), List.of())).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.TRACE);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(2.0 * 1.58, within(1e-12));
        assertThat(e.assumptions()).extracting(Assumption::id).contains("gpu-only");
    }

    @Test void aShortTraceIsProjectedToTheFullHoursAsThePaperDid() {
        Instant t0 = Instant.parse("2019-05-28T00:00:00Z");
        // One day measured at an average of 1.5 kW, projected to 84 hours.
        ExperimentEstimate e = estimator.estimate(experiment("P100", 8, 84.0, null,
                List.of(trace(36.0, t0, t0.plusSeconds(86400))), List.of())).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.PROJECTED);
        assertThat(e.power().orElseThrow().watts()).isEqualTo(1500, within(1e-9));
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(1.58 * 84 * 1.5, within(1e-9));
        assertThat(e.measured().orElseThrow().kilowattHours()).isEqualTo(36.0, within(1e-12));
    }

    /** A Slurm accounting dump without Elapsed (issue 15, real case s01): the energy stands, what needs hours is blank. */
    @Test void aToolsEnergyWithoutHoursIsPlacedAndWhatNeedsHoursIsLeftBlank() {
        ToolEnergyReport slurm = new ToolEnergyReport("slurm", Energy.ofKilowattHours(2), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
        EstimateResult r = estimator.estimate(experiment("P100", 4, null, null, List.of(), List.of(slurm)));
        assertThat(r.problems()).isEmpty();
        ExperimentEstimate e = r.estimate().orElseThrow();
        assertThat(e.hours()).isEmpty();
        assertThat(e.deviceHours()).isEmpty();
        assertThat(e.method()).isEqualTo(EnergyMethod.TOOL);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(2 * 1.58, within(1e-12));
        assertThat(e.co2e()).isPresent();
        assertThat(e.power()).isEmpty();
        assertThat(e.cloud()).isEmpty();
        assertThat(e.assumptions()).extracting(Assumption::id).contains(TrainingCostEstimator.NO_HOURS);
    }

    @Test void withoutHoursATraceOrADeclaredPowerIsStillAnError() {
        Instant t0 = Instant.parse("2019-05-28T00:00:00Z");
        ToolEnergyReport slurm = new ToolEnergyReport("slurm", Energy.ofKilowattHours(2), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(estimator.estimate(experiment("P100", 1, null, 300.0, List.of(), List.of())).estimate()).isEmpty();
        assertThat(estimator.estimate(experiment("P100", 1, null, null, List.of(trace(1, t0, t0.plusSeconds(60))), List.of(slurm)))
                .problems()).anySatisfy(p -> assertThat(p.message()).contains("no 'hours'"));
    }

    @Test void aToolsEnergyIsRepricedWithoutApplyingPueTwice() {
        ToolEnergyReport applied = new ToolEnergyReport("carbontracker", Energy.ofKilowattHours(3), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty());
        ExperimentEstimate e = estimator.estimate(experiment("P100", 1, 1.0, null, List.of(), List.of(applied))).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.TOOL);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(3.0, within(1e-12));
    }

    @Test void tpusWithoutPublishedPowerGetNoEnergyButACost() {
        ExperimentEstimate e = estimator.estimate(experiment("TPU v3", 32, 168.0, null, List.of(), List.of())).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.NONE);
        assertThat(e.energy()).isEmpty();
        assertThat(e.cloud().orElseThrow().low().amount()).isEqualTo(168 * 32 * 2.40, within(1e-9));
    }

    @Test void unknownAcceleratorIsAnErrorAtTheManifestLine() {
        EstimateResult r = estimator.estimate(experiment("Abacus", 1, 1.0, null, List.of(), List.of()));
        assertThat(r.estimate()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("k/experiment.yaml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("unknown accelerator 'Abacus'");
        });
    }

    private static Experiment mix(Double hours, List<ToolEnergyReport> tools) {
        return ExperimentBuilder.experiment().hardware(Hardware.of(List.of(new Hardware.Part("NVIDIA GeForce RTX 4060", 1),
                        new Hardware.Part("NVIDIA GeForce RTX 3080 Ti", 1)), "box/emissions.csv", 0))
                .hours(Optional.ofNullable(hours).map(Hours::of)).toolReports(tools).build();
    }

    @Test void aMixOfDevicesSumsTheirTdpsAndLeavesTheCloudPriceBlank() {
        ExperimentEstimate e = estimator.estimate(mix(2.0, List.of())).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.TDP);
        double tdp4060 = CATALOGS.accelerators().find("NVIDIA GeForce RTX 4060").orElseThrow().tdp().orElseThrow().watts();
        double tdp3080Ti = CATALOGS.accelerators().find("NVIDIA GeForce RTX 3080 Ti").orElseThrow().tdp().orElseThrow().watts();
        assertThat(tdp4060).isNotEqualTo(tdp3080Ti);
        assertThat(e.power().orElseThrow().watts()).isEqualTo(tdp4060 + tdp3080Ti, within(1e-9));
        assertThat(e.devices()).isEqualTo(2);
        assertThat(e.hardwareLabel()).isEqualTo("RTX4060x1+RTX3080Tix1");
        assertThat(e.cloud()).isEmpty();
        assertThat(e.accelerator()).isEmpty();
        assertThat(e.assumptions()).extracting(Assumption::id).contains("mixed-devices");
    }

    @Test void aMixMeasuredByATool() {
        ToolEnergyReport cc = new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(0.65), Optional.empty(), Optional.of(Hours.of(2)),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.of("m-1"));
        ExperimentEstimate e = estimator.estimate(mix(2.0, List.of(cc))).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.TOOL);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(0.65 * 1.58, within(1e-12));
    }

    @Test void anUnknownPartOfAMixIsNamed() {
        Experiment x = ExperimentBuilder.experiment().hardware(Hardware.of(List.of(new Hardware.Part("V100", 1),
                new Hardware.Part("Frobnicator 9000", 1)), "box/emissions.csv", 0)).hours(Optional.of(Hours.of(1))).build();
        assertThat(estimator.estimate(x).problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("'Frobnicator 9000'"));
    }

    @Test void anUnknownPartOfAMeasuredMixKeepsTheEnergyAndIsAFootnote() {
        ToolEnergyReport cc = new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(0.5), Optional.empty(), Optional.of(Hours.of(1)),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.of("m-1"));
        Experiment x = ExperimentBuilder.experiment().hardware(Hardware.of(List.of(new Hardware.Part("V100", 1),
                new Hardware.Part("Frobnicator 9000", 2)), "box/emissions.csv", 4)).hours(Optional.of(Hours.of(1))).toolReports(List.of(cc)).build();
        EstimateResult r = estimator.estimate(x);
        assertThat(r.problems()).isEmpty();
        ExperimentEstimate e = r.estimate().orElseThrow();
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(0.5 * 1.58, within(1e-12));
        assertThat(e.hardwareLabel()).isEqualTo("V100x1+Frobnicator 9000x2");
        assertThat(e.cloud()).isEmpty();
        assertThat(e.assumptions()).extracting(Assumption::id).contains("uncatalogued:Frobnicator 9000", "mixed-devices");
    }

    // Evidence first (issue 15 item 1): measured energy never depends on the hardware catalog. Device names
    // here are made up: the real ones (TITAN RTX, GB10, GTX 1050 Ti) are catalogued now.

    @Test void anUnknownDeviceKeepsItsMeasuredEnergyAndCo2e() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        EstimateResult r = estimator.estimate(experiment("Abacus X1", 1, 10.0, null, List.of(trace(2.0, t0, t0.plusSeconds(36000))), List.of()));
        ExperimentEstimate e = r.estimate().orElseThrow();
        assertThat(r.problems()).isEmpty();
        assertThat(e.method()).isEqualTo(EnergyMethod.TRACE);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(2.0 * 1.58, within(1e-12));
        assertThat(e.co2e()).isPresent();
        assertThat(e.accelerator()).isEmpty();
        assertThat(e.cloud()).isEmpty();
        assertThat(e.hardwareLabel()).isEqualTo("Abacus X1x1");
        assertThat(e.assumptions()).filteredOn(a -> a.id().equals("uncatalogued:Abacus X1")).singleElement().satisfies(a -> {
            assertThat(a.text()).contains("'Abacus X1' (read from k/experiment.yaml:3) is not in the hardware catalog")
                    .contains("measured energy").contains("hardware.tdp_watts: W");
            assertThat(a.first()).contains(Assumption.Affects.COST);
        });
    }

    @Test void anUnknownDeviceKeepsAnotherToolsEnergy() {
        ToolEnergyReport cc = new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(0.5), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.of("Abacus X3"), Optional.of(1), Optional.empty());
        ExperimentEstimate e = estimator.estimate(experiment("Abacus X3", 1, 2.0, null, List.of(), List.of(cc)))
                .estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.TOOL);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(0.5 * 1.58, within(1e-12));
    }

    @Test void aDeclaredTdpStandsInForTheCatalogsAndSaysSo() {
        Experiment x = ExperimentBuilder.experiment().hardware("Abacus X2", 2).hours(3).tdpWatts(140).build();
        ExperimentEstimate e = estimator.estimate(x).estimate().orElseThrow();
        assertThat(e.method()).isEqualTo(EnergyMethod.TDP);
        assertThat(e.power().orElseThrow().watts()).isEqualTo(280);
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(1.58 * 3 * 0.280, within(1e-12));
        assertThat(e.assumptions()).extracting(Assumption::id).contains("tdp-declared", "uncatalogued:Abacus X2");
    }

    @Test void aDeclaredTdpWinsOverTheCatalogs() {
        Experiment x = ExperimentBuilder.experiment().hardware("V100", 1).hours(1).tdpWatts(250).build();
        assertThat(estimator.estimate(x).estimate().orElseThrow().power().orElseThrow().watts()).isEqualTo(250);
    }

    @Test void anUnknownDeviceWithoutEvidenceIsStillAnError() {
        assertThat(estimator.estimate(ExperimentBuilder.experiment().hardware("Abacus X1", 1).hours(1).build()).estimate()).isEmpty();
    }
    // Issue 15, item 7: a run on CPUs alone, estimated from the CPU catalog as Green Algorithms does.

    @Test void aCpuOnlyRunGetsItsCoresShareOfTheCatalogTdpFlaggedAsAnEstimate() {
        // Xeon Gold 6148: 150 W over 20 cores (intel-ark) = 7.5 W a core; 4 cores for 10 h at PUE 1.58.
        EstimateResult r = estimator.estimate(ExperimentBuilder.experiment("cpu-run").hours(10)
                .cpu("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", 4).build());
        ExperimentEstimate e = r.estimate().orElseThrow();
        assertThat(r.missing()).isEmpty();
        assertThat(e.method()).isEqualTo(EnergyMethod.TDP);
        assertThat(e.power().orElseThrow().watts()).isEqualTo(30, within(1e-9));
        assertThat(e.energy().orElseThrow().central().kilowattHours()).isEqualTo(1.58 * 10 * 30 / 1000, within(1e-12));
        assertThat(e.hardwareLabel()).isEqualTo("Xeon-Gold-6148 CPU (4 cores)");
        assertThat(e.devices()).isZero();
        assertThat(e.cloud()).isEmpty();
        Assumption note = e.assumptions().stream().filter(a -> a.id().startsWith("cpu-tdp:")).findFirst().orElseThrow();
        assertThat(note.text()).contains("Green Algorithms", "4 cores x the Intel Xeon Gold 6148's TDP per core (150 W / 20 cores) = 30 W", "power_watts");
        assertThat(note.sources()).containsExactly("intel-ark");
        assertThat(note.changes(Assumption.Affects.POWER)).isTrue();
        assertThat(e.sources()).contains("intel-ark");
    }

    @Test void aCpuCountAboveTheModelsCoresTakesTheWholeTdpAndNoMore() {
        // CodeCarbon's cpu_count counts logical CPUs: 4 on the 2-core i7-6600U (15 W).
        ExperimentEstimate e = estimator.estimate(ExperimentBuilder.experiment("laptop").hours(1).cpu("Intel Core i7-6600U", 4).build())
                .estimate().orElseThrow();
        assertThat(e.power().orElseThrow().watts()).isEqualTo(15, within(1e-9));
        assertThat(e.hardwareLabel()).isEqualTo("Core-i7-6600U CPU (2 cores)");
        ExperimentEstimate all = estimator.estimate(ExperimentBuilder.experiment("no-count").hours(1).cpu("Xeon Gold 6148", 0).build())
                .estimate().orElseThrow();
        assertThat(all.power().orElseThrow().watts()).isEqualTo(150, within(1e-9));
    }

    @Test void aCpuTheCatalogDoesNotKnowOrACoreCountAloneIsNotGuessed() {
        for (var b : List.of(ExperimentBuilder.experiment("vm").hours(1).cpu("Intel(R) Xeon(R) CPU @ 2.20GHz", 8),
                ExperimentBuilder.experiment("wandb").hours(1).cpu(null, 4))) {
            EstimateResult r = estimator.estimate(b.build());
            assertThat(r.estimate()).isEmpty();
            assertThat(r.missing()).containsExactly(MissingFigure.UNKNOWN_CPU);
            assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not in the CPU catalog", "power_watts"));
        }
    }

    @Test void theCpuIsNotEstimatedBesideAnAcceleratorOrAMeasurement() {
        ExperimentEstimate gpu = estimator.estimate(ExperimentBuilder.experiment("gpu").hardware("V100", 1).hours(1).cpu("Xeon Gold 6148", 4).build())
                .estimate().orElseThrow();
        assertThat(gpu.hardwareLabel()).isEqualTo("V100x1");
        assertThat(gpu.power().orElseThrow().watts()).isEqualTo(250, within(1e-9));
        ExperimentEstimate declared = estimator.estimate(ExperimentBuilder.experiment("declared").hours(1).watts(40).cpu("Xeon Gold 6148", 4).build())
                .estimate().orElseThrow();
        assertThat(declared.method()).isEqualTo(EnergyMethod.DECLARED);
    }

    private static TraceSummary gpus(String host, Instant t0, String... devices) {
        io.carbonpaper.ingest.trace.TraceIntegrator t = new io.carbonpaper.ingest.trace.TraceIntegrator("test");
        long m = t0.getEpochSecond() * 1_000_000L;
        for (String d : devices) {
            t.power(d, "gpu", m, 100);
            t.power(d, "gpu", m + 60_000_000L, 100);
        }
        return t.finish(Optional.ofNullable(host), Optional.empty());
    }

    /** docs/real-world.md n01: the hardware column of a trace without device names counts its GPUs. */
    @Test void aTraceWithoutNamesIsCountedInTheHardwareColumn() {
        Instant day1 = Instant.parse("2026-01-01T00:00:00Z"), day2 = Instant.parse("2026-01-02T00:00:00Z");
        Experiment e = new ExperimentBuilder().hours(1)
                .trace(gpus("node1", day1, "0", "1")).trace(gpus("node1", day2, "0", "1")) // one host's two days: its 2 GPUs
                .trace(gpus("node2", day1, "0", "1")).build();                             // another host: 2 more
        assertThat(TrainingCostEstimator.unnamed(e)).isEqualTo("unnamed GPUx4");
        assertThat(TrainingCostEstimator.unnamed(new ExperimentBuilder().hours(1).build())).isEqualTo("unknown");
    }
}
