package io.carbonpaper.ingest.tracker.mlflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an MLflow file store for tests, as MLflow's FileStore lays it out (docs/trackers.md):
 * experiment and run {@code meta.yaml}, {@code metrics/} lines, {@code params/} and {@code tags/}
 * files without a trailing newline.
 */
public final class MlflowStoreWriter {
    private final Path mlruns;

    public MlflowStoreWriter(Path mlruns) { this.mlruns = mlruns; }

    public MlflowStoreWriter experiment(String id, String name) throws IOException {
        write(mlruns.resolve(id).resolve("meta.yaml"), "artifact_location: file:///C:/Users/someone/mlruns/" + id + "\n"
                + "creation_time: 1758275523966\nexperiment_id: '" + id + "'\nlast_update_time: 1758275523966\n"
                + "lifecycle_stage: active\nname: " + name + "\n");
        return this;
    }

    /** A run; {@code endMillis} null writes {@code end_time: null} (a run that never ended). */
    public Path run(String experimentId, String runId, String runName, long startMillis, Long endMillis, int status) throws IOException {
        Path dir = mlruns.resolve(experimentId).resolve(runId);
        write(dir.resolve("meta.yaml"), "artifact_uri: file:///mnt/c/Users/%D0%90/mlruns/" + experimentId + "/" + runId + "/artifacts\n"
                + "end_time: " + (endMillis == null ? "null" : endMillis) + "\nentry_point_name: ''\nexperiment_id: '" + experimentId + "'\n"
                + "lifecycle_stage: active\nrun_id: " + runId + "\n" + (runName == null ? "" : "run_name: " + runName + "\n")
                + "source_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: " + startMillis + "\nstatus: " + status + "\ntags: []\nuser_id: someone\n");
        return dir;
    }

    public static void metric(Path run, String key, String lines) throws IOException { write(run.resolve("metrics").resolve(key), lines); }

    public static void param(Path run, String key, String value) throws IOException { write(run.resolve("params").resolve(key), value); }

    public static void tag(Path run, String key, String value) throws IOException { write(run.resolve("tags").resolve(key), value); }

    /** An MLflow 3 logged model: not a run. */
    public void loggedModel(String experimentId, String modelId, String sourceRun) throws IOException {
        Path dir = mlruns.resolve(experimentId).resolve("models").resolve(modelId);
        write(dir.resolve("meta.yaml"), "artifact_location: file:///x/artifacts\ncreation_timestamp: 1758275957182\nexperiment_id: '"
                + experimentId + "'\nmodel_id: " + modelId + "\nmodel_type: null\nname: model\nsource_run_id: " + sourceRun + "\nstatus: 2\n");
        metric(dir, "accuracy", "1758275956473 0.659375 0\n");
        tag(dir, "mlflow.source.type", "LOCAL");
    }

    private static void write(Path f, String content) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
    }
}
