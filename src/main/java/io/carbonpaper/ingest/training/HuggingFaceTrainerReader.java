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

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
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
