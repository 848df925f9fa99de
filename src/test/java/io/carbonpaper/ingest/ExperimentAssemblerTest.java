package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiCsvReader;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.JobRecord;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExperimentAssemblerTest {
    private static JobRecord job(Optional<String> accelerator, int gpus) {
        return new JobRecord("1001", "bert-large #1001", "bert-large", accelerator, gpus, Optional.of(Hours.of(2.5)),
                Optional.of(Instant.parse("2026-06-24T06:30:40Z")), Optional.of(Instant.parse("2026-06-24T09:00:40Z")), "COMPLETED", 1);
    }

    @Test void aJobRecordNamesGroupsTimesAndEquipsTheExperiment() {
        ExperimentDraft d = new ExperimentDraft("sacct:1001", "cluster");
        d.add(job(Optional.of("a100"), 4), "cluster/sacct.txt");
        Experiment e = ExperimentAssembler.assemble(d);
        assertThat(e.name()).isEqualTo("bert-large #1001");
        assertThat(e.group()).isEqualTo("bert-large");
        assertThat(e.hours().orElseThrow().value()).isCloseTo(2.5, within(1e-12));
        assertThat(e.hoursSource()).isEqualTo("sacct Elapsed");
        assertThat(e.hardware().orElseThrow().accelerator()).isEqualTo("a100");
        assertThat(e.hardware().orElseThrow().count()).isEqualTo(4);
        assertThat(e.hardware().orElseThrow().origin()).isEqualTo("cluster/sacct.txt");
        assertThat(e.start()).contains(Instant.parse("2026-06-24T06:30:40Z"));
        assertThat(e.end()).contains(Instant.parse("2026-06-24T09:00:40Z"));
    }

    @Test void untypedGpusGiveNoHardwareName() {
        ExperimentDraft d = new ExperimentDraft("sacct:1001", "cluster");
        d.add(job(Optional.empty(), 4), "cluster/sacct.txt");
        assertThat(ExperimentAssembler.assemble(d).hardware()).isEmpty();
    }

    @Test void twoDaysOfOneNodeAreItsFourGpusNotEight() throws IOException {
        Path dir = Files.createTempDirectory("days");
        try {
            ExperimentDraft d = new ExperimentDraft("node", "node");
            for (int day = 1; day <= 2; day++) {
                StringBuilder csv = new StringBuilder("timestamp, index, name, power.draw [W]\n");
                for (int m = 0; m < 60; m++) {
                    for (int g = 0; g < 4; g++) csv.append(String.format("2024/03/0%d 10:%02d:00.000, %d, NVIDIA A100-SXM4-80GB, 300.00 W%n", day, m, g));
                }
                Path f = dir.resolve("gpu-day" + day + ".csv");
                Files.writeString(f, csv);
                List<Finding> found = new ArrayList<>();
                new NvidiaSmiCsvReader().read(new InputSource(f, f.getFileName().toString()),
                        new FindingSink() {
                            @Override public void accept(Finding x) { found.add(x); }

                            @Override public void problem(Problem p) { }
                        });
                for (Finding x : found) d.add(x, "node/gpu-day" + day + ".csv");
            }
            Experiment e = ExperimentAssembler.assemble(d);
            assertThat(e.hardware().orElseThrow().count()).isEqualTo(4);
            assertThat(e.traces()).hasSize(2);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    private static ToolEnergyReport tool(String run, String start, double seconds) {
        return new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(0.1), Optional.empty(), Optional.of(Hours.ofSeconds(seconds)),
                Optional.ofNullable(start).map(Instant::parse), false, Optional.empty(), Optional.empty(), Optional.of(run));
    }

    @Test void runsOneAfterAnotherAddUpTheirHours() {
        ExperimentDraft d = new ExperimentDraft("bert", "bert");
        d.add(tool("a", "2024-03-01T10:05:00Z", 900), "bert/emissions.csv");
        d.add(tool("b", "2024-03-01T10:30:00Z", 1800), "bert/emissions.csv");
        d.add(tool("c", "2024-03-02T08:00:00Z", 3600), "bert/emissions.csv");
        Experiment e = ExperimentAssembler.assemble(d);
        assertThat(e.hours().orElseThrow().value()).isCloseTo(1.75, within(1e-9));
        assertThat(e.hoursSource()).isEqualTo("codecarbon duration");
    }

    @Test void overlappingRanksCountTheirCommonTimeOnce() {
        ExperimentDraft d = new ExperimentDraft("ddp", "ddp");
        d.add(tool("rank0", "2024-03-01T10:00:00Z", 3600), "ddp/emissions_rank0.csv");
        d.add(tool("rank1", "2024-03-01T10:00:05Z", 3590), "ddp/emissions_rank1.csv");
        d.add(tool("rank0-resume", "2024-03-01T10:30:00Z", 3600), "ddp/emissions_rank0.csv");
        assertThat(ExperimentAssembler.assemble(d).hours().orElseThrow().value()).isCloseTo(1.5, within(1e-9));
    }

    @Test void aFigureWithoutAStartCountsAtLeastItsDuration() {
        assertThat(ExperimentAssembler.toolHours(List.of(tool("a", null, 7200), tool("b", "2024-03-01T10:00:00Z", 60))))
                .contains(Hours.of(2));
        assertThat(ExperimentAssembler.toolHours(List.of(tool("a", null, 60), tool("b", "2024-03-01T10:00:00Z", 120),
                tool("c", "2024-03-01T11:00:00Z", 120)))).hasValueSatisfying(h -> assertThat(h.seconds()).isCloseTo(240, within(1e-6)));
        assertThat(ExperimentAssembler.toolHours(List.of())).isEmpty();
    }

    @Test void aToolsMixOfDevicesBecomesHardwareOfTwoParts() {
        ExperimentDraft d = new ExperimentDraft("box", "box");
        d.add(new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(0.65), Optional.empty(), Optional.of(Hours.of(2)), Optional.empty(),
                false, Optional.empty(), Optional.empty(), Optional.of("m-1"), null,
                List.of(new Hardware.Part("NVIDIA GeForce RTX 4060", 1), new Hardware.Part("NVIDIA GeForce RTX 3080 Ti", 1))), "box/emissions.csv");
        Hardware h = ExperimentAssembler.assemble(d).hardware().orElseThrow();
        assertThat(h.mixed()).isTrue();
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.describe()).isEqualTo("NVIDIA GeForce RTX 4060 \u00d7 1 + NVIDIA GeForce RTX 3080 Ti \u00d7 1");
        assertThat(h.origin()).isEqualTo("box/emissions.csv");
    }

    private static io.carbonpaper.model.TraceSummary trace(long seconds) {
        io.carbonpaper.ingest.trace.TraceIntegrator t = new io.carbonpaper.ingest.trace.TraceIntegrator("test");
        long t0 = Instant.parse("2020-09-30T14:51:42Z").getEpochSecond() * 1_000_000L;
        for (long s = 0; s <= seconds; s += 5) t.power("0", "gpu", t0 + s * 1_000_000L, 100);
        return t.finish(Optional.empty(), Optional.empty());
    }

    private static io.carbonpaper.model.TrainingLog log(double seconds, boolean lowerBound) {
        return new io.carbonpaper.model.TrainingLog("wandb-summary", Optional.empty(), Optional.empty(), Optional.of(Hours.ofSeconds(seconds)),
                lowerBound ? "_runtime (to the last log call)" : "_wandb.runtime", java.util.Map.of(), java.util.Map.of(), null, lowerBound);
    }

    /** docs/real-world.md r20, r21: a W&B run that crashed after its last log call ran as long as its system metrics say. */
    @Test void aRuntimeToTheLastLogCallYieldsToALongerTraceOfTheSameRun() {
        ExperimentDraft d = new ExperimentDraft("run", "run");
        d.add(trace(1455), "run/run.wandb");
        d.add(log(1121, true), "run/files/wandb-summary.json");
        Experiment e = ExperimentAssembler.assemble(d);
        assertThat(e.hours().orElseThrow().seconds()).isCloseTo(1455, within(1e-6));
        assertThat(e.hoursSource()).startsWith("trace time span").contains("_runtime (to the last log call)");
    }

    @Test void aRuntimeThatIsTheRunsStandsBesideALongerTraceAndOutranksALowerBound() {
        ExperimentDraft d = new ExperimentDraft("run", "run");
        d.add(trace(1455), "run/run.wandb");
        d.add(log(1121, true), "run/files/wandb-summary.json");
        d.add(log(1200, false), "run/files/other-summary.json");
        Experiment e = ExperimentAssembler.assemble(d);
        assertThat(e.hours().orElseThrow().seconds()).isCloseTo(1200, within(1e-6));
        assertThat(e.hoursSource()).isEqualTo("wandb-summary (_wandb.runtime)");

        ExperimentDraft shorter = new ExperimentDraft("run", "run");
        shorter.add(trace(600), "run/run.wandb");
        shorter.add(log(1121, true), "run/files/wandb-summary.json");
        assertThat(ExperimentAssembler.assemble(shorter).hours().orElseThrow().seconds()).isCloseTo(1121, within(1e-6));
    }
}
