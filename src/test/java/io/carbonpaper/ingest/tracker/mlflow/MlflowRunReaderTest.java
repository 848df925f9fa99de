package io.carbonpaper.ingest.tracker.mlflow;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.ingest.FileVerdict;
import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MlflowRunReaderTest {
    private static final long START = 1758275954447L;
    private static final String RUN = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String RUNNING = "0f0e0d0c0b0a09080706050403020100";

    @TempDir Path logs;
    private IngestResult result;

    @BeforeEach void writeStore() throws IOException {
        MlflowStoreWriter store = new MlflowStoreWriter(logs.resolve("mlruns")).experiment("0", "Default").experiment("7111", "wine_quality");
        Path run = store.run("7111", RUN, "bright-jay-719", START, START + 600_000, 3);
        // Duplicated lines (MLflow appends); the latest value is the one with the greatest step, then timestamp.
        MlflowStoreWriter.metric(run, "accuracy", "1758275956473 0.60 0\n1758275956473 0.60 0\n1758275999000 0.71 1\n1758275990000 0.65 0\n");
        MlflowStoreWriter.metric(run, "val/loss", "1758275999000 0.5 1\n"); // '/' in a key is a subfolder
        MlflowStoreWriter.metric(run, "broken", "1758275999000 0.5 1\nnot a metric line\n");
        // System metrics: 10 s sampling, 2 GPUs, one sample duplicated.
        StringBuilder g0 = new StringBuilder(), g1 = new StringBuilder();
        double[] w0 = {100, 200, 150, 300}, w1 = {50, 50, 60, 70};
        for (int i = 0; i < 4; i++) {
            g0.append(START + i * 10_000).append(' ').append(w0[i]).append(' ').append(i).append('\n');
            g1.append(START + i * 10_000).append(' ').append(w1[i]).append(' ').append(i).append('\n');
        }
        g0.append(START + 30_000).append(" 300.0 3\n");
        MlflowStoreWriter.metric(run, "system/gpu_0_power_usage_watts", g0.toString());
        MlflowStoreWriter.metric(run, "system/gpu_1_power_usage_watts", g1.toString());
        MlflowStoreWriter.metric(run, "system/gpu_0_utilization_percentage", START + " 98.0 0\n");
        MlflowStoreWriter.param(run, "lr", "0.01");
        MlflowStoreWriter.param(run, "model/depth", "12");
        MlflowStoreWriter.tag(run, "mlflow.runName", "bright-jay-719");
        MlflowStoreWriter.tag(run, "mlflow.user", "someone");
        java.nio.file.Files.createDirectories(run.resolve("outputs/m-1"));
        java.nio.file.Files.writeString(run.resolve("outputs/m-1/meta.yaml"), "destination_id: m-1\ndestination_type: MODEL_OUTPUT\nsource_id: m-1\nsource_type: RUN_OUTPUT\nstep: 0\n");
        java.nio.file.Files.createDirectories(run.resolve("artifacts/model"));
        java.nio.file.Files.writeString(run.resolve("artifacts/model/MLmodel"), "flavors: {}\n");
        store.loggedModel("7111", "m-1", RUN);

        Path running = store.run("0", RUNNING, null, START, null, 1);
        MlflowStoreWriter.metric(running, "loss", (START + 5_000) + " 3.27 0\n" + (START + 9_000) + " 2.5 1\n");
        MlflowStoreWriter.tag(running, "mlflow.runName", "tagged-name");

        result = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, Map.of()));
    }

    private Experiment experiment(String key) {
        return result.experiments().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test void eachRunIsOneExperimentAndLoggedModelsAndExperimentsAreNot() {
        assertThat(result.experiments()).extracting(Experiment::key)
                .containsExactly("mlruns/0/" + RUNNING, "mlruns/7111/" + RUN);
    }

    @Test void theRunsFilesAreAccountedForNotUnrecognised() {
        assertThat(result.files()).filteredOn(v -> v.format().isEmpty()).isEmpty();
        FileVerdict metric = result.files().stream().filter(v -> v.file().endsWith("metrics/accuracy") && v.file().contains(RUN)).findFirst().orElseThrow();
        assertThat(metric.experiment()).contains("mlruns/7111/" + RUN);
        assertThat(metric.reason()).contains("mlruns/7111/" + RUN + "/meta.yaml");
    }

    @Test void timesNameGroupParamsAndLatestMetricsComeFromTheRunFolder() {
        Experiment e = experiment("mlruns/7111/" + RUN);
        assertThat(e.name()).isEqualTo("bright-jay-719");
        assertThat(e.group()).isEqualTo("wine_quality");
        assertThat(e.start()).contains(Instant.ofEpochMilli(START));
        assertThat(e.hours().orElseThrow().seconds()).isCloseTo(600, within(1e-6));
        assertThat(e.hoursSource()).contains("end_time - start_time");
        assertThat(e.metrics()).containsOnly(Map.entry("accuracy", 0.71), Map.entry("val/loss", 0.5), Map.entry("broken", 0.5));
        assertThat(e.hyperparameters()).containsOnly(Map.entry("lr", "0.01"), Map.entry("model/depth", "12"));
    }

    @Test void systemGpuPowerIsIntegratedAtItsMillisecondTimestamps() {
        TraceSummary t = experiment("mlruns/7111/" + RUN).traces().get(0);
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        double gpu0 = (100 + 200) / 2.0 * 10 + (200 + 150) / 2.0 * 10 + (150 + 300) / 2.0 * 10;
        double gpu1 = (50 + 50) / 2.0 * 10 + (50 + 60) / 2.0 * 10 + (60 + 70) / 2.0 * 10;
        assertThat(t.devices().get(0).energy().joules()).isCloseTo(gpu0, within(1e-6));
        assertThat(t.devices().get(1).energy().joules()).isCloseTo(gpu1, within(1e-6));
        assertThat(t.missingByReason()).containsEntry("duplicate timestamp", 1L);
        assertThat(experiment("mlruns/7111/" + RUN).hardware()).isEmpty(); // MLflow records no GPU model
    }

    @Test void aMalformedMetricLineIsReportedAtItsFileAndLine() {
        assertThat(experiment("mlruns/7111/" + RUN).problems()).extracting(Problem::location)
                .contains("mlruns/7111/" + RUN + "/metrics/broken:2");
    }

    @Test void aRunThatNeverEndedHasNoRuntimeAndItsLastMetricBoundsItsEnd() {
        Experiment e = experiment("mlruns/0/" + RUNNING);
        assertThat(e.hours()).isEmpty();
        assertThat(e.end()).contains(Instant.ofEpochMilli(START + 9_000));
        assertThat(e.name()).isEqualTo("tagged-name"); // MLflow 1.x: no run_name, the tag names it
        assertThat(e.group()).isEqualTo("Default");
        assertThat(e.problems()).extracting(Problem::message).anyMatch(m -> m.contains("no end_time (RUNNING)"));
    }

    @Test void perNodeSystemMetricsBecomeDevicesOfTheirNode() throws IOException {
        MlflowStoreWriter store = new MlflowStoreWriter(logs.resolve("multi/mlruns")).experiment("1", "ddp");
        Path run = store.run("1", "ffffffffffffffffffffffffffffffff", "ddp-run", START, START + 20_000, 3);
        MlflowStoreWriter.metric(run, "system/node-0/gpu_0_power_usage_watts", START + " 100 0\n" + (START + 10_000) + " 100 1\n");
        MlflowStoreWriter.metric(run, "system/node-1/gpu_0_power_usage_watts", START + " 200 0\n" + (START + 10_000) + " 200 1\n");
        IngestResult r = new Ingestor(ReaderRegistry.builtIn()).ingest(logs.resolve("multi"), List.of(), ProjectConfigReader.readProject(logs.resolve("multi"), Map.of()));
        TraceSummary t = r.experiments().get(0).traces().get(0);
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("node-0/0", "node-1/0");
        assertThat(t.total().joules()).isCloseTo(3000, within(1e-9));
    }
}
