package io.carbonpaper.task;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.report.ReportBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The last line of defence of "one broken experiment never stops the report": a bug that an
 * experiment's values trigger in the estimator, the report builder or a writer (an exception no
 * reader foresaw) becomes that experiment's problem, and the report goes on without it.
 *
 * <p>Costs nothing when nothing fails: only when building or writing the whole report throws is
 * each experiment tried alone, in a scratch folder, to find the ones that cannot be reported.
 */
final class ExperimentGuard {
    private ExperimentGuard() {}

    /** The experiments that can be reported, their estimates, and the problems with the left-out ones added. */
    record Kept(List<Experiment> experiments, List<EstimateResult> results, List<Problem> problems) {}

    /** The estimator's answer for {@code e}, or a failed estimate naming what went wrong. */
    static EstimateResult estimate(TrainingCostEstimator estimator, Experiment e) {
        try {
            return estimator.estimate(e);
        } catch (RuntimeException | StackOverflowError x) {
            return EstimateResult.failed(List.of(Problem.error(where(e), 0, "could not be estimated (" + describe(x)
                    + "); please report this with the experiment's logs")));
        }
    }

    /**
     * Drops the experiments whose report cannot be built or written: each is built and written
     * alone into a scratch folder (with the PDF if asked). An {@link IOException} (a full disk) is
     * no experiment's fault and is thrown.
     */
    static Kept keepRenderable(List<Experiment> experiments, List<EstimateResult> results, List<Problem> problems,
                               ReportBuilder builder, Templates templates, boolean pdf, Optional<Instant> date) throws IOException {
        List<Experiment> keptE = new ArrayList<>();
        List<EstimateResult> keptR = new ArrayList<>();
        List<Problem> keptP = new ArrayList<>(problems);
        for (int i = 0; i < experiments.size(); i++) {
            Optional<String> failure = renders(builder, templates, pdf, date, List.of(experiments.get(i)), List.of(results.get(i)), List.of());
            if (failure.isEmpty()) {
                keptE.add(experiments.get(i));
                keptR.add(results.get(i));
            } else {
                keptP.add(Problem.error(where(experiments.get(i)), 0, "left out of the report: writing it failed (" + failure.get()
                        + "); please report this with the experiment's logs"));
            }
        }
        return new Kept(keptE, keptR, keptP);
    }

    /** Empty when the report of these experiments builds and writes; else what went wrong. */
    private static Optional<String> renders(ReportBuilder builder, Templates templates, boolean pdf, Optional<Instant> date,
                                            List<Experiment> experiments, List<EstimateResult> results, List<Problem> problems) throws IOException {
        Path scratch = Files.createTempDirectory("carbonpaper-probe-");
        try (SiteWriter site = SiteWriter.open(scratch.resolve("site"), true)) {
            SiteOutputs.write(builder.build(experiments, results, problems), templates, site, pdf, date);
            return Optional.empty();
        } catch (RuntimeException | StackOverflowError x) {
            return Optional.of(describe(x));
        } finally {
            try (Stream<Path> left = Files.walk(scratch)) {
                for (Path p : left.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Deletes the files a failed attempt wrote into {@code site}, except the nested projects'
     * ({@code projects/}, written before) and the marker, so that the second attempt leaves no page
     * of a left-out experiment behind. Folders are kept: the site remembers the ones it made.
     */
    static void clearOwnFiles(SiteWriter site) throws IOException {
        Path root = site.resolve(".");
        Path projects = root.resolve("projects");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (!p.startsWith(projects) && !p.getFileName().toString().equals(SiteWriter.MARKER)) Files.delete(p);
            }
        }
    }

    private static String where(Experiment e) { return e.key().isEmpty() ? "." : e.key(); }

    /** The exception's kind and message in one line, without a stack. */
    static String describe(Throwable x) {
        String m = x.getMessage();
        return x.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
