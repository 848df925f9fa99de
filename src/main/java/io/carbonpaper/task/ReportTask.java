package io.carbonpaper.task;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.InputException;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.prometheus.PrometheusEnricher;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.ReportBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    public int run(ReportJob job) {
        if (!Files.isDirectory(job.logs())) {
            err.println("carbonpaper: logs folder not found: " + job.logs());
            return ExitCode.USAGE;
        }
        Optional<String> date;
        Optional<Instant> instant;
        try {
            instant = sourceDateEpoch.filter(s -> !s.isBlank()).map(s -> Instant.ofEpochSecond(Long.parseLong(s.trim())));
            date = instant.map(i -> DateTimeFormatter.ISO_LOCAL_DATE.format(i.atOffset(ZoneOffset.UTC)));
        } catch (NumberFormatException e) {
            err.println("carbonpaper: SOURCE_DATE_EPOCH must be a number of seconds, found '" + sourceDateEpoch.orElse("") + "'");
            return ExitCode.USAGE;
        }
        try {
            Catalogs catalogs = Catalogs.bundled();
            IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(job.logs(), List.of(job.out()), job.overrides());
            if (in.config().prometheus().isPresent()) {
                in = new IngestResult(in.config(), PrometheusEnricher.open(in.config().prometheus().get(), job.logs()).enrich(in.experiments()),
                        in.files(), in.problems());
            }
            TrainingCostEstimator estimator = new TrainingCostEstimator(catalogs, in.config());
            List<EstimateResult> results = new ArrayList<>(in.experiments().size());
            for (Experiment e : in.experiments()) results.add(estimator.estimate(e));

            Report report = new ReportBuilder(catalogs, in.config(), Version.get(), date).build(in.experiments(), results, in.problems());
            try (SiteWriter site = SiteWriter.open(job.out(), job.force())) {
                SiteOutputs.write(report, new Templates(job.templates()), site, job.pdf(), instant);
                site.commit();
            }

            int failed = 0;
            long problems = 0;
            for (int i = 0; i < in.experiments().size(); i++) {
                Experiment e = in.experiments().get(i);
                List<Problem> all = new ArrayList<>(e.problems());
                all.addAll(results.get(i).problems());
                for (Problem p : all) err.println(p);
                problems += all.size();
                if (results.get(i).estimate().isEmpty()) failed++;
            }
            for (Problem p : in.problems()) err.println(p);
            problems += in.problems().size();
            out.printf("carbonpaper: wrote %s (%d experiments, %d estimated, %d problems)%n", job.out(), in.experiments().size(),
                    in.experiments().size() - failed, problems);
            boolean anyError = failed > 0 || in.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
            boolean anyProblem = problems > 0;
            return anyError || (job.strict() && anyProblem) ? ExitCode.INPUT : ExitCode.OK;
        } catch (SiteWriter.ForeignFolderException e) {
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.INPUT;
        } catch (InputException e) {
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.INPUT;
        } catch (IOException e) {
            err.println("carbonpaper: " + e.getMessage());
            return ExitCode.INPUT;
        }
    }

}
