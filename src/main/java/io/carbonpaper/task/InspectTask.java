package io.carbonpaper.task;

import io.carbonpaper.ingest.FileVerdict;
import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reference.AcceleratorCatalog;
import io.carbonpaper.settings.ManifestReader;
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

    /**
     * For each experiment that lacks what an energy figure or a price needs, what is missing and
     * the line of YAML that would add it (in its folder's experiment.yaml; for many folders at
     * once, a {@code folders:} rule of carbonpaper.yaml).
     */
    private void printMissing(List<Experiment> experiments) {
        AcceleratorCatalog catalog = null;
        List<String> lines = new java.util.ArrayList<>();
        for (Experiment e : experiments) {
            boolean measured = !e.traces().isEmpty() || !e.toolReports().isEmpty();
            String manifest = (e.key().isEmpty() ? "" : e.key() + "/") + ManifestReader.FILE_NAME;
            List<String> needs = new java.util.ArrayList<>();
            if (e.hardware().isEmpty()) {
                needs.add("no accelerator named" + (measured ? " (the measured energy stands; cloud prices need it)" : "")
                        + ":\n      hardware: {accelerator: <name as nvidia-smi prints it>, count: <devices the run used>}");
            } else {
                if (catalog == null) catalog = AcceleratorCatalog.bundled();
                for (Hardware.Part part : e.hardware().get().parts()) {
                    String name = part.name();
                    if (catalog.find(name).isEmpty() && catalog.findTruncated(name).isEmpty())
                        needs.add("'" + name + "' is not in the hardware catalog" + (measured ? " (the measured energy stands)" : "")
                                + "; its board power, if energy is to be estimated:\n      hardware: {accelerator: " + name
                                + ", tdp_watts: <board power in W>}");
                }
            }
            if (e.hours().isEmpty() && !measured) needs.add("no training hours:\n      hours: <wall-clock hours>");
            for (String n : needs) lines.add("  " + shown(e.key()) + ": " + n + "\n    (in " + manifest + ")");
        }
        if (lines.isEmpty()) return;
        out.println();
        out.println("What is missing");
        for (String l : lines) out.println(l);
        out.println("  The same keys under carbonpaper.yaml's defaults: (every experiment) or folders: {\"<glob>\": {...}} say it once for many.");
    }

    /** An experiment's key as printed: the logs folder itself, whose key is empty, as {@code .}. */
    private static String shown(String key) { return key.isEmpty() ? "." : key; }

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
                out.printf("  %s%n    format: %s; experiment: %s (%s)%n", v.file(), v.format().get(), shown(v.experiment().get()), v.reason());
            } else {
                out.printf("  %s%n    ignored: %s%s%n", v.file(), v.reason(), v.format().map(f -> " (" + f + ")").orElse(""));
            }
        }
        out.println();
        out.println("Experiments");
        for (Experiment e : in.experiments()) {
            out.printf("  %s  \"%s\" (group %s)%n", shown(e.key()), e.name(), e.group());
            out.printf("    hardware: %s%n", e.hardware().map(h -> h.parts().stream().map(p -> p.name() + " x " + p.count())
                    .collect(java.util.stream.Collectors.joining(" + ")) + " (from " + h.origin() + ")").orElse("unknown"));
            out.printf("    hours: %s%n", e.hours().map(h -> io.carbonpaper.report.Numerals.hours(h.value()) + " (" + e.hoursSource() + ")").orElse("unknown"));
            for (TraceSummary t : e.traces()) {
                out.printf("    power samples: %s, %d %s, %d samples used, %s to %s%s%n", t.format(), t.devices().size(),
                        t.devices().size() == 1 ? "device" : "devices", t.samplesUsed(),
                        t.first(), t.last(), t.missingByReason().isEmpty() ? "" : ", skipped " + t.missingByReason());
            }
            e.toolReports().forEach(r -> out.printf("    energy from %s: %s kWh%s%n", r.tool(), sixDigits(r.energy().kilowattHours()),
                    r.place().map(p -> ", logged in " + p.describe()).orElse("")));
            if (!e.metrics().isEmpty()) out.printf("    metrics: %s%n", String.join(", ", e.metrics().keySet()));
            for (Problem p : e.problems()) out.printf("    problem: %s%n", p);
        }
        for (Problem p : in.problems()) out.printf("problem: %s%n", p);
        printMissing(in.experiments());
        boolean anyError = in.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)
                || in.experiments().stream().anyMatch(e -> e.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR));
        return anyError ? ExitCode.INPUT : ExitCode.OK;
    }

    /** Six significant digits, plain ({@code 1.74037}, {@code 0.0000000066}): a tool's figure as read, tiny ones too. */
    static String sixDigits(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

}
