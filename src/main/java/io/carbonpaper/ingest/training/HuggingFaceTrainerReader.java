package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carbonpaper.model.Plausible;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads Hugging Face {@code trainer_state.json}. Streams the file with Jackson: each
 * {@code log_history} entry is read as a small tree and reduced at once, so a history of
 * millions of steps keeps memory flat.
 *
 * <p>Checkpoints: {@code checkpoint-N/trainer_state.json} belongs to the run in the folder above
 * ({@link #experimentFolder}); it is read only when that folder has neither a whole-run file
 * ({@code trainer_state.json}, {@code all_results.json}, {@code train_results.json}) nor a later
 * checkpoint, and is otherwise recognised and quietly passed over. {@code last-checkpoint/}, where
 * the Trainer pushes its latest checkpoint to the Hub ({@code hub_strategy="checkpoint"}), is the
 * latest checkpoint of the run above it.
 *
 * <p>Runtime: the final summary entry's {@code train_runtime} (seconds). Checkpoint copies
 * ({@code checkpoint-N/trainer_state.json}) and runs stopped early have no such entry; the log
 * then has no runtime, its {@code runtimeSource} says so, and the experiment takes its hours
 * from other evidence in the folder ({@code train_results.json}, a trace, a tool report).
 *
 * <p>Metrics: the last value of every {@code eval_*} key, {@code train_loss} of the summary,
 * the last training {@code loss}, {@code best_metric}. Hyperparameters: the top-level training
 * settings ({@code train_batch_size}, {@code num_train_epochs}, {@code global_step}, ...),
 * {@code trial_params} and the {@code TrainerControl} args.
 */
public final class HuggingFaceTrainerReader implements LogReader {
    /**
     * Jackson is built when a file of this format is first read, not when the reader is: every
     * report builds every reader, and loading Jackson costs a tenth of a second of start-up.
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final java.util.Set<String> SETTINGS = java.util.Set.of("global_step", "max_steps", "num_train_epochs",
            "train_batch_size", "logging_steps", "eval_steps", "save_steps", "epoch", "trial_name", "best_model_checkpoint");

    @Override public String format() { return "hf-trainer-state"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText().stripLeading();
        return head.startsWith("{") && head.contains("\"log_history\"")
                && (head.contains("\"global_step\"") || source.fileName().equals("trainer_state.json"));
    }

    /** A Trainer checkpoint folder: {@code checkpoint-<global step>}. */
    private static final java.util.regex.Pattern CHECKPOINT = java.util.regex.Pattern.compile("checkpoint-(\\d{1,18})");
    /** Files of the run folder that hold the whole run, so a checkpoint's copy adds nothing. */
    private static final java.util.List<String> RUN_FILES = java.util.List.of("trainer_state.json", "all_results.json", "train_results.json");

    /** A checkpoint's state belongs to the run whose folder holds the checkpoint, not to an experiment of its own. */
    @Override public String experimentFolder(InputSource source) {
        String folder = InputSource.folderOf(source.name());
        return checkpointStep(folder).isPresent() ? InputSource.folderOf(folder) : folder;
    }

    /** The Hub's copy of the latest checkpoint (transformers {@code Trainer}, {@code hub_strategy="checkpoint"}). */
    private static final String LAST_CHECKPOINT = "last-checkpoint";

    /**
     * The step of a {@code checkpoint-N} folder (its last path element), if it is one; a
     * {@code last-checkpoint} folder is later than every numbered one.
     */
    private static Optional<Long> checkpointStep(String folder) {
        String name = folder.substring(folder.lastIndexOf('/') + 1);
        if (name.equals(LAST_CHECKPOINT)) return Optional.of(Long.MAX_VALUE);
        java.util.regex.Matcher m = CHECKPOINT.matcher(name);
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /**
     * Whether the run folder above this checkpoint says more than the checkpoint: it has a file of
     * the whole run ({@link #RUN_FILES}), or a later checkpoint with its own state.
     */
    private static boolean superseded(InputSource source, long step) {
        java.nio.file.Path checkpoint = source.path().toAbsolutePath().getParent();
        java.nio.file.Path run = checkpoint == null ? null : checkpoint.getParent();
        if (run == null) return false;
        for (String f : RUN_FILES) if (java.nio.file.Files.isRegularFile(run.resolve(f))) return true;
        try (java.util.stream.Stream<java.nio.file.Path> siblings = java.nio.file.Files.list(run)) {
            return siblings.anyMatch(s -> checkpointStep(s.getFileName().toString()).filter(n -> n > step).isPresent()
                    && java.nio.file.Files.isRegularFile(s.resolve("trainer_state.json")));
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: read the checkpoint as the run's state
        }
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Optional<Long> step = checkpointStep(InputSource.folderOf(file));
        // Each checkpoint-N/ keeps a copy of the state so far: the run folder's own files or the latest checkpoint tell the
        // run, and the earlier copies are part of it, not experiments of their own (a real run had checkpoint-1000 beside them).
        if (step.isPresent() && superseded(source, step.get())) return;
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, String> hyper = new TreeMap<>();
        Optional<Hours> runtime = Optional.empty();
        boolean sawHistory = false;
        long entries = 0;
        try (InputStream in = source.open(); JsonParser p = Json.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new InputException(1, "expected a JSON object (trainer_state.json)");
            try {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken t = p.nextToken();
                    if (key.equals("log_history") && t == JsonToken.START_ARRAY) {
                        sawHistory = true;
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            long line = p.currentLocation().getLineNr();
                            JsonNode e = Json.MAPPER.readTree(p);
                            entries++;
                            if (e.has("train_runtime")) {
                                JsonNode r = e.get("train_runtime");
                                String implausible = r.isNumber() ? Plausible.seconds("train_runtime", r.asDouble()) : null;
                                if (r.isNumber() && implausible != null) sink.problem(Problem.error(file, line, implausible));
                                else if (r.isNumber()) runtime = Optional.of(Hours.ofSeconds(r.asDouble()));
                                else sink.problem(Problem.error(file, line, "expected train_runtime in seconds, found " + r));
                            }
                            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                                Map.Entry<String, JsonNode> f = it.next();
                                String k = f.getKey();
                                if (!f.getValue().isNumber()) continue;
                                if (k.startsWith("eval_") || k.equals("train_loss") || k.equals("loss")) metrics.put(k, f.getValue().asDouble());
                            }
                        }
                    } else if (key.equals("trial_params") && t == JsonToken.START_OBJECT) {
                        flatten("", Json.MAPPER.<JsonNode>readTree(p), hyper);
                    } else if (key.equals("stateful_callbacks") && t == JsonToken.START_OBJECT) {
                        JsonNode args = Json.MAPPER.<JsonNode>readTree(p).path("TrainerControl").path("args");
                        if (args.isObject()) flatten("TrainerControl.", args, hyper);
                    } else if (key.equals("best_metric") && t.isNumeric()) {
                        metrics.put("best_metric", p.getDoubleValue());
                    } else if (SETTINGS.contains(key) && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                        hyper.put(key, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                sink.problem(Problem.error(file, Math.max(1, e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
                        "JSON ends or breaks here (" + e.getOriginalMessage() + "); what came before is kept"));
            }
        } catch (JsonProcessingException e) {
            throw new InputException(e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr()),
                    "not JSON: " + e.getOriginalMessage());
        }
        if (!sawHistory) throw new InputException(0, "no 'log_history' array: not a trainer_state.json");
        String source0 = runtime.isPresent() ? "train_runtime"
                : "no train_runtime in log_history (" + entries + " entries; a checkpoint copy or an early stop), hours from other files";
        sink.accept(new TrainingLog(format(), Optional.empty(), Optional.empty(), runtime, source0, metrics, hyper));
    }

    static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isValueNode() && !v.isNull()) out.put(prefix + f.getKey(), v.asText());
            else if (v.isObject()) flatten(prefix + f.getKey() + ".", v, out);
            else if (v.isArray()) out.put(prefix + f.getKey(), v.toString());
        }
    }
}
