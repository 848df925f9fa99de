package io.carbonpaper.ingest.tracker;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;

import io.carbonpaper.ingest.tracker.wandb.WandbLogWriter;
import io.carbonpaper.model.Experiment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Hydra multirun written by the test: two jobs, a W&B run inside job 0, a manifest in job 1. */
class HydraReaderTest {
    private static final String SWEEP = "multirun/2026-01-22/09-53-50";

    @TempDir Path logs;
    private IngestResult result;

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static void job(Path job, int num, String lr, String seed) throws IOException {
        write(job.resolve(".hydra/config.yaml"), "model:\n  name: vit\n  depth: 12\noptimizer:\n  lr: " + lr + "\nseed: " + seed
                + "\nwork_dir: ${hydra:runtime.cwd}\n");
        write(job.resolve(".hydra/overrides.yaml"), "- optimizer.lr=" + lr + "\n- seed=" + seed + "\n");
        write(job.resolve(".hydra/hydra.yaml"), "hydra:\n  mode: MULTIRUN\n  sweep:\n    dir: multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}\n"
                + "    subdir: ${hydra.job.num}\n  job:\n    name: train\n    num: " + num + "\n");
        write(job.resolve("train.log"), "[2026-01-22 09:53:51,000][__main__][INFO] - start\n");
    }

    @BeforeEach void writeSweep() throws IOException {
        Path sweep = logs.resolve(SWEEP);
        write(sweep.resolve("multirun.yaml"), "hydra:\n  mode: MULTIRUN\n  job:\n    num: ???\nseed: 1\n");
        job(sweep.resolve("0"), 0, "0.1", "1");
        job(sweep.resolve("1"), 1, "0.01", "2");
        long t0 = Instant.parse("2026-01-22T08:54:04Z").getEpochSecond() * 1_000_000L;
        WandbLogWriter w = new WandbLogWriter().record(WandbLogWriter.run(1, t0, "job-0", "wandb-group", "node"))
                .record(WandbLogWriter.stats(2, t0, Map.of("gpu.0.powerWatts", "200")))
                .record(WandbLogWriter.stats(3, t0 + 15_000_000, Map.of("gpu.0.powerWatts", "200")))
                .record(WandbLogWriter.exit(4, 0, 20));
        Path run = sweep.resolve("0/wandb/run-20260122_095404-abcd1234");
        Files.createDirectories(run);
        Files.write(run.resolve("run-abcd1234.wandb"), w.bytes());
        write(run.resolve("files/output.log"), "epoch 1\n");
        write(sweep.resolve("1/experiment.yaml"), "group: hand-named\nlabel: my label\n");
        result = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, Map.of()));
    }

    private Experiment experiment(String key) {
        return result.experiments().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test void eachJobIsAnExperimentGroupedByItsSweepAndLabelledByItsOverrides() {
        assertThat(result.experiments()).extracting(Experiment::key).containsExactly(SWEEP + "/0", SWEEP + "/1");
        Experiment job0 = experiment(SWEEP + "/0");
        assertThat(job0.group()).isEqualTo(SWEEP);
        assertThat(job0.label()).contains("optimizer.lr=0.1,seed=1");
        assertThat(job0.hyperparameters()).containsEntry("optimizer.lr", "0.1").containsEntry("model.depth", "12")
                .containsEntry("work_dir", "${hydra:runtime.cwd}");
    }

    @Test void aWandbRunInsideTheJobFolderJoinsTheJob() {
        Experiment job0 = experiment(SWEEP + "/0");
        assertThat(job0.traces()).singleElement().satisfies(t -> assertThat(t.total().joules()).isEqualTo(3000.0));
        assertThat(job0.hours().orElseThrow().seconds()).isEqualTo(20.0);
        assertThat(job0.name()).isEqualTo("job-0");
        assertThat(job0.group()).isEqualTo(SWEEP); // the sweep, not W&B's group: the Hydra files come first
        assertThat(result.files()).filteredOn(v -> v.file().endsWith("files/output.log")).singleElement()
                .satisfies(v -> assertThat(v.experiment()).contains(SWEEP + "/0"));
    }

    @Test void aManifestWinsOverTheTracker() {
        Experiment job1 = experiment(SWEEP + "/1");
        assertThat(job1.group()).isEqualTo("hand-named");
        assertThat(job1.label()).contains("my label");
        assertThat(job1.hyperparameters()).containsEntry("seed", "2");
    }

    @Test void theSweepFileIsRecognisedAndIsNoExperiment() {
        assertThat(result.files()).filteredOn(v -> v.file().equals(SWEEP + "/multirun.yaml")).singleElement()
                .satisfies(v -> {
                    assertThat(v.format()).contains(HydraReader.FORMAT);
                    assertThat(v.experiment()).isEmpty();
                });
    }

    @Test void aSingleRunHasItsOverridesAsLabelAndNoSweep() throws IOException {
        Path single = logs.resolve("single/outputs/2022-10-05/18-16-22");
        write(single.resolve(".hydra/config.yaml"), "lr: 0.1\n");
        write(single.resolve(".hydra/overrides.yaml"), "- lr=0.1\n");
        write(single.resolve(".hydra/hydra.yaml"), "hydra:\n  mode: RUN\n");
        IngestResult r = new Ingestor(ReaderRegistry.builtIn()).ingest(logs.resolve("single"), List.of(), ProjectConfigReader.readProject(logs.resolve("single"), Map.of()));
        Experiment e = r.experiments().get(0);
        assertThat(e.key()).isEqualTo("outputs/2022-10-05/18-16-22");
        assertThat(e.label()).contains("lr=0.1");
        assertThat(e.group()).isEqualTo("outputs/2022-10-05");
    }

    @Test void otherHiddenFoldersAreStillSkipped() throws IOException {
        write(logs.resolve(SWEEP + "/.submitit/123/log.out"), "x\n");
        IngestResult r = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, Map.of()));
        assertThat(r.files()).noneMatch(v -> v.file().contains(".submitit"));
    }
}
