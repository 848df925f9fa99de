package io.carbonpaper.task;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.estimate.MissingFigure;
import io.carbonpaper.estimate.Spreads;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.Problem;
import io.carbonpaper.report.FigureBuilder;
import io.carbonpaper.report.Numerals;
import io.carbonpaper.report.ReportBuilder;
import io.carbonpaper.report.RunHours;
import io.carbonpaper.report.Table;
import io.carbonpaper.report.TrainingCostTable;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Range;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The experiments of a big project folded into the report's totals as they are read (issue 20):
 * each is estimated at once, its row of {@code training-cost.csv} goes to a spill file (read back
 * when the CSV is written), its problems are printed, and its figures are added into one fold per
 * group and hardware (and whatever else makes estimates differ: grid, PUE, method, assumptions),
 * which the tables and figures then show in place of the experiments. Memory grows with the
 * number of folds and of days, not of experiments. Sums are exact to the order of addition.
 *
 * <p>The folding runs on a thread of its own, one experiment after the other in the order they
 * are handed over, while the reading thread goes on reading: on two cores, reading and
 * estimating a history overlap. A queue of {@value #QUEUE} experiments lies between them.
 */
final class FoldedExperiments implements Ingestor.Fold, AutoCloseable {
    /** Problems of folded experiments kept for the report's listing; the rest are printed and counted only. */
    static final int PROBLEMS_KEPT = 10_000;

    private final java.util.function.Supplier<TrainingCostEstimator> estimatorLater;
    private TrainingCostEstimator estimator;
    private final PrintWriter err;
    private final String prefix;
    private final Map<Key, Sum> sums = new LinkedHashMap<>();
    private final TreeMap<LocalDate, FigureBuilder.Ended> days = new TreeMap<>();
    /** Each estimated run's hours, counted by value, for the checklists' shortest, median and longest run. */
    private final RunHours runHours = new RunHours();
    private Path spill;
    private DataOutputStream out;
    private long count;
    private long failed;
    private long problems;
    private int problemsKept;
    private List<Experiment> folds;
    private List<EstimateResult> results;

    private FoldedExperiments(java.util.function.Supplier<TrainingCostEstimator> estimator, PrintWriter err, String prefix) throws IOException {
        this.estimatorLater = estimator;
        this.err = err;
        this.prefix = prefix;
    }

    /**
     * A fold for the project, or empty where folding would change what the report shows: a
     * Prometheus source (it enriches each experiment), hourly grid series (each run's hours), or
     * groups by folder (the R&amp;D table then needs each experiment's files).
     */
    static Optional<FoldedExperiments> open(ProjectConfig config, java.util.function.Supplier<TrainingCostEstimator> estimator, PrintWriter err,
                                            String prefix) throws IOException {
        if (config.prometheus().isPresent() || !config.gridSeries().isEmpty() || config.groupBy() == ProjectConfig.GroupBy.FOLDER)
            return Optional.empty();
        return Optional.of(new FoldedExperiments(estimator, err, prefix));
    }

    /** Experiments handed over and not yet folded, at most. */
    static final int QUEUE = 4096;
    /** The end of the experiments, in the queue. */
    private static final Experiment END = new Experiment("", "", "", Optional.empty(), false, Optional.empty(), Optional.empty(), "",
            Optional.empty(), Optional.empty(), io.carbonpaper.model.Overrides.NONE, Optional.empty(), Optional.empty(), List.of(), List.of(),
            Map.of(), Map.of(), List.of(), List.of());
    private java.util.concurrent.BlockingQueue<Experiment> queue;
    private Thread worker;
    private volatile Throwable failure;

    @Override public void accept(Experiment x) throws IOException {
        if (worker == null) { // the first experiment folded: the spill file and the folding thread are needed now
            spill = Files.createTempFile("carbonpaper-folded-", ".rows");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16));
            queue = new java.util.concurrent.ArrayBlockingQueue<>(QUEUE);
            worker = new Thread(this::work, "carbonpaper-fold");
            worker.setDaemon(true);
            worker.start();
        }
        rethrow();
        count++;
        try {
            queue.put(x);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while folding the experiments");
        }
    }

    private void work() {
        try {
            estimator = estimatorLater.get(); // the catalogs: loading since the start
            for (Experiment x = queue.take(); x != END; x = queue.take()) {
                if (failure == null) fold(x);
            }
        } catch (Throwable t) {
            if (failure == null) failure = t;
            queue.clear(); // a blocked reader goes on, and stops at its next hand-over
            while (true) { // keep taking until the end, so the reader never blocks on a dead worker
                try {
                    if (queue.take() == END) return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof IOException e) throw e;
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        throw new IOException(t);
    }

    private void fold(Experiment x) throws IOException {
        EstimateResult r = ExperimentGuard.estimate(estimator, x);
        List<Problem> ps = new ArrayList<>(x.problems());
        ps.addAll(r.problems());
        for (Problem p : ps) err.println(prefix + p);
        problems += ps.size();
        if (r.estimate().isEmpty()) failed++;
        List<String> row = TrainingCostTable.csvRow(x, r);
        out.writeInt(row.size());
        for (String v : row) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
        List<Problem> kept = ps;
        if (problemsKept + ps.size() > PROBLEMS_KEPT) kept = ps.subList(0, Math.max(0, PROBLEMS_KEPT - problemsKept));
        problemsKept += kept.size();
        sums.computeIfAbsent(Key.of(x, r), k -> new Sum(x, r)).add(x, r, kept);
        Optional<ExperimentEstimate> e = r.estimate();
        e.flatMap(ExperimentEstimate::hours).ifPresent(h -> runHours.add(h.value()));
        Optional<Instant> end = x.end().or(() -> x.start().flatMap(s -> e.flatMap(ExperimentEstimate::hours).map(h -> s.plusSeconds(Math.round(h.seconds())))));
        if (end.isPresent() && e.flatMap(ExperimentEstimate::energy).isPresent()) {
            Energy energy = e.get().energy().get().central();
            days.merge(LocalDate.ofInstant(end.get(), ZoneOffset.UTC), new FigureBuilder.Ended(end.get(), energy, x.name()),
                    (a, b) -> new FigureBuilder.Ended(b.end().isBefore(a.end()) ? a.end() : b.end(), a.energy().plus(b.energy()),
                            b.end().isBefore(a.end()) ? a.name() : b.name()));
        }
    }

    /** How many experiments were handed over to be folded. */
    long count() { return count; }

    /** How many of them have no estimate. */
    long failed() throws IOException {
        finish();
        return failed;
    }

    /** How many problems they had (all printed as they were folded). */
    long problems() throws IOException {
        finish();
        return problems;
    }

    /** The folds, in the order their first experiment was read; with {@link #results()}, index for index. */
    List<Experiment> folds() throws IOException {
        finish();
        return folds;
    }

    List<EstimateResult> results() throws IOException {
        finish();
        return results;
    }

    /** The CSV rows, the days and the runs' hours, for the report builder. */
    ReportBuilder.Folded folded() throws IOException {
        finish();
        return new ReportBuilder.Folded(Optional.of(this::forEachRow), new ArrayList<>(days.values()), runHours);
    }

    private void finish() throws IOException {
        if (folds != null) return;
        if (worker != null) {
            try {
                queue.put(END);
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while folding the experiments");
            }
            rethrow();
        }
        if (out != null) out.close();
        folds = new ArrayList<>(sums.size());
        results = new ArrayList<>(sums.size());
        int n = 0;
        for (Sum s : sums.values()) {
            Experiment x = s.experiment(++n);
            folds.add(x);
            results.add(s.result(x));
        }
        if (problems > problemsKept)
            err.println(prefix + (problems - problemsKept) + " more problems of folded experiments were printed above and are not listed in the report");
    }

    private void forEachRow(Table.CsvRows.RowConsumer each) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16))) {
            List<String> row = new ArrayList<>();
            while (true) {
                int cells;
                try {
                    cells = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                row.clear();
                for (int i = 0; i < cells; i++) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    row.add(new String(b, StandardCharsets.UTF_8));
                }
                each.accept(List.copyOf(row));
            }
        }
    }

    @Override public void close() throws IOException {
        if (worker != null && worker.isAlive()) worker.interrupt();
        if (out == null) return;
        out.close();
        Files.deleteIfExists(spill);
    }

    /** What experiments of one fold share: all that makes their rows, footnotes and statements alike. */
    private record Key(String group, String hardware, boolean isFinal, boolean estimated, List<MissingFigure> missing, String grid,
                       double pue, EnergyMethod method, Optional<String> priceCatalog, List<Assumption> assumptions, List<String> sources,
                       int present) {
        static Key of(Experiment x, EstimateResult r) {
            if (r.estimate().isEmpty())
                return new Key(x.group(), x.hardware().map(Hardware::describe).orElse(""), x.isFinal(), false, r.missing(), "", 0,
                        EnergyMethod.TDP, Optional.empty(), List.of(), List.of(), x.hours().isPresent() ? 1 : 0);
            ExperimentEstimate e = r.estimate().get();
            int present = (e.hours().isPresent() ? 1 : 0) | (e.power().isPresent() ? 2 : 0) | (e.energy().isPresent() ? 4 : 0)
                    | (e.measured().isPresent() ? 8 : 0) | (e.co2e().isPresent() ? 16 : 0) | (e.toolCo2e().isPresent() ? 32 : 0)
                    | (e.cloud().isPresent() ? 64 : 0) | (e.electricity().isPresent() ? 128 : 0) | (e.measuredWindow().isPresent() ? 256 : 0);
            return new Key(x.group(), e.hardwareLabel() + "/" + e.devices() + "/" + e.accelerator().map(a -> a.key()).orElse(""), x.isFinal(), true,
                    r.missing(), e.grid() + "@" + e.intensity().gramsPerKilowattHour(), e.pue().value(), e.method(), e.priceCatalog(),
                    e.assumptions(), e.sources(), present);
        }
    }

    /** The running sums of one fold. */
    private static final class Sum {
        private final Experiment first;
        private final EstimateResult firstResult;
        private long runs;
        private double hours, powerHours;
        private Instant start, end;
        private boolean allStart = true, allEnd = true;
        private Range<Energy> energy;
        private Energy measured = Energy.ZERO;
        private double measuredHours;
        private Range<Mass> co2e;
        private Mass toolCo2e = Mass.ZERO;
        private Range<Money> cloud;
        private Money electricity;
        private final List<Problem> problems = new ArrayList<>();

        Sum(Experiment x, EstimateResult r) {
            first = x;
            firstResult = r;
        }

        void add(Experiment x, EstimateResult r, List<Problem> kept) {
            runs++;
            problems.addAll(kept);
            if (x.start().isPresent()) start = start == null || x.start().get().isBefore(start) ? x.start().get() : start;
            else allStart = false;
            if (x.end().isPresent()) end = end == null || x.end().get().isAfter(end) ? x.end().get() : end;
            else allEnd = false;
            if (r.estimate().isEmpty()) {
                hours += x.hours().map(Hours::value).orElse(0.0);
                return;
            }
            ExperimentEstimate e = r.estimate().get();
            double h = e.hours().map(Hours::value).orElse(0.0);
            hours += h;
            powerHours += e.power().map(Power::watts).orElse(0.0) * h;
            if (e.energy().isPresent()) energy = energy == null ? e.energy().get() : Spreads.plusEnergy(energy, e.energy().get());
            if (e.measured().isPresent()) measured = measured.plus(e.measured().get());
            measuredHours += e.measuredWindow().map(Hours::value).orElse(0.0);
            if (e.co2e().isPresent()) co2e = co2e == null ? e.co2e().get() : Spreads.plusMass(co2e, e.co2e().get());
            if (e.toolCo2e().isPresent()) toolCo2e = toolCo2e.plus(e.toolCo2e().get());
            if (e.cloud().isPresent()) cloud = cloud == null ? e.cloud().get() : Spreads.plusMoney(cloud, e.cloud().get());
            if (e.electricity().isPresent()) electricity = electricity == null ? e.electricity().get() : electricity.plus(e.electricity().get());
        }

        Experiment experiment(int n) {
            String hardware = firstResult.estimate().map(ExperimentEstimate::hardwareLabel)
                    .orElse(first.hardware().map(Hardware::describe).orElse("unknown hardware"));
            String name = first.group() + " \u00b7 " + hardware + " (" + Numerals.grouped(runs, 0) + (runs == 1 ? " experiment)" : " experiments)");
            Optional<Hours> h = first.hours().isPresent() || firstResult.estimate().flatMap(ExperimentEstimate::hours).isPresent()
                    ? Optional.of(Hours.of(hours)) : Optional.empty();
            return new Experiment("folded:" + n, name, first.group(), Optional.empty(), first.isFinal(), first.hardware(), h, first.hoursSource(),
                    Optional.empty(), Optional.empty(), first.overrides(), allStart ? Optional.ofNullable(start) : Optional.empty(),
                    allEnd ? Optional.ofNullable(end) : Optional.empty(), List.of(), List.of(), Map.of(), Map.of(), List.of(), problems,
                    first.cpu(), (int) Math.min(Integer.MAX_VALUE, runs), Map.of()); // a fold is no one job: no job details
        }

        EstimateResult result(Experiment x) {
            if (firstResult.estimate().isEmpty()) return EstimateResult.failed(List.of(), firstResult.missing());
            ExperimentEstimate e = firstResult.estimate().get();
            Optional<Hours> h = e.hours().map(v -> Hours.of(hours));
            Optional<Power> power = e.power().map(p -> hours > 0 ? Power.ofWatts(powerHours / hours) : p);
            ExperimentEstimate sum = new ExperimentEstimate(x, e.accelerator(), e.hardwareLabel(), e.devices(), h, power, e.pue(), e.method(),
                    Optional.ofNullable(energy), e.measured().map(m -> measured), e.measuredWindow().map(w -> Hours.of(measuredHours)),
                    e.intensity(), e.grid(), Optional.ofNullable(co2e), e.toolCo2e().map(t -> toolCo2e), Optional.ofNullable(cloud),
                    e.priceCatalog(), Optional.ofNullable(electricity), e.assumptions(), e.sources());
            return new EstimateResult(Optional.of(sum), List.of(), firstResult.missing());
        }
    }
}
