package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Gap;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.reference.PublishedModelCatalog;
import io.carbonpaper.reference.Source;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the finished {@link Report} from the experiments and their estimates: tables, footnotes
 * (one per distinct assumption), the references actually cited, and one page per experiment.
 */
public final class ReportBuilder {
    private final Catalogs catalogs;
    private final ProjectConfig config;
    private final String version;
    private final Optional<String> date;
    private final Optional<String> paretoMetric;

    public ReportBuilder(Catalogs catalogs, ProjectConfig config, String version, Optional<String> date) {
        this(catalogs, config, version, date, Optional.empty());
    }

    /** @param paretoMetric the metric to plot against energy (config key {@code pareto_metric}); empty picks the first "acc" metric */
    public ReportBuilder(Catalogs catalogs, ProjectConfig config, String version, Optional<String> date, Optional<String> paretoMetric) {
        this.catalogs = catalogs;
        this.config = config;
        this.version = version;
        this.date = date;
        this.paretoMetric = paretoMetric;
    }

    /**
     * @param experiments every experiment read, in report order
     * @param results     their estimates, index for index
     * @param problems    problems that belong to no experiment
     */
    public Report build(List<Experiment> experiments, List<EstimateResult> results, List<Problem> problems) {
        return build(experiments, results, problems, Folded.NONE);
    }

    /**
     * What the experiments folded into the report's totals as they were read (issue 20) leave
     * besides their folds ({@link Experiment#isFold}): their CSV rows, kept out of memory, and
     * where they end in time, by day, for the cumulative-energy figure, and each estimated run's
     * hours, counted by value, for the checklists' time of execution.
     */
    public record Folded(Optional<Table.CsvRows> csvRows, List<FigureBuilder.Ended> ends, RunHours runHours) {
        public static final Folded NONE = new Folded(Optional.empty(), List.of(), new RunHours());

        public Folded {
            ends = List.copyOf(ends);
        }
    }

    /** @param folded what folded experiments leave besides the folds among {@code experiments} */
    public Report build(List<Experiment> experiments, List<EstimateResult> results, List<Problem> problems, Folded folded) {
        if (experiments.size() != results.size()) throw new IllegalArgumentException("one result per experiment expected");
        MassUnit unit = config.units();
        boolean pagesOn = config.experimentPagesFor((int) Math.min(Integer.MAX_VALUE, Experiment.runs(experiments)));
        List<ExperimentEstimate> estimates = new ArrayList<>();
        Map<String, String> slugs = Slugs.unique(experiments.stream().map(Experiment::key).toList());
        for (EstimateResult r : results) r.estimate().ifPresent(estimates::add);

        Footnotes notes = new Footnotes();
        List<Assumption> columnNotes = sharedAssumptions(estimates);
        List<Table> tables = new ArrayList<>();
        tables.add(TrainingCostTable.build(tables.size() + 1, experiments, results, unit, notes, columnNotes,
                x -> pagesOn ? "experiments/" + slugs.get(x.key()) + ".html" : "", folded.csvRows()));
        // The economics of the whole project (issue 5): the paper's Tables 4, 1 and 2, and cloud versus owned.
        ProjectEconomics economics = ProjectEconomics.of(estimates, config, catalogs, (int) Experiment.runs(experiments));
        tables.add(RndCostTable.build(tables.size() + 1, economics, notes));
        tables.add(EquivalencesTable.build(tables.size() + 1, economics, notes));
        tables.add(RegionsTable.build(tables.size() + 1, economics, notes));
        CloudVsOwnedTable.build(tables.size() + 1, economics, notes).ifPresent(tables::add);
        if (config.publishedModels())
            tables.add(PublishedModelsTable.build(tables.size() + 1, economics, PublishedModelCatalog.bundled().all(), notes));

        List<ExperimentPage> pages = new ArrayList<>();
        List<Figure> figures = new ArrayList<>(FigureBuilder.index(estimates, tables, unit, paretoMetric, folded.ends()));
        for (int i = 0; i < experiments.size(); i++) {
            String slug = slugs.get(experiments.get(i).key());
            // Without pages of their own, experiments get no power chart either (there is nowhere to show it).
            Optional<Figure> power = pagesOn ? FigureBuilder.power(experiments.get(i), slug) : Optional.empty();
            power.ifPresent(figures::add);
            pages.add(pagesOn ? page(experiments.get(i), results.get(i), slug, unit, power.map(Figure::svg).orElse(""))
                    : listing(experiments.get(i), results.get(i), slug));
        }

        // References: every source the estimates used or the footnotes cite, numbered in order of first use.
        Set<String> ids = new LinkedHashSet<>();
        ids.add("strubell-2019");
        for (Footnote f : notes.all()) ids.addAll(f.references());
        for (ExperimentEstimate e : estimates) ids.addAll(e.sources());
        List<Reference> references = new ArrayList<>();
        for (String id : ids) {
            Source s = catalogs.sources().get(id);
            references.add(new Reference(references.size() + 1, s.id(), s.citation(), s.url(), s.year(), catalogs.sources().bib(id)));
        }

        Coverage coverage = Coverage.of(experiments, results);
        Headline headline = headline(estimates, coverage, unit, defaultsUsed(estimates), economics);
        Map<String, Reference> byId = new java.util.HashMap<>();
        for (Reference r : references) byId.put(r.id(), r);
        Statement statement = ComputeStatement.of(estimates, unit, coverage, economics, id -> Optional.ofNullable(byId.get(id)),
                folded.runHours());
        return new Report(config.title(), version, date, headline, statement, tables, notes.all(),
                references, pages, problems, parameters(estimates, unit), figures, List.of(), pagesOn);
    }

    /** Assumptions every estimate shares (the default PUE, a common grid) belong on the column, not on each row. */
    private static List<Assumption> sharedAssumptions(List<ExperimentEstimate> estimates) {
        if (estimates.isEmpty()) return List.of();
        List<Assumption> out = new ArrayList<>();
        for (Assumption a : estimates.get(0).assumptions()) {
            if (!a.setting()) continue;
            if (estimates.stream().allMatch(e -> e.assumptions().stream().anyMatch(b -> b.id().equals(a.id())))) out.add(a);
        }
        return out;
    }

    private static Headline headline(List<ExperimentEstimate> estimates, Coverage coverage, MassUnit unit, List<String> defaults,
                                     ProjectEconomics economics) {
        Energy energy = Energy.ZERO;
        Mass co2 = Mass.ZERO;
        for (ExperimentEstimate e : estimates) {
            if (e.energy().isPresent()) {
                energy = energy.plus(e.energy().get().central());
                co2 = co2.plus(e.co2e().orElseThrow().central());
            }
        }
        Set<String> grids = estimates.stream().map(ExperimentEstimate::grid).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> pues = estimates.stream().map(e -> Numerals.raw(e.pue().value())).collect(Collectors.toCollection(LinkedHashSet::new));
        return new Headline(
                Numerals.figure(energy.kilowattHours()) + " kWh",
                Numerals.figure(co2.in(unit)) + " " + unit.symbol() + " CO\u2082e",
                ComputeStatement.headlineCost(estimates, Optional.of(economics)),
                grids.size() == 1 ? grids.iterator().next() : grids.size() + " grids (see each experiment)",
                pues.size() == 1 ? pues.iterator().next() : String.join(", ", pues),
                coverage.experiments(), coverage.experiments() - coverage.withEnergy(), coverage.sentence(), defaults);
    }

    /**
     * Each default the estimates fell back on, with the setting that replaces it (issue 18, "say the
     * defaults out loud"): the catalog's PUE, the catalog's default grid, the newest price list. A
     * default that only some estimates used says for how many.
     */
    List<String> defaultsUsed(List<ExperimentEstimate> estimates) {
        List<String> out = new ArrayList<>();
        long all = ExperimentEstimate.runs(estimates);
        long pue = estimates.stream().filter(e -> e.assumptions().stream().anyMatch(a -> a.id().equals("pue-default"))).mapToLong(ExperimentEstimate::runs).sum();
        if (pue > 0) {
            var f = catalogs.pue().defaultPue();
            out.add("PUE " + Numerals.raw(f.value()) + " (" + f.name() + ") is the default" + forHowMany(pue, all)
                    + ": set your data centre's with --set pue=1.2 or 'pue: 1.2' in carbonpaper.yaml.");
        }
        var grid = catalogs.grids().defaultGrid();
        long grids = estimates.stream().filter(e -> e.grid().equals(grid.name())).mapToLong(ExperimentEstimate::runs).sum();
        if (grids > 0) {
            out.add(String.format(Locale.ROOT, "The grid, %s at %.1f g/kWh, is the default%s: name where the runs drew their power with "
                    + "--set region=DEU (a country, US state or cloud region) or 'region: DEU' in carbonpaper.yaml.",
                    grid.name(), grid.intensity().gramsPerKilowattHour(), forHowMany(grids, all)));
        }
        Set<String> lists = new java.util.TreeSet<>();
        long priced = 0;
        for (ExperimentEstimate e : estimates) {
            if (e.priceCatalog().isEmpty() || e.experiment().cloudPrices().isPresent() || config.priceCatalog().isPresent()) continue;
            lists.add(e.priceCatalog().get());
            priced += e.runs();
        }
        if (!lists.isEmpty()) {
            out.add("Cloud prices from " + String.join(", ", lists) + ", the newest bundled price list that prices each accelerator, are the default"
                    + forHowMany(priced, all) + ": choose a list with --set cloud_prices=NAME or 'cloud_prices: NAME' in carbonpaper.yaml.");
        }
        return out;
    }

    private static String forHowMany(long used, long of) {
        return used == of ? "" : " for " + used + " of the " + of + " estimated experiments";
    }

    private Report.Parameters parameters(List<ExperimentEstimate> estimates, MassUnit unit) {
        var grid = estimates.isEmpty() ? catalogs.grids().defaultGrid().intensity() : estimates.get(0).intensity();
        Set<String> priceCatalogs = estimates.stream().flatMap(e -> e.priceCatalog().stream()).collect(Collectors.toCollection(java.util.TreeSet::new));
        String pue = estimates.isEmpty() ? Numerals.raw(catalogs.pue().defaultPue().value()) : Numerals.raw(estimates.get(0).pue().value());
        return new Report.Parameters(pue, String.format(Locale.ROOT, "%.1f", grid.gramsPerKilowattHour()),
                String.format(Locale.ROOT, "%.3f", grid.poundsPerKilowattHour()), unit.symbol(),
                priceCatalogs.isEmpty() ? "none" : String.join(", ", priceCatalogs));
    }

    /**
     * An experiment without a page of its own, as the index lists it: its name and its problems.
     * Its facts would be built for nothing (issue 20: some twenty facts and their strings per
     * experiment, a third of a 100,000-job history's heap).
     */
    private static ExperimentPage listing(Experiment x, EstimateResult r, String slug) {
        List<Problem> problems = new ArrayList<>(x.problems());
        problems.addAll(r.problems());
        return new ExperimentPage(x.key(), slug, io.carbonpaper.model.LogText.shown(x.name()), io.carbonpaper.model.LogText.shown(x.group()), r.estimate().isPresent(), List.of(), List.of(), List.of(), problems, "");
    }

    private static ExperimentPage page(Experiment x, EstimateResult r, String slug, MassUnit unit, String chart) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Group", io.carbonpaper.model.LogText.shown(x.group())));
        x.label().ifPresent(l -> facts.add(new Fact("Label", l)));
        x.hardware().ifPresent(h -> facts.add(new Fact("Hardware (as read)", h.describe() + " (from " + h.origin() + ")")));
        x.cpu().ifPresent(c -> facts.add(new Fact("CPU (as read)", c.describe() + " (from " + c.source() + ")")));
        x.hours().ifPresent(h -> facts.add(new Fact("Hours", Numerals.hours(h.value()) + " (" + x.hoursSource() + ")")));
        x.start().ifPresent(s -> facts.add(new Fact("Start (UTC)", s.toString())));
        x.end().ifPresent(s -> facts.add(new Fact("End (UTC)", s.toString())));
        if (r.estimate().isPresent()) {
            ExperimentEstimate e = r.estimate().get();
            facts.add(new Fact("Energy source", e.method().csvName().isEmpty() ? "none" : e.method().csvName()));
            e.power().ifPresent(p -> facts.add(new Fact("Average power", Numerals.watts(p.watts()) + " W")));
            facts.add(new Fact("PUE", Numerals.raw(e.pue().value())));
            facts.add(new Fact("Grid", e.grid() + String.format(Locale.ROOT, ", %.1f g/kWh", e.intensity().gramsPerKilowattHour())));
            e.measured().ifPresent(m -> facts.add(new Fact("Measured energy (before PUE)", Numerals.figure(m.kilowattHours()) + " kWh over "
                    + Numerals.hours(e.measuredWindow().orElseThrow().value()) + " h")));
            e.energy().map(Range::central).ifPresent(en -> facts.add(new Fact("Energy \u00d7 PUE", Numerals.figure(en.kilowattHours()) + " kWh")));
            e.co2e().map(Range::central).ifPresent(c -> facts.add(new Fact("CO\u2082e", Numerals.figure(c.in(unit)) + " " + unit.symbol())));
            e.toolCo2e().ifPresent(c -> facts.add(new Fact("CO\u2082e reported by the tool", Numerals.figure(c.in(unit)) + " " + unit.symbol())));
            e.cloud().ifPresent(c -> facts.add(new Fact("Cloud cost (" + e.priceCatalog().orElse("") + ")",
                    Numerals.moneyRange(c.low().amount(), c.high().amount(), c.low().currency()))));
            for (Assumption a : e.assumptions()) facts.add(new Fact("Assumption", a.text()));
        } else {
            facts.add(new Fact("Energy source", TrainingCostTable.NONE));
            for (io.carbonpaper.estimate.MissingFigure m : r.missing()) facts.add(new Fact("No energy figure", m.footnote().text()));
        }
        for (Map.Entry<String, Double> m : x.metrics().entrySet()) facts.add(new Fact("Metric " + m.getKey(), Numerals.figure(m.getValue())));
        for (Map.Entry<String, String> m : x.hyperparameters().entrySet()) facts.add(new Fact("Hyperparameter " + m.getKey(), m.getValue()));
        for (Map.Entry<String, String> m : x.jobDetails().entrySet()) facts.add(new Fact("Slurm " + m.getKey(), m.getValue()));

        List<Fact> quality = new ArrayList<>();
        for (TraceSummary t : x.traces()) {
            quality.add(new Fact("Trace", t.format() + t.host().map(h -> " from " + h).orElse("") + ": " + t.devices().size() + (t.devices().size() == 1 ? " device, " : " devices, ")
                    + Numerals.grouped(t.samplesUsed(), 0) + " samples used"));
            for (Map.Entry<String, Long> m : t.missingByReason().entrySet())
                quality.add(new Fact("Samples skipped", Numerals.grouped(m.getValue(), 0) + " \u2013 " + m.getKey()));
            for (Gap g : t.gaps())
                quality.add(new Fact("Gap (not bridged)", "device " + g.device() + ": " + g.from() + " to " + g.to()
                        + " (" + Numerals.figure(g.seconds()) + " s)"));
            for (DeviceEnergy d : t.devices())
                quality.add(new Fact("Device " + d.device(), d.kind() + ", " + d.method().csvName() + ", "
                        + Numerals.figure(d.energy().kilowattHours()) + " kWh over " + Numerals.hours(d.seconds() / 3600) + " h"));
            if (t.sharedDevice()) quality.add(new Fact("Shared device", "other processes ran on this job's devices; the energy includes theirs"));
            for (String q : t.queries()) quality.add(new Fact("Query (" + t.format() + ")", q));
        }
        if (x.traces().size() > 1) quality.add(new Fact("Traces joined", Integer.toString(x.traces().size())));
        int shownReports = 0;
        for (io.carbonpaper.model.ToolEnergyReport t : x.toolReports()) {
            if (shownReports++ == TOOL_REPORTS_SHOWN) {
                quality.add(new Fact("Measured by a tool", "and " + (x.toolReports().size() - TOOL_REPORTS_SHOWN) + " more"));
                break;
            }
            quality.add(new Fact("Measured by a tool", toolReport(t)));
        }
        if (r.estimate().flatMap(ExperimentEstimate::measuredWindow).isPresent() && x.hours().isPresent()) {
            double cov = r.estimate().get().measuredWindow().get().value() / x.hours().get().value();
            quality.add(new Fact("Coverage of the run", String.format(Locale.ROOT, "%.1f%%", Math.min(100.0, 100 * cov))));
        }
        List<Problem> problems = new ArrayList<>(x.problems());
        problems.addAll(r.problems());
        return new ExperimentPage(x.key(), slug, io.carbonpaper.model.LogText.shown(x.name()), io.carbonpaper.model.LogText.shown(x.group()), r.estimate().isPresent(), facts, x.inputs(), quality,
                problems, chart);
    }

    /** The most tool reports an experiment's page lists one by one (a file of many runs is one experiment's only when they share it). */
    static final int TOOL_REPORTS_SHOWN = 12;

    /** {@code codecarbon, run 7d3c5e2a: 0.999 kWh over 3.5 h, logged in DEU}: what one tool report says, as read. */
    static String toolReport(io.carbonpaper.model.ToolEnergyReport t) {
        StringBuilder b = new StringBuilder(t.tool());
        t.runId().ifPresent(id -> b.append(", run ").append(id));
        b.append(": ").append(Numerals.figure(t.energy().kilowattHours())).append(" kWh");
        t.duration().ifPresent(d -> b.append(" over ").append(Numerals.hours(d.value())).append(" h"));
        if (t.pueApplied()) b.append(", including the tool's PUE");
        t.place().ifPresent(p -> b.append(", logged in ").append(p.describe()));
        return b.toString();
    }

}
