package io.carbonpaper.estimate;

import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Overrides;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.MassUnit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The final model, one tuning run and everything, as the paper's Table 4 splits them. */
class RndBreakdownTest {
    private static final Catalogs CATALOGS = Catalogs.bundled();

    static Experiment run(String key, String group, boolean isFinal, double hours, int gpus) {
        return ExperimentBuilder.experiment(key).group(group).isFinal(isFinal).hardware(new Hardware("V100", gpus, "test", 0))
                .hours(hours).hoursSource("test").build();
    }

    static List<ExperimentEstimate> estimate(ProjectConfig c, Experiment... xs) {
        TrainingCostEstimator est = new TrainingCostEstimator(CATALOGS, c);
        List<ExperimentEstimate> out = new ArrayList<>();
        for (Experiment x : xs) out.add(est.estimate(x).estimate().orElseThrow());
        return out;
    }

    static ProjectConfig config(Optional<String> tune) {
        ProjectConfig d = ProjectConfig.defaults();
        return new ProjectConfig(d.title(), MassUnit.KG, Overrides.NONE,
                Optional.empty(), Optional.empty(), ProjectConfig.GroupBy.AUTO, "final", tune, Optional.empty(), Optional.empty(), false, List.of(),
                Optional.empty(), d.traces());
    }

    @Test void theFinalGroupAndFinalMarkBothCountAsTheFinalModel() {
        ProjectConfig c = config(Optional.empty());
        List<ExperimentEstimate> es = estimate(c, run("a", "final", false, 10, 1), run("b", "search", true, 5, 1),
                run("c", "search", false, 5, 1));
        RndBreakdown b = RndBreakdown.of(es, c, e -> e.experiment().group());
        assertThat(b.finals()).extracting(e -> e.experiment().key()).containsExactly("a", "b");
        assertThat(b.finalBasis()).isEqualTo(RndBreakdown.Basis.MARKED);
        assertThat(b.all()).hasSize(3);
    }

    static Experiment sweep(String key, String group, double hours, int gpus, String lr) {
        return ExperimentBuilder.experiment(key).group(group).hardware(new Hardware("V100", gpus, "test", 0)).hours(hours)
                .hoursSource("test").hyperparameter("lr", lr).hyperparameter("batch", "32").build();
    }

    @Test void withoutATuneGroupTheLargestSweepOtherThanTheFinalIsTaken() {
        ProjectConfig c = config(Optional.empty());
        // "wide": 2 runs x 10 h x 4 GPUs = 80; "long": 3 runs x 20 h x 1 GPU = 60; the final group is larger still.
        List<ExperimentEstimate> es = estimate(c, run("f", "final", false, 1000, 8), sweep("w1", "wide", 10, 4, "1e-4"),
                sweep("w2", "wide", 10, 4, "3e-4"), sweep("l1", "long", 20, 1, "1e-4"), sweep("l2", "long", 20, 1, "3e-4"),
                sweep("l3", "long", 20, 1, "1e-3"));
        RndBreakdown b = RndBreakdown.of(es, c, e -> e.experiment().group());
        assertThat(b.tuneGroup()).contains("wide");
        assertThat(b.tuneBasis()).isEqualTo(RndBreakdown.Basis.INFERRED);
        assertThat(b.tune()).hasSize(2);
        assertThat(b.groups()).isEqualTo(3);
    }

    @Test void aGroupOfUnrelatedRunsIsNoTuningRun() {
        ProjectConfig c = config(Optional.empty());
        // No hyper-parameters recorded; different hardware; the same values twice: none is a search.
        List<ExperimentEstimate> es = estimate(c, run("a1", "a", false, 10, 4), run("a2", "a", false, 10, 4),
                sweep("b1", "b", 10, 1, "1e-4"), sweep("b2", "b", 10, 2, "3e-4"),
                sweep("c1", "c", 10, 1, "1e-4"), sweep("c2", "c", 10, 1, "1e-4"));
        RndBreakdown b = RndBreakdown.of(es, c, e -> e.experiment().group());
        assertThat(b.tuneGroup()).isEmpty();
        assertThat(b.tuneBasis()).isEqualTo(RndBreakdown.Basis.NONE);
        assertThat(b.finals()).isEmpty();
        assertThat(b.finalBasis()).isEqualTo(RndBreakdown.Basis.NONE);
    }

    @Test void aLoneExperimentIsTheFinalModel() {
        ProjectConfig c = config(Optional.empty());
        RndBreakdown b = RndBreakdown.of(estimate(c, run("only", "x", false, 3, 1)), c, e -> e.experiment().group());
        assertThat(b.finals()).extracting(e -> e.experiment().key()).containsExactly("only");
        assertThat(b.finalBasis()).isEqualTo(RndBreakdown.Basis.INFERRED);
        assertThat(b.tune()).isEmpty();
    }

    @Test void aConfiguredTuneGroupWins() {
        ProjectConfig c = config(Optional.of("long"));
        List<ExperimentEstimate> es = estimate(c, run("w1", "wide", false, 100, 4), run("l1", "long", false, 1, 1));
        RndBreakdown b = RndBreakdown.of(es, c, e -> e.experiment().group());
        assertThat(b.tuneGroup()).contains("long");
        assertThat(b.tune()).extracting(e -> e.experiment().key()).containsExactly("l1");
        assertThat(b.finals()).isEmpty();
    }

    @Test void totalsAddHoursAndRangesEndByEnd() {
        ProjectConfig c = config(Optional.empty());
        List<ExperimentEstimate> es = estimate(c, run("a", "g", false, 10, 2), run("b", "g", false, 5, 1));
        ProjectTotals t = ProjectTotals.of(es, Optional.empty(), Optional.of(new io.carbonpaper.unit.EnergyPrice(0.1, "USD")));
        assertThat(t.models()).isEqualTo(2);
        assertThat(t.hours().value()).isEqualTo(15);
        assertThat(t.acceleratorHours().value()).isEqualTo(25);
        // 25 V100-hours at 250 W x PUE 1.58 = 9.875 kWh.
        assertThat(t.energy().orElseThrow().central().kilowattHours()).isCloseTo(9.875, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(t.energy().get().low()).isLessThanOrEqualTo(t.energy().get().central());
        assertThat(t.co2e().get().central()).isLessThanOrEqualTo(t.co2e().get().high());
        assertThat(t.electricity().orElseThrow().central().amount()).isCloseTo(0.9875, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(t.embodied()).isEmpty();
        assertThat(t.withoutEmbodied()).isEqualTo(2);
    }

    /** A Slurm history: jobs of one name that differ only in what the accounting recorded are no sweep. */
    @Test void slurmJobsDifferingOnlyInStateAndNodesAreNotATuningRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("sacct.txt"), """
                JobID|JobName|Partition|AllocTRES|Elapsed|Start|End|State|NodeList
                101|train|gpu|billing=8,cpu=8,gres/gpu:v100=2,mem=64G,node=1|01:00:00|2024-03-01T10:00:00|2024-03-01T11:00:00|COMPLETED|n01
                102|train|gpu|billing=8,cpu=8,gres/gpu:v100=2,mem=64G,node=1|00:30:00|2024-03-02T10:00:00|2024-03-02T10:30:00|FAILED|n02
                103|train|gpu|billing=8,cpu=8,gres/gpu:v100=2,mem=64G,node=1|02:00:00|2024-03-03T10:00:00|2024-03-03T12:00:00|COMPLETED|n03
                """);
        ProjectConfig c = config(Optional.empty());
        List<Experiment> xs = new io.carbonpaper.ingest.Ingestor(io.carbonpaper.ingest.ReaderRegistry.builtIn()).ingest(dir, List.of(), c).experiments();
        assertThat(xs).hasSize(3).allSatisfy(x -> {
            assertThat(x.hyperparameters()).isEmpty();
            assertThat(x.jobDetails()).containsKeys("State", "NodeList", "Partition");
        });
        RndBreakdown b = RndBreakdown.of(estimate(c, xs.toArray(Experiment[]::new)), c, e -> e.experiment().group());
        assertThat(b.tuneBasis()).isEqualTo(RndBreakdown.Basis.NONE);
        assertThat(b.tuneGroup()).isEmpty();
        assertThat(b.tune()).isEmpty();
    }
}
