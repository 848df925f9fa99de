package io.carbonpaper.task;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.cluster.prometheus.PrometheusEnricher;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.render.HtmlRenderer;
import io.carbonpaper.render.PdfProgress;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.render.charts.FigureWriter;
import io.carbonpaper.report.Headline;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.ReportBuilder;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.settings.ProjectConfigReader;
import io.carbonpaper.settings.UserConfigReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@code carbonpaper report}: read the logs, estimate, build the report, write the site
 * atomically. Knows nothing of the command line; messages go to the given writers.
 */
public final class ReportTask {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Optional<String> sourceDateEpoch;

    public ReportTask(PrintWriter out, PrintWriter err, Optional<String> sourceDateEpoch) {
        this.out = out;
        this.err = err;
        this.sourceDateEpoch = sourceDateEpoch;
    }

    /** What one project's report came to, nested projects included. */
    private record Outcome(int experiments, int failed, long problems, boolean anyError, Report report) {}

    /** Nested projects deeper than this are not followed (a guard, not a limit anyone should meet). */
    private static final int MAX_NESTING = 8;

    /**
     * Reads, estimates and writes the report of one project into {@code site}, then of each nested
     * project into {@code site/projects/<slug>/}, linked from this one's index.
     *
     * @param prefix the project's folder relative to the top logs folder, for messages ("" at the top)
     */
    private Outcome report(ReportJob job, Path logs, Path excluded, String prefix, CompletableFuture<Catalogs> catalogsLater,
                           CompletableFuture<Templates> templatesLater, SiteWriter site,
                           Optional<String> date, Optional<Instant> instant, int depth, List<Report.Crumb> crumbs) throws IOException {
        Ingestor ingestor = new Ingestor(ReaderRegistry.builtIn());
        ProjectConfig config;
        List<Problem> ignored = new ArrayList<>();
        try {
            config = ProjectConfigReader.readProject(logs, job.overrides(), ignored);
        } catch (InputException e) {
            // The top project's settings are the user's request: a mistake there is a usage error, and the old site stays.
            if (depth == 0) throw new SettingsException(e.getMessage());
            throw e;
        }
        // A big project's experiments are folded into the totals as they are read (issue 20): estimated at once, so the
        // catalogs are needed before the logs are read, not after.
        Optional<FoldedExperiments> fold = FoldedExperiments.open(config, () -> new TrainingCostEstimator(catalogsLater.join(), config), err, prefix);
        try {
            return report(job, logs, excluded, prefix, catalogsLater, templatesLater, site, date, instant, depth, crumbs, ingestor, config,
                    ignored, fold);
        } finally {
            if (fold.isPresent()) fold.get().close();
        }
    }

    private Outcome report(ReportJob job, Path logs, Path excluded, String prefix, CompletableFuture<Catalogs> catalogsLater,
                           CompletableFuture<Templates> templatesLater, SiteWriter site, Optional<String> date, Optional<Instant> instant,
                           int depth, List<Report.Crumb> crumbs, Ingestor ingestor, ProjectConfig config, List<Problem> ignored,
                           Optional<FoldedExperiments> fold) throws IOException {
        IngestResult in;
        try (Progress progress = Progress.start(Progress.wanted(System.console() != null, System::getenv), err,
                ingestor.bytesRead(), ingestor.bytesTotal())) {
            in = ingestor.ingest(logs, List.of(excluded), config, fold.orElse(null));
        }
        if (!ignored.isEmpty()) {
            List<Problem> all = new ArrayList<>(ignored);
            all.addAll(in.problems());
            in = new IngestResult(in.config(), in.experiments(), in.files(), all, in.subprojects());
        }
        Catalogs catalogs = join(catalogsLater);
        // Checked once the catalogs are loaded (they load while the logs are read); nothing is written yet.
        RegionCheck regions = RegionCheck.of(config, key -> key.equals("region") && job.region().isPresent() ? "--region"
                : ProjectConfigReader.origin(logs, job.overrides(), key), catalogs.grids());
        if (regions.firstProblem().isPresent()) {
            if (depth == 0) throw new SettingsException(regions.firstProblem().get());
            throw new InputException(0, regions.firstProblem().get());
        }
        for (String n : regions.notices()) out.println("carbonpaper: " + prefix + n);
        if (in.config().prometheus().isPresent()) {
            in = in.withExperiments(PrometheusEnricher.open(in.config().prometheus().get(), logs).enrich(in.experiments()));
        }
        TrainingCostEstimator estimator = new TrainingCostEstimator(catalogs, in.config());
        List<EstimateResult> results = new ArrayList<>(in.experiments().size());
        for (Experiment e : in.experiments()) results.add(ExperimentGuard.estimate(estimator, e));
        ReportBuilder.Folded folded = ReportBuilder.Folded.NONE;
        if (fold.isPresent() && fold.get().count() > 0) {
            // The folds follow the experiments kept whole; their experiments' CSV rows follow in the order they were read.
            List<Experiment> all = new ArrayList<>(in.experiments());
            all.addAll(fold.get().folds());
            results.addAll(fold.get().results());
            in = in.withExperiments(all);
            folded = fold.get().folded();
        }
        HourlyGrid hourly = HourlyGrid.find(logs, in.config().gridSeries());
        in = in.withProblems(hourly.problems(in.problems(), in.experiments(), results, in.config(), catalogs.grids()));
        ReportBuilder builder = new ReportBuilder(catalogs, in.config(), Version.get(), date);
        Report report;
        try {
            report = build(builder, hourly, in, results, folded, catalogs);
        } catch (RuntimeException | StackOverflowError x) {
            ExperimentGuard.Kept kept = ExperimentGuard.keepRenderable(in.experiments(), results, in.problems(), builder, join(templatesLater),
                    job.pdf(), instant);
            in = in.withExperiments(kept.experiments()).withProblems(kept.problems());
            results = kept.results();
            report = build(builder, hourly, in, results, folded, catalogs);
        }
        // Joined once the report is built (issue 20): the templates may still be parsing on their own thread.
        Templates templates = join(templatesLater);

        int experiments = (int) Experiment.runs(in.experiments()), failed = 0;
        long problems = 0;
        boolean anyError = in.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
        if (fold.isPresent()) {
            failed += (int) fold.get().failed();
            problems += fold.get().problems(); // printed as they were read
        }
        for (int i = 0; i < in.experiments().size(); i++) {
            if (in.experiments().get(i).isFold()) continue;
            List<Problem> all = new ArrayList<>(in.experiments().get(i).problems());
            all.addAll(results.get(i).problems());
            for (Problem p : all) err.println(prefix + p);
            problems += all.size();
            if (results.get(i).estimate().isEmpty()) failed++;
        }
        for (Problem p : in.problems()) err.println(prefix + p);
        problems += in.problems().size();
        anyError |= failed > 0;

        List<Report.ProjectLink> links = new ArrayList<>();
        // Sibling projects get distinct folders even when their names' short hashes agree (issue 16, item 5).
        java.util.Map<String, String> folders = io.carbonpaper.report.Slugs.unique(in.subprojects().stream().map(sub -> prefix + sub).toList());
        for (String sub : in.subprojects()) {
            if (depth >= MAX_NESTING) {
                err.println(prefix + sub + ": nested more than " + MAX_NESTING + " projects deep; not reported");
                continue;
            }
            String folder = "projects/" + folders.get(prefix + sub);
            Outcome o;
            try {
                o = report(job, logs.resolve(sub), excluded, prefix + sub + "/", catalogsLater, templatesLater, site.within(folder), date, instant,
                        depth + 1, below(crumbs, report.title()));
            } catch (InputException e) {
                // A nested project's bad settings spoil its own report, not this one.
                err.println(prefix + sub + "/" + e.getMessage());
                problems++;
                anyError = true;
                continue;
            }
            links.add(new Report.ProjectLink(prefix + sub, o.report().title(), folder + "/index.html", o.report().headline()));
            experiments += o.experiments();
            failed += o.failed();
            problems += o.problems();
            anyError |= o.anyError();
        }
        report = report.withProjects(links);
        try {
            write(job, report, templates, site, instant, crumbs, prefix);
        } catch (RuntimeException | StackOverflowError x) {
            // One experiment's page or figure cannot be written: find it, report it, write the others.
            ExperimentGuard.Kept kept = ExperimentGuard.keepRenderable(in.experiments(), results, in.problems(), builder, templates, job.pdf(), instant);
            if (kept.experiments().size() == in.experiments().size()) throw x; // not an experiment's fault
            ExperimentGuard.clearOwnFiles(site);
            for (Problem p : kept.problems().subList(in.problems().size(), kept.problems().size())) {
                err.println(prefix + p);
                problems++;
            }
            anyError = true;
            failed += in.experiments().size() - kept.experiments().size();
            in = in.withExperiments(kept.experiments()).withProblems(kept.problems());
            results = kept.results();
            report = build(builder, hourly, in, results, folded, catalogs).withProjects(links);
            write(job, report, templates, site, instant, crumbs, prefix);
        }
        return new Outcome(experiments, failed, problems, anyError, report);
    }

    /**
     * The project's report: the builder's tables and figures, then the hourly table and week
     * figures when a grid series is given. Every build of a report, the fallbacks' too, goes through here.
     */
    private static Report build(ReportBuilder builder, HourlyGrid hourly, IngestResult in, List<EstimateResult> results,
                                ReportBuilder.Folded folded, Catalogs catalogs) {
        return hourly.addTable(builder.build(in.experiments(), results, in.problems(), folded), in.experiments(), results,
                in.config(), catalogs.grids());
    }

    /** Writes the site; with a PDF, says on a terminal how far report.pdf has got (it takes seconds to minutes). */
    private void write(ReportJob job, Report report, Templates templates, SiteWriter site, Optional<Instant> instant,
                       List<Report.Crumb> crumbs, String prefix) throws IOException {
        PdfProgress pdf = new PdfProgress();
        try (Progress progress = Progress.start(job.pdf() && Progress.wanted(System.console() != null, System::getenv), err,
                () -> (prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + ": ") + pdf.line())) {
            SiteOutputs.write(report, templates, site, job.pdf(), job.paper(), instant, crumbs, pdf);
        }
    }

    public int run(ReportJob job) {
        if (job.config().isPresent()) {
            // The user's own settings file becomes --set pairs, which --set itself overrides.
            try {
                Map<String, String> merged = new LinkedHashMap<>(UserConfigReader.read(job.config().get()));
                merged.putAll(job.overrides());
                return runWith(new ReportJob(job.logs(), job.out(), job.templates(), job.force(), job.strict(), merged, job.pdf(),
                        Optional.empty(), job.region(), job.paper()));
            } catch (IOException e) {
                err.println("carbonpaper: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
        return runWith(job);
    }

    private int runWith(ReportJob job) {
        if (!Files.isDirectory(job.logs())) {
            err.println("carbonpaper: logs folder not found: " + job.logs());
            return ExitCode.USAGE;
        }
        Optional<String> date;
        Optional<Instant> instant;
        try {
            instant = sourceDateEpoch.filter(s -> !s.isBlank()).map(s -> sourceDate(s.trim()));
            date = instant.map(i -> DateTimeFormatter.ISO_LOCAL_DATE.format(i.atOffset(ZoneOffset.UTC)));
        } catch (NumberFormatException e) {
            err.println("carbonpaper: SOURCE_DATE_EPOCH must be a whole number of seconds from 0 (1970) to " + LAST_EPOCH_SECOND
                    + " (9999-12-31), found '" + sourceDateEpoch.orElse("") + "'");
            return ExitCode.USAGE;
        }
        Path excluded;
        try {
            Optional<String> refusal = OutputPlace.refusal(job.logs(), job.out());
            if (refusal.isPresent()) {
                err.println("carbonpaper: " + refusal.get());
                return ExitCode.USAGE;
            }
            excluded = OutputPlace.asSeenFrom(job.logs(), job.out());
        } catch (IOException e) {
            err.println("carbonpaper: cannot tell where --out " + job.out() + " is: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try {
            // Loading the catalogs and parsing the templates takes a fraction of a second of class
            // loading: done on another thread while the logs are read, it costs no wall time.
            CompletableFuture<Catalogs> catalogs = CompletableFuture.supplyAsync(Catalogs::bundled, DAEMON);
            CompletableFuture<Templates> templates = CompletableFuture.supplyAsync(() -> {
                try {
                    Templates t = new Templates(job.templates());
                    t.prepare(HtmlRenderer.TEMPLATES);
                    return t;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, DAEMON);
            // Likewise the chart classes: loaded here, they no longer hold up the first figures.
            DAEMON.execute(() -> {
                try {
                    FigureWriter.warmUp();
                } catch (RuntimeException | Error e) {
                    // the same failure comes again, and is reported, when the real figures are drawn
                }
            });
            Outcome o;
            try (SiteWriter site = SiteWriter.open(job.out(), job.force())) {
                o = report(job, job.logs(), excluded, "", catalogs, templates, site, date, instant, 0, List.of());
                site.commit();
            }
            out.printf("carbonpaper: wrote %s (%d experiments, %d estimated, %d problems)%n", job.out(), o.experiments(),
                    o.experiments() - o.failed(), o.problems());
            for (String d : o.report().headline().defaults()) out.println("  " + d);
            out.println(summary(o.report(), job.out().resolve("index.html")));
            return o.anyError() || (job.strict() && o.problems() > 0) ? ExitCode.INPUT : ExitCode.OK;
        } catch (SiteWriter.ForeignFolderException | SettingsException e) {
            // Nothing was written: --out names someone else's folder, a file, the root, or a setting is unusable.
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            // Bad project settings, an unreadable logs folder: one line, no stack trace.
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.INPUT;
        }
    }

    /**
     * The run's last line (issue 15, item 8): experiments with and without an energy figure, the
     * totals, and the page to open. The figures are the top project's, as its headline shows them.
     */
    static String summary(Report r, Path index) {
        Headline h = r.headline();
        int with = h.experiments() - h.excluded();
        return "carbonpaper: " + with + " of " + h.experiments() + (h.experiments() == 1 ? " experiment" : " experiments")
                + (with == 1 || h.experiments() == 1 ? " has" : " have") + " an energy figure (" + h.excluded() + " without); "
                + h.energy() + ", " + h.co2e()
                + (r.projects().isEmpty() ? "" : "; " + r.projects().size() + (r.projects().size() == 1 ? " nested project" : " nested projects")
                + " reported on " + (r.projects().size() == 1 ? "its" : "their") + " own")
                + "; open " + index;
    }

    /**
     * The way back from a project nested in the one titled {@code title}: its site lies two folders
     * down ({@code projects/<slug>/}), so every step above gains {@code ../../}.
     */
    static List<Report.Crumb> below(List<Report.Crumb> crumbs, String title) {
        List<Report.Crumb> out = new ArrayList<>();
        for (Report.Crumb c : crumbs) out.add(new Report.Crumb(c.title(), "../../" + c.href()));
        out.add(new Report.Crumb(title, "../../index.html"));
        return List.copyOf(out);
    }

    /** A setting of the top project that cannot be used: a usage error, raised before anything is committed. */
    static final class SettingsException extends IOException {
        SettingsException(String message) { super(message); }
    }

    /** The last second of year 9999: later dates have no ISO form a page or a PDF could carry. */
    static final long LAST_EPOCH_SECOND = 253_402_300_799L;

    /** SOURCE_DATE_EPOCH as an instant; a number out of range is refused like one that is not a number. */
    private static Instant sourceDate(String seconds) {
        long s = Long.parseLong(seconds);
        if (s < 0 || s > LAST_EPOCH_SECOND) throw new NumberFormatException(seconds);
        return Instant.ofEpochSecond(s);
    }

    /** Threads that never keep the process alive. */
    private static final Executor DAEMON = r -> {
        Thread t = new Thread(r, "carbonpaper-prepare");
        t.setDaemon(true);
        t.start();
    };

    /** The value of {@code f}, with its own exception rethrown (an IOException, or a runtime one). */
    private static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error x) throw x;
            throw e;
        }
    }
}
