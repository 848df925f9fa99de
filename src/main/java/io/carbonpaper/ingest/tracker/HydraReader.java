package io.carbonpaper.ingest.tracker;


import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.source.YamlDocument;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.ingest.tracker.wandb.WandbConfigReader;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.TrainingLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the files Hydra writes for each run: {@code .hydra/config.yaml} (the composed task
 * configuration: the run's hyperparameters, interpolations such as {@code ${hydra:runtime.cwd}}
 * left as written), {@code .hydra/overrides.yaml} (the command-line overrides: the run's label,
 * {@code lr=0.1,seed=2}) and {@code .hydra/hydra.yaml} (Hydra's own settings: {@code mode}). The
 * findings belong to the job folder that holds {@code .hydra/}. A job of a multirun
 * ({@code multirun/<date>/<time>/<job>/}, whose parent holds {@code multirun.yaml}) is grouped by
 * its sweep folder; {@code multirun.yaml} itself is recognised and holds nothing to report.
 *
 * <p>Hydra records no times and no hardware; W&B or MLflow runs written inside the job folder
 * join its experiment and supply them. Files are recognised by Hydra's own layout (the folder
 * name), since a task config's content is the user's and has no mark of its own.
 */
public final class HydraReader implements LogReader {
    public static final String FORMAT = "hydra";
    /** The folder in which Hydra keeps a run's configuration (evidence, so the scanner enters it). */
    public static final String FOLDER = ".hydra";
    public static final String MULTIRUN_FILE = "multirun.yaml";
    private static final Pattern HYDRA_KEY = Pattern.compile("(?m)^hydra:");

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        String f = source.fileName();
        if (f.equals(MULTIRUN_FILE)) return HYDRA_KEY.matcher(source.headText()).find();
        if (!inHydraFolder(source.name())) return false;
        return f.equals("config.yaml") || f.equals("overrides.yaml") || (f.equals("hydra.yaml") && HYDRA_KEY.matcher(source.headText()).find());
    }

    @Override public String experimentFolder(InputSource source) {
        String folder = InputSource.folderOf(source.name());
        return inHydraFolder(source.name()) ? InputSource.folderOf(folder) : folder;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        YamlDocument doc = YamlDocument.parse(source);
        if (doc.blank()) throw new InputException(0, "empty file: Hydra writes '{}' for an empty configuration, so this one was cut off");
        JsonNode root = doc.root();
        String f = source.fileName();
        if (f.equals(MULTIRUN_FILE)) {
            if (!root.isObject()) throw new InputException(1, "expected the sweep's configuration mapping");
            return;
        }
        String job = experimentFolder(source);
        Optional<String> sweep = sweepOf(source, job);
        switch (f) {
            case "config.yaml" -> {
                if (!root.isObject()) throw new InputException(1, "expected the run's configuration mapping");
                Map<String, String> hyper = new TreeMap<>();
                WandbConfigReader.flatten("", root, hyper);
                hyper.remove(""); // an empty config
                sink.accept(new TrainingLog(FORMAT, Optional.empty(), Optional.empty(), Optional.empty(), "", Map.of(), hyper));
                if (sweep.isPresent()) sink.accept(RunInfo.grouping(FORMAT, Optional.empty(), sweep, Optional.empty()));
            }
            case "overrides.yaml" -> {
                if (!root.isArray()) throw new InputException(1, "expected a list of overrides ('- key=value')");
                List<String> overrides = new ArrayList<>();
                for (int i = 0; i < root.size(); i++) {
                    JsonNode o = root.get(i);
                    if (o.isValueNode()) overrides.add(o.asText());
                    else sink.problem(Problem.warning(source.name(), doc.lineOf("[" + i + "]"), "override " + (i + 1) + " is not text; ignored"));
                }
                Optional<String> label = overrides.isEmpty() ? Optional.empty() : Optional.of(String.join(",", overrides));
                sink.accept(RunInfo.grouping(FORMAT, Optional.empty(), sweep, label));
            }
            default -> { // hydra.yaml
                if (!root.isObject()) throw new InputException(1, "expected the 'hydra:' mapping");
                JsonNode mode = doc.node("hydra.mode");
                if (sweep.isEmpty() && mode != null && mode.asText().equals("MULTIRUN") && job.contains("/"))
                    sweep = Optional.of(InputSource.folderOf(job));
                if (sweep.isPresent()) sink.accept(RunInfo.grouping(FORMAT, Optional.empty(), sweep, Optional.empty()));
            }
        }
    }

    private static boolean inHydraFolder(String name) {
        String folder = InputSource.folderOf(name);
        return folder.equals(HydraReader.FOLDER) || folder.endsWith("/" + HydraReader.FOLDER);
    }

    /** The sweep folder of a job: the job's parent when it holds {@code multirun.yaml}. */
    private static Optional<String> sweepOf(InputSource source, String job) {
        Path jobDir = source.path().toAbsolutePath().getParent().getParent();
        Path sweepDir = jobDir == null ? null : jobDir.getParent();
        if (sweepDir == null || !Files.isRegularFile(sweepDir.resolve(MULTIRUN_FILE))) return Optional.empty();
        String sweep = InputSource.folderOf(job);
        return Optional.of(sweep.isEmpty() ? "multirun" : sweep);
    }
}
