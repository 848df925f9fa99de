package io.carbonpaper.task;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.settings.ProjectConfigReader;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.Overrides;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.render.TextTableWriter;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.ReportBuilder;
import io.carbonpaper.report.Table;
import io.carbonpaper.unit.Hours;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code carbonpaper estimate}: a pre-flight budget for a run that has not happened. The run
 * becomes one experiment with TDP power, priced by the same estimator and laid out by the same
 * table builders as a report, then printed as terminal tables or CSV. The run is its own final
 * model, so the R&D table shows only its "Final model" row (with the ranges, electricity and
 * embodied columns); a table with no row is left out.
 */
public final class EstimateTask {
    /** The tables a single run is printed in, in this order. */
    static final List<String> TABLES = List.of("training-cost", "rnd-cost", "equivalences", "regions", "cloud-vs-owned");

    private final PrintWriter out;
    private final PrintWriter err;

    public EstimateTask(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public int run(EstimateJob job) {
        Catalogs catalogs = Catalogs.bundled();
        if (catalogs.accelerators().find(job.accelerator()).isEmpty()) {
            List<String> close = catalogs.accelerators().suggestions(job.accelerator());
            err.println("carbonpaper: unknown accelerator '" + job.accelerator() + "'"
                    + (close.isEmpty() ? " (see the hardware catalog for names)" : "; did you mean " + String.join(", ", close) + "?"));
            return ExitCode.USAGE;
        }
        for (String t : job.tables()) {
            if (!TABLES.contains(t)) {
                err.println("carbonpaper: unknown table '" + t + "' (known: " + String.join(", ", TABLES) + ")");
                return ExitCode.USAGE;
            }
        }
        ProjectConfig config;
        try {
            config = (job.logs().isPresent() ? ProjectConfigReader.readProject(job.logs().get(), job.overrides())
                    : ProjectConfigReader.fromOverrides(job.overrides())).withGrid(job.pue(), job.region());
        } catch (IOException e) {
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.USAGE;
        }
        RegionCheck regions = RegionCheck.of(config, key -> key.equals("region") && job.region().isPresent() ? "--region"
                : ProjectConfigReader.origin(job.logs().orElse(null), job.overrides(), key), catalogs.grids());
        if (regions.firstProblem().isPresent()) {
            err.println("carbonpaper: " + regions.firstProblem().get());
            return ExitCode.USAGE;
        }
        // On stderr: stdout is the tables (or CSV) alone.
        for (String n : regions.notices()) err.println("carbonpaper: " + n);

        Experiment run = experiment(job);
        EstimateResult r = new TrainingCostEstimator(catalogs, config).estimate(run);
        if (r.estimate().isEmpty()) {
            for (Problem p : r.problems()) err.println("carbonpaper: " + p.message());
            return ExitCode.USAGE;
        }
        Report report = new ReportBuilder(catalogs, config, Version.get(), Optional.empty()).build(List.of(run), List.of(r), List.of());
        List<String> wanted = job.tables().isEmpty() ? TABLES : job.tables();
        try {
            boolean first = true;
            for (String id : wanted) {
                Optional<Table> t = report.table(id).map(EstimateTask::finalRowOnly);
                if (t.isEmpty() || t.get().rows().isEmpty()) continue;
                if (job.csv()) {
                    if (!first) out.println();
                    if (wanted.size() > 1) out.println("# " + id);
                    TextTableWriter.csv(t.get(), out);
                } else {
                    TextTableWriter.text(t.get(), out);
                }
                first = false;
            }
        } catch (IOException e) {
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.INPUT;
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The R&D table reduced to its first row, the final model: a single run has no tuning or other experiments. */
    static Table finalRowOnly(Table t) {
        if (!t.id().equals("rnd-cost") || t.rows().isEmpty()) return t;
        List<io.carbonpaper.report.Row> kept = t.rows().subList(0, 1);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (io.carbonpaper.report.Column c : t.columns()) used.addAll(c.marks());
        for (io.carbonpaper.report.Row r : kept) for (io.carbonpaper.report.Cell c : r.cells()) used.addAll(c.marks());
        // Only the footnotes the printed row and columns point at: the dropped rows' notes would dangle.
        return new Table(t.id(), t.number(), "The planned run's energy, CO₂e, cloud cost and electricity cost, with (low–high) ranges.",
                t.columns(), kept, t.total(), t.footnotes().stream().filter(f -> used.contains(f.mark())).toList(), t.csvHeader(),
                t.csvRows().subList(0, 1));
    }

    /** The planned run as an experiment: no power of its own, so the estimator takes the accelerators' TDP. */
    static Experiment experiment(EstimateJob job) {
        String name = job.accelerator() + " \u00d7 " + job.count() + ", " + job.hours() + " h (planned)";
        return new Experiment("estimate", name, "estimate", Optional.empty(), true,
                Optional.of(new Hardware(job.accelerator(), job.count(), "--accelerator", 0)), Optional.of(Hours.of(job.hours())),
                "--hours", Optional.empty(), Optional.empty(), Overrides.NONE,
                Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), Map.of(), List.of(), new ArrayList<>());
    }
}
