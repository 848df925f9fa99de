package io.carbonpaper.ingest.tracker.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.trace.TraceIntegrator;
import io.carbonpaper.ingest.tracker.TrackerFolders;
import io.carbonpaper.ingest.source.YamlDocument;
import io.carbonpaper.model.Plausible;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a run of an MLflow file store ({@code mlruns/<experiment_id>/<run_id>/}). The run's
 * {@code meta.yaml} (recognised by its keys {@code run_id} with {@code artifact_uri} or
 * {@code lifecycle_stage}) triggers the read; the reader then streams the run's sibling folders
 * itself: {@code metrics/<key>} files of {@code <timestamp_ms> <value> <step>} lines (keys with
 * '/' are subfolders; lines are appended, so duplicates occur; the latest value is the one with
 * the greatest step, then timestamp), {@code params/} and {@code tags/} (one value per file, no
 * trailing newline). MLflow's system metrics {@code system/gpu_N_power_usage_watts} (and
 * {@code system/<node>/gpu_N_power_usage_watts} for multi-node runs) are integrated as a power
 * trace at their millisecond timestamps. The experiment's {@code meta.yaml} names the group.
 *
 * <p>Times are epoch milliseconds; {@code status} is an integer (1 RUNNING, 2 SCHEDULED, 3
 * FINISHED, 4 FAILED, 5 KILLED) and {@code end_time} is null while a run has not ended. The
 * absolute {@code artifact_uri} points at the original machine and is never used. Experiment
 * {@code meta.yaml} files and MLflow 3's logged models ({@code models/m-<id>/}) are recognised
 * and are not runs.
 */
public final class MlflowRunReader implements LogReader {
    public static final String FORMAT = "mlflow-run";

    private static final Pattern RUN_ID = Pattern.compile("(?m)^run_id:");
    private static final Pattern RUN_KEYS = Pattern.compile("(?m)^(artifact_uri|lifecycle_stage):");
    private static final Pattern EXPERIMENT_KEYS = Pattern.compile("(?m)^artifact_location:");
    private static final Pattern MODEL_KEYS = Pattern.compile("(?m)^model_id:");
    private static final Pattern POWER = Pattern.compile("system/(?:(.+)/)?gpu_(\\d+)_power_usage_watts");
    private static final String[] STATUS = {"", "RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"};
    /** A param or tag value longer than this is cut: values are short by MLflow's own limits. */
    private static final int MAX_VALUE_BYTES = 8192;
    private static final int MAX_KEYS = 10_000;

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        if (!source.fileName().equals("meta.yaml")) return false;
        String h = source.headText();
        return (RUN_ID.matcher(h).find() && RUN_KEYS.matcher(h).find())
                || (EXPERIMENT_KEYS.matcher(h).find() && h.contains("experiment_id:"))
                || (MODEL_KEYS.matcher(h).find() && h.contains("source_run_id:"));
    }

    @Override public String experimentFolder(InputSource source) {
        return TrackerFolders.joinHydraJob(source, folderOf(source.name()), "mlruns", 3);
    }

    /** A run's folder (its metrics, params, tags, artifacts, outputs), or a logged model's folder. */
    @Override public List<String> claimedFolders(InputSource source) {
        String h = source.headText();
        boolean run = RUN_ID.matcher(h).find() && RUN_KEYS.matcher(h).find();
        boolean model = MODEL_KEYS.matcher(h).find();
        return run || model ? List.of(folderOf(source.name())) : List.of();
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        YamlDocument meta = YamlDocument.parse(source);
        if (meta.blank()) throw new InputException(0, "empty meta.yaml: expected MLflow's run_id, experiment_id, status, start_time (a run killed while writing it?)");
        if (!meta.root().isObject()) throw new InputException(1, "expected an MLflow meta.yaml mapping");
        if (meta.node("run_id") == null) return; // an experiment's or a logged model's meta.yaml: not a run
        String runFolder = folderOf(source.name());
        Path runDir = source.path().toAbsolutePath().getParent();

        Optional<Instant> start = millis(meta, "start_time", source, sink);
        Optional<Instant> end = millis(meta, "end_time", source, sink);
        int status = meta.node("status") != null && meta.node("status").isIntegralNumber() ? meta.node("status").asInt() : 0;
        String statusName = status > 0 && status < STATUS.length ? STATUS[status] : "status " + status;
        if (meta.node("lifecycle_stage") != null && "deleted".equals(meta.node("lifecycle_stage").asText()))
            sink.problem(Problem.note(source.name(), meta.lineOf("lifecycle_stage"), "the run was deleted in MLflow (lifecycle_stage: deleted)"));

        Map<String, String> params = values(runDir.resolve("params"), runFolder + "/params", source, sink);
        Map<String, String> tags = values(runDir.resolve("tags"), runFolder + "/tags", source, sink);
        Metrics metrics = new Metrics(TraceIntegrator.forFile(source, FORMAT));
        Path metricsDir = runDir.resolve("metrics");
        if (Files.isDirectory(metricsDir)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(metricsDir)) {
                files = walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().limit(MAX_KEYS).toList();
            }
            for (Path f : files) {
                String key = metricsDir.relativize(f).toString().replace('\\', '/');
                metrics.read(source.beside(f, runFolder + "/metrics/" + key), key, sink);
            }
        }

        Optional<Hours> runtime = Optional.empty();
        String runtimeSource = "";
        boolean ended = status >= 3 && status <= 5;
        if (start.isPresent() && end.isPresent() && ended && !end.get().isBefore(start.get())) {
            runtime = Optional.of(Hours.of(Duration.between(start.get(), end.get())));
            runtimeSource = "meta.yaml end_time - start_time";
        } else if (end.isEmpty()) {
            if (meta.node("end_time") == null) // an unusable one was reported above
                sink.problem(Problem.note(source.name(), meta.lineOf("end_time"), "the run has no end_time (" + statusName
                        + "): it never ended or is still running; its last metric time bounds its end"));
            if (metrics.lastMicros != Long.MIN_VALUE) end = Optional.of(Instant.ofEpochMilli(metrics.lastMicros / 1000));
        }
        if (status == 4 || status == 5)
            sink.problem(Problem.note(source.name(), meta.lineOf("status"), "the run ended " + statusName));

        if (!metrics.power.isEmpty()) sink.accept(metrics.power.finish(Optional.empty(), Optional.empty()));
        Optional<String> name = text(meta, "run_name").or(() -> nonEmpty(tags.getOrDefault("mlflow.runName", "")))
                .or(() -> text(meta, "name"));
        Optional<String> group = experimentName(source, runDir.getParent(), text(meta, "experiment_id").orElse(""));
        sink.accept(RunInfo.grouping(FORMAT, name, group, Optional.empty()));
        sink.accept(new TrainingLog(FORMAT, start, end, runtime, runtimeSource, metrics.finals(), params));
    }

    private static Optional<Instant> millis(YamlDocument meta, String key, InputSource source, FindingSink sink) throws InputException {
        JsonNode n = meta.node(key);
        if (n == null) return Optional.empty();
        if (!n.isIntegralNumber() || n.asLong() <= 0) {
            sink.problem(Problem.warning(source.name(), meta.lineOf(key), "'" + key + "' must be epoch milliseconds, found '" + n.asText() + "'"));
            return Optional.empty();
        }
        String outside = n.canConvertToLong() ? Plausible.millis(n.asLong()) : "beyond any time";
        if (outside != null) {
            sink.problem(Problem.warning(source.name(), meta.lineOf(key), "'" + key + "' " + n.asText() + " ms: " + outside));
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(n.asLong()));
    }

    /** The experiment's name from {@code <experiment>/meta.yaml}, else "MLflow experiment <id>". */
    private static Optional<String> experimentName(InputSource source, Path experimentDir, String id) {
        Path meta = experimentDir == null ? null : experimentDir.resolve("meta.yaml");
        if (meta != null && Files.isRegularFile(meta, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                YamlDocument doc = YamlDocument.parse(source.beside(meta, "meta.yaml"));
                Optional<String> name = doc.root().isObject() ? doc.string("name") : Optional.empty();
                if (name.isPresent() && !name.get().isBlank()) return name;
            } catch (IOException e) {
                // the experiment's own meta.yaml is read (and reported) as a file of its own
            }
        }
        return id.isBlank() ? Optional.empty() : Optional.of("MLflow experiment " + id);
    }

    /** params/ or tags/: file name (with subfolders for '/') to its content. */
    private static Map<String, String> values(Path dir, String relative, InputSource source, FindingSink sink) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) return out;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().limit(MAX_KEYS).toList();
        }
        for (Path f : files) {
            String key = dir.relativize(f).toString().replace('\\', '/');
            try (InputStream in = source.beside(f, relative + "/" + key).open()) {
                byte[] b = in.readNBytes(MAX_VALUE_BYTES);
                out.put(key, new String(b, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                sink.problem(Problem.warning(relative + "/" + key, 0, "cannot be read: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The metrics of one run: final values, and GPU power as a trace. */
    private static final class Metrics {
        final TraceIntegrator power;

        Metrics(TraceIntegrator power) { this.power = power; }
        final Map<String, double[]> latest = new TreeMap<>(); // key -> {step, timestamp, value}
        long lastMicros = Long.MIN_VALUE;

        void read(InputSource file, String key, FindingSink sink) throws IOException {
            String name = file.name();
            Matcher p = POWER.matcher(key);
            boolean isPower = p.matches();
            String device = isPower ? (p.group(1) == null ? p.group(2) : p.group(1) + "/" + p.group(2)) : null;
            double[] best = null;
            long lineNo = 0;
            int bad = 0;
            try (BufferedReader r = file.reader()) {
                String line;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) continue;
                    String[] f = line.strip().split(" ");
                    long ts;
                    double value;
                    long step;
                    try {
                        if (f.length != 2 && f.length != 3) throw new NumberFormatException();
                        ts = Long.parseLong(f[0]);
                        value = Double.parseDouble(f[1]);
                        step = f.length == 3 ? Long.parseLong(f[2]) : 0; // two fields: very old files, step 0
                    } catch (NumberFormatException e) {
                        if (bad++ < 20)
                            sink.problem(Problem.warning(name, lineNo, "expected '<timestamp_ms> <value> <step>', found '" + abbreviate(line) + "'"));
                        continue;
                    }
                    String outside = Plausible.millis(ts);
                    if (outside != null) {
                        if (bad++ < 20) sink.problem(Problem.warning(name, lineNo, "timestamp " + ts + " ms: " + outside));
                        continue;
                    }
                    long micros = ts * 1000;
                    lastMicros = Math.max(lastMicros, micros);
                    if (isPower) {
                        power.power(device, "gpu", micros, value);
                    } else if (!key.startsWith("system/") && Double.isFinite(value)) {
                        if (best == null || step > best[0] || (step == best[0] && (ts > best[1] || (ts == best[1] && value > best[2]))))
                            best = new double[] {step, ts, value};
                    }
                }
            }
            if (bad > 20) sink.problem(Problem.warning(name, 0, bad + " malformed lines in all"));
            if (best != null) latest.put(key, best);
        }

        Map<String, Double> finals() {
            Map<String, Double> out = new TreeMap<>();
            latest.forEach((k, v) -> out.put(k, v[2]));
            return out;
        }
    }

    /** A scalar as text; absent, null, blank and non-scalars are empty. */
    private static Optional<String> text(YamlDocument doc, String key) {
        JsonNode n = doc.node(key);
        return n == null || !n.isValueNode() ? Optional.empty() : nonEmpty(n.asText());
    }

    private static String abbreviate(String s) { return s.length() > 60 ? s.substring(0, 57) + "..." : s; }

    private static Optional<String> nonEmpty(String s) { return s == null || s.isBlank() ? Optional.empty() : Optional.of(s); }

    private static String folderOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

}
