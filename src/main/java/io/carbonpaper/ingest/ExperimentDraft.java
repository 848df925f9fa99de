package io.carbonpaper.ingest;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.InputFile;
import io.carbonpaper.model.Problem;

import java.util.ArrayList;
import java.util.List;

/** Everything read so far about one experiment, in file order; {@link ExperimentAssembler} turns it into an Experiment. */
final class ExperimentDraft {
    final String key;
    /** The folder (relative to the logs root) the experiment's files live in; "" for the root. */
    final String folder;
    final List<Finding> findings = new ArrayList<>();
    final List<String> findingFiles = new ArrayList<>();
    final List<InputFile> inputs = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    ExperimentDraft(String key, String folder) {
        this.key = key;
        this.folder = folder;
    }

    void add(Finding f, String file) {
        findings.add(f);
        findingFiles.add(file);
    }

    <T extends Finding> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Finding f : findings) if (type.isInstance(f)) out.add(type.cast(f));
        return out;
    }

    String fileOf(Finding f) {
        for (int i = 0; i < findings.size(); i++) if (findings.get(i) == f) return findingFiles.get(i);
        return folder;
    }
}
