package io.carbonpaper.ingest.tracker.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.tracker.TrackerFolders;
import io.carbonpaper.ingest.source.YamlDocument;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a W&B run's {@code files/config.yaml}: the run's hyperparameters. Every top-level key
 * wraps its value as {@code key: {value: ...}} (with {@code desc: null} in the legacy and
 * server-downloaded layouts, after a {@code wandb_version: 1} line); {@code _wandb} holds the
 * SDK's own bookkeeping and is skipped. Nested user config becomes dotted names
 * ({@code optimizer.lr}); lists keep their JSON text.
 */
public final class WandbConfigReader implements LogReader {
    public static final String FORMAT = "wandb-config";
    /** More hyperparameters than this are cut (and said so): a config is tens of keys, not thousands. */
    static final int MAX_PARAMETERS = 2_000;

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        String h = source.headText().replace("\r\n", "\n");
        if (h.startsWith("\uFEFF")) h = h.substring(1);
        boolean wandb = h.startsWith("wandb_version:") || h.startsWith("_wandb:") || h.contains("\n_wandb:");
        return wandb && h.contains("value:");
    }

    @Override public String experimentFolder(InputSource source) { return WandbFiles.experimentFolder(source); }

    @Override public List<String> claimedFolders(InputSource source) { return List.of(TrackerFolders.wandbRunFolder(source.name())); }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        YamlDocument doc = YamlDocument.parse(source);
        if (doc.blank()) throw new InputException(0, "empty config.yaml: expected W&B's wandb_version and one 'value:' per config key");
        if (!doc.root().isObject()) throw new InputException(1, "expected a mapping of config keys, each with a 'value:'");
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.root().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("_wandb") || key.equals("wandb_version")) continue;
            JsonNode v = e.getValue();
            if (v != null && v.isObject() && v.has("value")) {
                flatten(key, v.get("value"), out);
            } else {
                sink.problem(Problem.warning(source.name(), doc.lineOf(key), "config key '" + key + "' has no 'value:'; taken as it is"));
                flatten(key, v, out);
            }
        }
        if (out.size() > MAX_PARAMETERS) {
            sink.problem(Problem.warning(source.name(), 0, out.size() + " hyperparameters; only the first " + MAX_PARAMETERS + " by name are kept"));
            while (out.size() > MAX_PARAMETERS) out.remove(((TreeMap<String, String>) out).lastKey());
        }
        if (!out.isEmpty())
            sink.accept(new TrainingLog(FORMAT, Optional.empty(), Optional.empty(), Optional.empty(), "", Map.of(), out));
    }

    /** Nested mappings become dotted names; lists and scalars become text. Shared with the Hydra reader's rules. */
    public static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n == null || n.isNull()) {
            out.put(prefix, "null");
        } else if (n.isObject() && !n.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext() && out.size() <= MAX_PARAMETERS; ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, n.isValueNode() ? n.asText() : n.toString());
        }
    }
}
