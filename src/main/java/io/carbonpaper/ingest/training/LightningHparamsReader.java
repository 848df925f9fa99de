package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.source.YamlDocument;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.model.TrainingLog;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads PyTorch Lightning's {@code hparams.yaml}: the plain YAML dump of
 * {@code save_hyperparameters()}. The content is arbitrary user keys, so the file is recognised
 * by its name (like the manifest). Scalars become hyperparameters as text, nested mappings are
 * flattened with dots, lists are kept in their JSON form; {@code {}} and an empty file give a
 * note and no finding. Never a runtime.
 */
public final class LightningHparamsReader implements LogReader {
    public static final String FILE_NAME = "hparams.yaml";

    @Override public String format() { return "lightning-hparams"; }

    @Override public boolean sniff(InputSource source) { return source.fileName().equals(FILE_NAME); }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        YamlDocument doc = YamlDocument.parse(source);
        if (doc.blank()) throw new InputException(0, "empty file: Lightning writes '{}' when there are no hyperparameters, so this one was cut off");
        JsonNode root = doc.root();
        if (!root.isObject()) throw new InputException(1, "expected a mapping of hyperparameter names to values");
        Map<String, String> hyper = new TreeMap<>();
        HuggingFaceTrainerReader.flatten("", root, hyper);
        if (hyper.isEmpty()) {
            sink.problem(io.carbonpaper.model.Problem.note(source.name(), 0, "no hyperparameters saved ({} or empty)"));
            return;
        }
        sink.accept(new TrainingLog(format(), Optional.empty(), Optional.empty(), Optional.empty(),
                "hyperparameters only", Map.of(), hyper));
    }
}
