package io.carbonpaper.task;

import io.carbonpaper.ingest.FileVerdict;
import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.settings.ProjectConfigReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code carbonpaper inspect}: for every file, the format detected and the experiment it joined
 * and why, or why it was ignored; then what each experiment was assembled from.
 */
public final class InspectTask {
    private final PrintWriter out;
    private final PrintWriter err;

    public InspectTask(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public int run(Path logs, Map<String, String> overrides) {
        if (!Files.isDirectory(logs)) {
            err.println("carbonpaper: logs folder not found: " + logs);
            return ExitCode.USAGE;
        }
        IngestResult in;
        try {
            ProjectConfig config = ProjectConfigReader.readProject(logs, overrides);
            in = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), config);
        } catch (IOException e) {
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.INPUT;
        }
        out.println("Files");
        for (FileVerdict v : in.files()) {
            if (v.format().isPresent() && v.experiment().isPresent()) {
                out.printf("  %s%n    format: %s; experiment: %s (%s)%n", v.file(), v.format().get(), v.experiment().get(), v.reason());
            } else {
                out.printf("  %s%n    ignored: %s%s%n", v.file(), v.reason(), v.format().map(f -> " (" + f + ")").orElse(""));
            }
        }
        out.println();
        out.println("Experiments");
        for (Experiment e : in.experiments()) {
            out.printf("  %s  \"%s\" (group %s)%n", e.key(), e.name(), e.group());
            out.printf("    hardware: %s%n", e.hardware().map(h -> h.accelerator() + " x " + h.count() + " (from " + h.origin() + ")").orElse("unknown"));
            out.printf("    hours: %s%n", e.hours().map(h -> h.value() + " (" + e.hoursSource() + ")").orElse("unknown"));
            for (TraceSummary t : e.traces()) {
                out.printf("    power samples: %s, %d devices, %d samples used, %s to %s%s%n", t.format(), t.devices().size(), t.samplesUsed(),
                        t.first(), t.last(), t.missingByReason().isEmpty() ? "" : ", skipped " + t.missingByReason());
            }
            e.toolReports().forEach(r -> out.printf("    energy from %s: %.6f kWh%n", r.tool(), r.energy().kilowattHours()));
            if (!e.metrics().isEmpty()) out.printf("    metrics: %s%n", String.join(", ", e.metrics().keySet()));
            for (Problem p : e.problems()) out.printf("    problem: %s%n", p);
        }
        for (Problem p : in.problems()) out.printf("problem: %s%n", p);
        boolean anyError = in.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)
                || in.experiments().stream().anyMatch(e -> e.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR));
        return anyError ? ExitCode.INPUT : ExitCode.OK;
    }
}
