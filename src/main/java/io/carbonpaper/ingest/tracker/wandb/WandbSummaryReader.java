package io.carbonpaper.ingest.tracker.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.tracker.TrackerFolders;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a W&B run's {@code files/wandb-summary.json}: the last value of every logged metric and
 * the run's duration. The duration is {@code _wandb.runtime} (whole seconds of wall clock,
 * teardown included), else {@code _runtime} (seconds to the last log call); {@code _timestamp}
 * (epoch seconds of the last log, integer or exponent form) bounds the end. Media values
 * (objects with {@code _type}) and keys starting with '_' are not metrics; names with '/' are
 * plain keys.
 */
public final class WandbSummaryReader implements LogReader {
    public static final String FORMAT = "wandb-summary";

    @Override public String format() { return FORMAT; }

    /**
     * Content names most summaries ({@code _wandb}, {@code _runtime}); an empty {@code {}} summary
     * says nothing, so the W&B file name in a {@code files/} folder decides then.
     */
    @Override public boolean sniff(InputSource source) {
        if (!WandbFiles.looksLikeJsonObject(source)) return false;
        String h = source.headText();
        if (h.contains("\"startedAt\"") || h.contains("\"started_at\"")) return false;
        boolean keys = h.contains("\"_wandb\"") || (h.contains("\"_runtime\"") && h.contains("\"_timestamp\""));
        return keys || (source.fileName().equals("wandb-summary.json") && WandbFiles.inRunFiles(source));
    }

    @Override public String experimentFolder(InputSource source) { return WandbFiles.experimentFolder(source); }

    @Override public List<String> claimedFolders(InputSource source) { return List.of(TrackerFolders.wandbRunFolder(source.name())); }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        JsonNode s = WandbFiles.readJson(source);
        Optional<Double> total = WandbFiles.number(s.path("_wandb").get("runtime")).filter(d -> d > 0);
        Optional<Double> toLastLog = WandbFiles.number(s.get("_runtime")).filter(d -> d > 0);
        Optional<Instant> lastLog = WandbFiles.number(s.get("_timestamp")).filter(d -> d > 0 && d < 253402300799.0)
                .map(d -> Instant.ofEpochSecond((long) Math.floor(d), Math.round((d - Math.floor(d)) * 1e9) % 1_000_000_000L));
        Map<String, Double> metrics = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_") || !e.getValue().isNumber()) continue;
            double v = e.getValue().asDouble();
            if (Double.isFinite(v)) metrics.put(e.getKey(), v);
        }
        for (var k : java.util.List.of(java.util.Map.entry("_wandb.runtime", s.path("_wandb").path("runtime")), java.util.Map.entry("_runtime", s.path("_runtime")))) {
            JsonNode v = k.getValue();
            if (!v.isMissingNode() && !v.isNull() && WandbFiles.number(v).filter(d -> d > 0).isEmpty())
                sink.problem(io.carbonpaper.model.Problem.warning(source.name(), 0, k.getKey() + ": expected a positive, finite number of seconds, found "
                        + (v.isNumber() ? v.asText() : "'" + v.asText() + "'") + "; not used"));
        }
        Optional<Double> seconds = total.or(() -> toLastLog);
        if (seconds.isEmpty() && metrics.isEmpty() && lastLog.isEmpty()) return; // "{}": the run logged nothing
        String runtimeSource = total.isPresent() ? "_wandb.runtime" : toLastLog.isPresent() ? "_runtime (to the last log call)" : "";
        sink.accept(new TrainingLog(FORMAT, Optional.empty(), lastLog, seconds.map(Hours::ofSeconds), runtimeSource,
                metrics, Map.of(), null, total.isEmpty() && toLastLog.isPresent()));
    }
}
