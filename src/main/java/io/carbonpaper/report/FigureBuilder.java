package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the report's charts and the numbers behind them. A chart with nothing to show is left
 * out rather than drawn empty: the metric chart needs two experiments that report the metric, the
 * calendar chart one experiment with an end time, the regions chart a {@code regions} table.
 */
public final class FigureBuilder {
    /** The id of the table whose rows become the regions chart (written by the economics tables). */
    public static final String REGIONS_TABLE = "regions";

    private FigureBuilder() {}

    /**
     * The index page's figures, numbered from 1 in this order: energy and CO2e per experiment,
     * metric against energy, cumulative energy over time, CO2e per grid.
     *
     * @param paretoMetric the metric to plot against energy; empty picks the first metric whose
     *                     name contains "acc" (case-insensitive), in the experiments' order
     */
    public static List<Figure> index(List<ExperimentEstimate> estimates, List<Table> tables, MassUnit unit, Optional<String> paretoMetric) {
        return index(estimates, tables, unit, paretoMetric, List.of());
    }

    /**
     * The experiments folded into the totals, by the day they ended (issue 20): the latest end of the
     * day, the energy of the day's runs, and the name of the run that ended last.
     */
    public record Ended(Instant end, Energy energy, String name) {}

    /** @param foldedEnds where folded experiments end ({@link Ended}), for the cumulative figure; their folds are left out of it */
    public static List<Figure> index(List<ExperimentEstimate> estimates, List<Table> tables, MassUnit unit, Optional<String> paretoMetric,
                                     List<Ended> foldedEnds) {
        List<Figure> out = new ArrayList<>();
        List<FigureData.PerExperiment.Bar> bars = new ArrayList<>();
        List<ExperimentEstimate> withEnergy = new ArrayList<>();
        for (ExperimentEstimate e : estimates) {
            if (e.energy().isEmpty() || e.co2e().isEmpty()) continue;
            withEnergy.add(e);
            bars.add(new FigureData.PerExperiment.Bar(e.experiment().name(), e.energy().get().central(), e.co2e().get().central()));
        }
        List<String> without = estimates.stream().filter(e -> e.energy().isEmpty() || e.co2e().isEmpty()).map(e -> e.experiment().name()).toList();
        if (!bars.isEmpty()) {
            int all = bars.size();
            long runs = estimates.stream().filter(e -> e.energy().isPresent() && e.co2e().isPresent()).mapToLong(ExperimentEstimate::runs).sum();
            String whole = runs == all ? "" : " (" + runs + " experiments, some folded together by group and hardware)";
            bars = largest(bars);
            FigureData.PerExperiment data = new FigureData.PerExperiment(bars, unit);
            out.add(new Figure("energy-co2e", out.size() + 1,
                    "Energy including PUE (kWh, left) and CO\u2082e (" + unit.symbol() + ", right) of "
                            + (all > MAX_BARS ? "the " + (MAX_BARS - 1) + " largest of the " + all + " experiments with an energy estimate" + whole
                            + ", the rest summed in one bar."
                            : all == 1 ? "the one experiment with an energy estimate" + whole + "." : "each of the " + all + " experiments with an energy estimate" + whole + ".")
                            + leftOut(without, "no energy estimate") + " " + basis(withEnergy)
                            + (data.logScale() ? " Log scale: the experiments' energies span more than two orders of magnitude." : ""),
                    "Bar charts of the energy and CO2e of " + all + (all == 1 ? " experiment" : " experiments")
                            + (data.logScale() ? ", on a log scale." : "."),
                    "", data));
        }
        metricVsEnergy(estimates, paretoMetric).ifPresent(d -> out.add(new Figure("metric-energy", out.size() + 1,
                "The " + d.metric() + " of each of the " + d.points().size() + " experiments that report it and have an energy estimate, "
                        + "against that energy including PUE (kWh, log scale)"
                        + (withEnergy.size() > d.points().size() ? "; the other " + (withEnergy.size() - d.points().size())
                                + " with an energy estimate do not report " + d.metric() + " and are not shown" : "") + ". "
                        + "Filled points lie on the Pareto front: no other experiment is both " + (d.higherIsBetter() ? "better" : "lower")
                        + " and cheaper. " + pueBasis(withEnergy),
                "Scatter plot of " + d.metric() + " against energy for " + d.points().size() + " experiments.", "", d)));
        cumulative(estimates, foldedEnds).ifPresent(d -> {
            long dated = withEnergy.stream().filter(e -> end(e).isPresent()).mapToLong(ExperimentEstimate::runs).sum();
            long withRuns = ExperimentEstimate.runs(withEnergy);
            double datedKwh = d.steps().get(d.steps().size() - 1).total().kilowattHours();
            double allKwh = withEnergy.stream().mapToDouble(e -> e.energy().get().central().kilowattHours()).sum();
            out.add(new Figure("cumulative-energy", out.size() + 1,
                    "Cumulative energy (kWh, including PUE) over calendar time, stepping at the end of each experiment, of "
                            + (dated == withRuns ? (dated == 1 ? "the one experiment" : "all " + dated + " experiments") + " with an energy estimate."
                            : "the " + dated + " of " + withRuns + " experiments with an energy estimate that have a date (an end, or a start and hours): "
                            + Numerals.figure(datedKwh) + " of the project's " + Numerals.figure(allKwh) + " kWh. The other "
                            + (withRuns - dated) + " have no date in their logs and are not counted.")
                            + " " + pueBasis(withEnergy),
                    "Step chart of the cumulative energy of " + dated + " dated experiments reaching " + Numerals.figure(datedKwh) + " kWh.", "", d));
        });
        tables.stream().filter(t -> t.id().equals(REGIONS_TABLE)).findFirst().ifPresent(t -> regions(t, unit)
                .ifPresent(d -> out.add(new Figure("regions-co2e", out.size() + 1,
                        "CO\u2082e of the whole project (" + d.unit().symbol() + ") had it run on each of the " + d.regions().size()
                                + " grids of " + t.label() + " with a known figure: the energy of all experiments with an energy estimate, "
                                + "including PUE, at each grid's intensity (sources in " + t.label() + "'s footnotes).",
                        "Bar chart of the project's CO2e in " + d.regions().size() + " grids.", "", d))));
        return out;
    }

    /** " The 3 experiments without WHY (a, b, c) are left out." or nothing. */
    private static String leftOut(List<String> names, String why) {
        if (names.isEmpty()) return "";
        String which = names.size() <= 5 ? " (" + String.join(", ", names) + ")" : "";
        return " " + (names.size() == 1 ? "The one experiment" : "The " + names.size() + " experiments") + " with " + why + which
                + (names.size() == 1 ? " is" : " are") + " left out.";
    }

    /**
     * Where the figures come from, as Table 1's footnotes say it: the PUE and the grid intensity
     * shared by every experiment shown, or how many there are when they differ.
     */
    static String basis(List<ExperimentEstimate> shown) {
        if (shown.isEmpty()) return "";
        String pue = pueBasis(shown);
        Optional<Assumption> grid = shared(shown, "grid:");
        if (grid.isPresent()) return pue + " " + grid.get().text();
        java.util.DoubleSummaryStatistics g = shown.stream().mapToDouble(e -> e.intensity().gramsPerKilowattHour()).summaryStatistics();
        long grids = shown.stream().map(ExperimentEstimate::grid).distinct().count();
        return pue + String.format(Locale.ROOT, " CO\u2082e at each experiment's own grid: %d grids from %.1f to %.1f g/kWh (Table 1's footnotes).",
                grids, g.getMin(), g.getMax());
    }

    /** The PUE behind the energies shown, with its source when it is the catalog's default. */
    static String pueBasis(List<ExperimentEstimate> shown) {
        if (shown.isEmpty()) return "";
        Optional<Assumption> pue = shared(shown, "pue-default");
        if (pue.isPresent()) return pue.get().text();
        java.util.Set<String> values = shown.stream().map(e -> Numerals.raw(e.pue().value())).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        return values.size() == 1 ? "PUE " + values.iterator().next() + ", as set for the project or its experiments."
                : "Each experiment's own PUE (" + String.join(", ", values) + ").";
    }

    /** The setting assumption whose id starts with {@code prefix} that every estimate carries, the same for all. */
    private static Optional<Assumption> shared(List<ExperimentEstimate> estimates, String prefix) {
        Optional<Assumption> first = estimates.get(0).assumptions().stream().filter(a -> a.id().startsWith(prefix)).findFirst();
        if (first.isEmpty()) return first;
        String id = first.get().id();
        return estimates.stream().allMatch(e -> e.assumptions().stream().anyMatch(a -> a.id().equals(id))) ? first : Optional.empty();
    }

    /** More bars than this are unreadable in print: the largest are kept and the rest summed. */
    static final int MAX_BARS = 30;
    /** A cumulative step chart keeps at most this many steps (always the last); the curve stays exact at each kept step. */
    static final int MAX_STEPS = 500;

    private static List<FigureData.PerExperiment.Bar> largest(List<FigureData.PerExperiment.Bar> bars) {
        if (bars.size() <= MAX_BARS) return bars;
        List<FigureData.PerExperiment.Bar> bySize = new ArrayList<>(bars);
        bySize.sort(Comparator.comparing(FigureData.PerExperiment.Bar::energy).reversed().thenComparing(FigureData.PerExperiment.Bar::name));
        java.util.Set<FigureData.PerExperiment.Bar> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(bySize.subList(0, MAX_BARS - 1));
        List<FigureData.PerExperiment.Bar> out = new ArrayList<>();
        Energy restEnergy = Energy.ZERO;
        io.carbonpaper.unit.Mass restCo2 = io.carbonpaper.unit.Mass.ZERO;
        for (FigureData.PerExperiment.Bar b : bars) {
            if (kept.contains(b)) out.add(b);
            else {
                restEnergy = restEnergy.plus(b.energy());
                restCo2 = restCo2.plus(b.co2e());
            }
        }
        out.add(new FigureData.PerExperiment.Bar((bars.size() - MAX_BARS + 1) + " others", restEnergy, restCo2));
        return out;
    }

    /** Most lines in a power chart: a chart of 20,000 lines is unreadable, and slow to draw. */
    static final int MAX_DEVICE_LINES = 8;

    /**
     * The points of the first {@code keep} devices as they are, and one series for the rest: at each
     * time, the mean of the others' finite samples (a gap when none has one). Linear in the points.
     */
    static List<TraceSummary.ChartPoint> grouped(List<TraceSummary.ChartPoint> points, int keep) {
        java.util.Set<String> kept = new java.util.LinkedHashSet<>();
        for (TraceSummary.ChartPoint p : points) {
            if (kept.size() == keep) break;
            kept.add(p.device());
        }
        List<TraceSummary.ChartPoint> out = new ArrayList<>();
        java.util.TreeMap<java.time.Instant, double[]> rest = new java.util.TreeMap<>(); // sum, count, seen
        java.util.Set<String> others = new java.util.HashSet<>();
        for (TraceSummary.ChartPoint p : points) {
            if (kept.contains(p.device())) {
                out.add(p);
                continue;
            }
            others.add(p.device());
            double[] a = rest.computeIfAbsent(p.time(), t -> new double[2]);
            if (Double.isFinite(p.watts())) {
                a[0] += p.watts();
                a[1]++;
            }
        }
        String name = FigureData.PowerOverTime.GROUP + Numerals.grouped(others.size(), 0) + " other devices";
        for (var e : rest.entrySet())
            out.add(new TraceSummary.ChartPoint(name, e.getKey(), e.getValue()[1] > 0 ? e.getValue()[0] / e.getValue()[1] : Double.NaN));
        return out;
    }

    /** An experiment page's power-over-time chart, when it has a trace with chart points. */
    public static Optional<Figure> power(Experiment x, String slug) {
        List<TraceSummary.ChartPoint> points = new ArrayList<>();
        boolean several = x.traces().size() > 1;
        for (int i = 0; i < x.traces().size(); i++) {
            TraceSummary t = x.traces().get(i);
            String prefix = several ? t.host().orElse("trace " + (i + 1)) + " " : "";
            if (!several) points.addAll(t.chart()); // the trace's own points, not a copy of each (issue 20: 10,000 pages held both)
            else for (TraceSummary.ChartPoint p : t.chart()) points.add(new TraceSummary.ChartPoint(prefix + p.device(), p.time(), p.watts()));
        }
        if (points.isEmpty()) return Optional.empty();
        int devices = (int) points.stream().map(TraceSummary.ChartPoint::device).distinct().count();
        List<TraceSummary.ChartPoint> total = devices > 1 ? total(points) : List.of();
        String grouped = "";
        if (devices > MAX_DEVICE_LINES) {
            points = grouped(points, MAX_DEVICE_LINES - 1);
            grouped = " The first " + (MAX_DEVICE_LINES - 1) + " of its " + Numerals.grouped(devices, 0)
                    + " devices have a panel each; the others share one, as their mean power.";
        }
        List<String> formats = x.traces().stream().map(TraceSummary::format).distinct().toList();
        String source = " Read from its " + String.join(", ", formats) + (x.traces().size() == 1 ? " trace" : " traces")
                + ": the power the trace reports for each device, before PUE.";
        String what = devices == 1 ? "Power drawn by " + x.name() + " over time (W, UTC)."
                : "Power drawn by " + x.name() + " over time (W, UTC): at the top the total of its " + Numerals.grouped(devices, 0)
                + " devices, at the times when every device has a sample; below, each device on the same scale.";
        return Optional.of(new Figure("power-" + slug, 1,
                what + source + " Breaks in a line are gaps in the trace; they are not bridged." + grouped,
                devices == 1 ? "Line chart of the power of " + x.name() + " over time."
                        : "Line chart of the total power of the " + devices + " devices of " + x.name() + " over time, and one small chart per device.",
                slug, new FigureData.PowerOverTime(points, total)));
    }

    /** Most points in the total's line; more distinct sample times than this are resampled evenly. */
    static final int MAX_TOTAL_POINTS = 1000;

    /**
     * The devices' summed power over time: at every time any device was sampled (or at
     * {@value #MAX_TOTAL_POINTS} even steps when there are more), each device's power
     * interpolated between its neighbouring samples, summed. A time at which some device has no
     * value (before its first sample, after its last, or in a gap) is a gap in the total, not a
     * smaller total. One pass over each device's points.
     */
    static List<TraceSummary.ChartPoint> total(List<TraceSummary.ChartPoint> points) {
        java.util.Map<String, List<TraceSummary.ChartPoint>> byDevice = new java.util.LinkedHashMap<>();
        java.util.TreeSet<Instant> times = new java.util.TreeSet<>();
        for (TraceSummary.ChartPoint p : points) {
            byDevice.computeIfAbsent(p.device(), d -> new ArrayList<>()).add(p);
            times.add(p.time());
        }
        List<Instant> grid = new ArrayList<>(times);
        if (grid.size() > MAX_TOTAL_POINTS) {
            long from = times.first().toEpochMilli(), to = times.last().toEpochMilli();
            grid.clear();
            for (int i = 0; i < MAX_TOTAL_POINTS; i++) grid.add(Instant.ofEpochMilli(from + Math.round((to - from) * (double) i / (MAX_TOTAL_POINTS - 1))));
        }
        double[] sum = new double[grid.size()];
        for (List<TraceSummary.ChartPoint> device : byDevice.values()) {
            device.sort(Comparator.comparing(TraceSummary.ChartPoint::time));
            int j = 0;
            for (int i = 0; i < grid.size(); i++) {
                Instant t = grid.get(i);
                while (j < device.size() && device.get(j).time().isBefore(t)) j++;
                double w;
                if (j < device.size() && device.get(j).time().equals(t)) w = device.get(j).watts();
                else if (j == 0 || j == device.size()) w = Double.NaN;
                else {
                    TraceSummary.ChartPoint a = device.get(j - 1), b = device.get(j);
                    double f = (double) (t.toEpochMilli() - a.time().toEpochMilli()) / (b.time().toEpochMilli() - a.time().toEpochMilli());
                    w = a.watts() + f * (b.watts() - a.watts()); // NaN when either side is a gap
                }
                sum[i] += w;
            }
        }
        List<TraceSummary.ChartPoint> out = new ArrayList<>(grid.size());
        for (int i = 0; i < grid.size(); i++) out.add(new TraceSummary.ChartPoint("total", grid.get(i), sum[i]));
        return out;
    }

    static Optional<FigureData.MetricVsEnergy> metricVsEnergy(List<ExperimentEstimate> estimates, Optional<String> paretoMetric) {
        Optional<String> metric = paretoMetric.filter(s -> !s.isBlank()).or(() -> estimates.stream()
                .flatMap(e -> e.experiment().metrics().keySet().stream())
                .filter(k -> k.toLowerCase(Locale.ROOT).contains("acc")).findFirst());
        if (metric.isEmpty()) return Optional.empty();
        String m = metric.get();
        boolean higher = higherIsBetter(m);
        record Raw(String name, Energy energy, double value) {}
        List<Raw> raw = new ArrayList<>();
        for (ExperimentEstimate e : estimates) {
            Double v = e.experiment().metrics().get(m);
            if (v == null || !Double.isFinite(v) || e.energy().isEmpty()) continue;
            Energy en = e.energy().get().central();
            if (en.joules() <= 0) continue; // a log axis cannot show zero
            raw.add(new Raw(e.experiment().name(), en, v));
        }
        if (raw.size() < 2) return Optional.empty();
        List<FigureData.MetricVsEnergy.Point> points = new ArrayList<>();
        for (Raw p : raw) {
            boolean dominated = raw.stream().anyMatch(q -> q != p && dominates(q.energy(), q.value(), p.energy(), p.value(), higher));
            points.add(new FigureData.MetricVsEnergy.Point(p.name(), p.energy(), p.value(), !dominated));
        }
        return Optional.of(new FigureData.MetricVsEnergy(m, higher, points));
    }

    /** q dominates p: no more energy, no worse metric, and strictly better in one of them. */
    private static boolean dominates(Energy qe, double qv, Energy pe, double pv, boolean higher) {
        boolean noWorse = qe.compareTo(pe) <= 0 && (higher ? qv >= pv : qv <= pv);
        boolean better = qe.compareTo(pe) < 0 || (higher ? qv > pv : qv < pv);
        return noWorse && better;
    }

    /** Losses, perplexities and error rates are better when lower; everything else (accuracy, BLEU, F1) when higher. */
    static boolean higherIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        for (String low : List.of("loss", "ppl", "perplexity", "error", "err", "wer", "cer", "mse", "mae", "rmse"))
            if (m.contains(low)) return false;
        return true;
    }

    /** When an experiment ended: its logged end, else its start plus its hours. */
    private static Optional<Instant> end(ExperimentEstimate e) {
        return e.experiment().end().or(() -> e.experiment().start().flatMap(s -> e.hours().map(h -> s.plusSeconds(Math.round(h.seconds())))));
    }

    static Optional<FigureData.Cumulative> cumulative(List<ExperimentEstimate> estimates) {
        return cumulative(estimates, List.of());
    }

    static Optional<FigureData.Cumulative> cumulative(List<ExperimentEstimate> estimates, List<Ended> foldedEnds) {
        List<Ended> ended = new ArrayList<>(foldedEnds);
        for (ExperimentEstimate e : estimates) {
            if (e.experiment().isFold()) continue; // its runs are in foldedEnds
            Optional<Instant> end = end(e);
            if (end.isEmpty() || e.energy().isEmpty()) continue;
            ended.add(new Ended(end.get(), e.energy().get().central(), e.experiment().name()));
        }
        if (ended.isEmpty()) return Optional.empty();
        ended.sort(Comparator.comparing(Ended::end).thenComparing(Ended::name));
        List<FigureData.Cumulative.Step> steps = new ArrayList<>();
        Energy total = Energy.ZERO;
        int every = (ended.size() + MAX_STEPS - 1) / MAX_STEPS;
        for (int i = 0; i < ended.size(); i++) {
            Ended x = ended.get(i);
            total = total.plus(x.energy());
            if (i % every == every - 1 || i == ended.size() - 1) steps.add(new FigureData.Cumulative.Step(x.end(), total, x.name()));
        }
        return Optional.of(new FigureData.Cumulative(steps));
    }

    /**
     * Reads the regions table: the first column names the grid, the first numeric column whose
     * heading or CSV name mentions CO2 holds the project's emissions in that column's unit (kg,
     * lbs or t). Rows whose value is unknown are left out.
     */
    static Optional<FigureData.Regions> regions(Table t, MassUnit unit) {
        int col = -1;
        for (int i = 1; i < t.columns().size(); i++) {
            Column c = t.columns().get(i);
            String h = (c.header() + " " + c.csvName()).toLowerCase(Locale.ROOT).replace("\u2082", "2");
            if (c.numeric() && h.contains("co2")) {
                col = i;
                break;
            }
        }
        if (col < 0) return Optional.empty();
        Function<Double, Mass> mass = switch (t.columns().get(col).unit().trim().toLowerCase(Locale.ROOT)) {
            case "kg" -> Mass::ofKilograms;
            case "lb", "lbs" -> Mass::ofPounds;
            case "t", "tonnes", "tco2e" -> Mass::ofTonnes;
            case "g" -> Mass::ofGrams;
            default -> null;
        };
        if (mass == null) return Optional.empty();
        List<FigureData.Regions.Region> out = new ArrayList<>();
        for (Row r : t.rows()) {
            String raw = r.cells().get(col).raw();
            try {
                double v = Double.parseDouble(raw);
                if (Double.isFinite(v)) out.add(new FigureData.Regions.Region(r.cells().get(0).text(), mass.apply(v)));
            } catch (NumberFormatException e) {
                // an unknown value ("–") has no bar
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(new FigureData.Regions(unit, out));
    }
}
