package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.carbonpaper.model.Plausible;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the flat result files of Hugging Face example scripts: {@code all_results.json} (the
 * merge of the other two), {@code train_results.json} and {@code eval_results.json}. Recognised
 * by content: a flat JSON object with {@code train_runtime} or {@code eval_*} keys and no
 * {@code log_history}. Runtime is {@code train_runtime} (seconds); {@code eval_runtime} is only
 * a metric, so an eval-only file has no runtime. Numeric {@code eval_*}, {@code train_loss},
 * {@code predict_*} and {@code test_*} keys become metrics; {@code epoch} and sample counts
 * become hyperparameters.
 */
public final class HuggingFaceResultsReader implements LogReader {
    /**
     * Jackson is built when a file of this format is first read, not when the reader is: every
     * report builds every reader, and loading Jackson costs a tenth of a second of start-up.
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }


    @Override public String format() { return "hf-results"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText().stripLeading();
        return head.startsWith("{") && !head.contains("\"log_history\"") && !wandbSummary(source, head)
                && (head.contains("\"train_runtime\"") || head.contains("\"eval_loss\"") || head.contains("\"eval_runtime\"")
                || head.contains("\"train_loss\""));
    }

    /**
     * A W&B run summary whose metrics happen to be named {@code train_loss} or {@code eval_loss}:
     * W&B writes its own keys ({@code _wandb}, {@code _runtime}, {@code _timestamp}, {@code _step}) in
     * every {@code wandb-summary.json}, and the Trainer writes none of them.
     */
    private static boolean wandbSummary(InputSource source, String head) {
        return source.fileName().equals("wandb-summary.json") || head.contains("\"_wandb\"")
                || (head.contains("\"_runtime\"") && head.contains("\"_timestamp\""));
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, String> hyper = new TreeMap<>();
        Optional<Hours> runtime = Optional.empty();
        int keys = 0;
        try (InputStream in = source.open(); JsonParser p = Json.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new InputException(1, "expected a JSON object of results (train_runtime, eval_*)");
            try {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    long line = p.currentLocation().getLineNr();
                    JsonToken t = p.nextToken();
                    keys++;
                    if (!t.isScalarValue()) {
                        p.skipChildren();
                        continue;
                    }
                    if (key.equals("train_runtime")) {
                        String implausible = t.isNumeric() ? Plausible.seconds("train_runtime", p.getDoubleValue()) : null;
                        if (t.isNumeric() && implausible != null) sink.problem(Problem.error(file, line, implausible));
                        else if (t.isNumeric()) runtime = Optional.of(Hours.ofSeconds(p.getDoubleValue()));
                        else sink.problem(Problem.error(file, line, "expected train_runtime in seconds, found " + p.getText()));
                    } else if (t.isNumeric() && !key.equals("eval_steps") && (key.startsWith("eval_") || key.startsWith("predict_") || key.startsWith("test_")
                            || key.equals("train_loss"))) {
                        metrics.put(key, p.getDoubleValue());
                    } else if (key.equals("epoch") || key.endsWith("_samples") || key.equals("total_flos")) {
                        hyper.put(key, p.getText());
                    }
                }
            } catch (JsonProcessingException e) {
                sink.problem(Problem.error(file, Math.max(1, e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
                        "JSON ends or breaks here (" + e.getOriginalMessage() + "); what came before is kept"));
            }
        } catch (JsonProcessingException e) {
            throw new InputException(e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr()), "not JSON: " + e.getOriginalMessage());
        }
        if (keys == 0) throw new InputException(1, "empty results object");
        if (runtime.isEmpty() && metrics.isEmpty()) {
            sink.problem(Problem.warning(file, 0, "no train_runtime and no eval_* metrics: nothing to use"));
            return;
        }
        String why = runtime.isPresent() ? "train_runtime" : "no train_runtime (evaluation results only)";
        sink.accept(new TrainingLog(format(), Optional.empty(), Optional.empty(), runtime, why, metrics, hyper));
    }
}
