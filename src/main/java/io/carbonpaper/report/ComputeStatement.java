package io.carbonpaper.report;

import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Range;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compute statement a paper pastes without editing: what ran on what, for how long, the energy
 * (measured, estimated or both), its CO2e and what renting the same accelerator-hours would cost,
 * worded for each case (one run or thousands; devices the logs do not name; no energy figure or only
 * some; no price, one price or only part of the hours priced) and in the figures of the headline
 * and the tables. Plain text; the LaTeX and Markdown writers cite and escape it.
 */
final class ComputeStatement {
    /** Configurations named at most; the rest are counted ("and 4 other configurations"). */
    static final int MAX_NAMED = 6;

    /** Energy read from a meter, a trace or a tool, not from a power figure times hours. */
    private static final Set<EnergyMethod> MEASURED = EnumSet.of(EnergyMethod.COUNTER, EnergyMethod.TRACE, EnergyMethod.PROJECTED,
            EnergyMethod.TOOL, EnergyMethod.PROMETHEUS_COUNTER, EnergyMethod.PROMETHEUS_POWER);

    private ComputeStatement() {}

    /** What the sources sentence says; the writers add the citations and the full stop. */
    static final String SOURCES_LINE = "The constants used (hardware power, PUE, carbon intensity, prices) come from published sources";

    /** The paper whose method the statement follows, named in its text. */
    static final String FOLLOWS = "strubell-2019";

    /** The statement's text for the estimates (none: says so); {@code coverage} explains experiments left without an energy figure. */
    static String of(List<ExperimentEstimate> estimates, MassUnit unit, Coverage coverage) {
        return of(estimates, unit, coverage, Optional.empty());
    }

    /**
     * The statement's text; {@code economics}, when given, may price every accelerator-hour at one
     * price (setting {@code rnd_price_accelerator}), and then the statement gives that cost, as the
     * project's tables and headline do.
     */
    static String of(List<ExperimentEstimate> estimates, MassUnit unit, Coverage coverage, Optional<ProjectEconomics> economics) {
        if (estimates.isEmpty()) return "No experiment could be estimated." + (coverage.experiments() > 0 ? " " + coverage.sentence() : "");
        List<String> s = new ArrayList<>();
        s.add(what(estimates));
        energy(estimates, unit).ifPresent(s::add);
        s.add(pricedAs(economics).map(ComputeStatement::costAs).orElseGet(() -> cost(estimates)));
        s.add("Estimated with carbonpaper following Strubell et al. (2019).");
        if (!coverage.complete()) s.add(coverage.sentence());
        return String.join(" ", s);
    }

    /**
     * The statement with its citations: the method's paper (named in the text) and the sources of the
     * constants the estimates used (and of the one price every hour is priced at, when set).
     * {@code foldedHours}: the hours of the runs folded into the estimates' folds, one value a run.
     */
    static Statement of(List<ExperimentEstimate> estimates, MassUnit unit, Coverage coverage, ProjectEconomics economics,
                        java.util.function.Function<String, Optional<Reference>> reference, RunHours foldedHours) {
        String text = of(estimates, unit, coverage, Optional.of(economics));
        Set<String> ids = new LinkedHashSet<>();
        for (ExperimentEstimate e : estimates) ids.addAll(e.sources());
        pricedAs(Optional.of(economics)).ifPresent(p -> ids.add(p.price().source()));
        ids.remove(FOLLOWS);
        List<Reference> sources = ids.stream().flatMap(id -> reference.apply(id).stream()).toList();
        List<Reference> follows = estimates.isEmpty() ? List.of() : reference.apply(FOLLOWS).stream().toList();
        return new Statement(text, sources.isEmpty() ? "" : SOURCES_LINE, follows, sources, Checklists.of(estimates, coverage.experiments(), foldedHours));
    }

    /** The headline's cloud cost: the same figure the statement gives, one figure when low equals high, "not priced" when nothing is. */
    static String headlineCost(List<ExperimentEstimate> estimates, Optional<ProjectEconomics> economics) {
        double low, high;
        Optional<PricedAs> as = pricedAs(economics);
        if (as.isPresent()) {
            low = as.get().total().low().amount();
            high = as.get().total().high().amount();
        } else {
            List<ExperimentEstimate> priced = estimates.stream().filter(e -> e.cloud().isPresent()).toList();
            if (priced.isEmpty()) return "not priced";
            low = priced.stream().mapToDouble(e -> e.cloud().get().low().amount()).sum();
            high = priced.stream().mapToDouble(e -> e.cloud().get().high().amount()).sum();
        }
        return low >= high ? Numerals.money(high, "USD") : Numerals.moneyRange(low, high, "USD");
    }

    /** Every accelerator-hour priced at one price, and what they cost at it. */
    record PricedAs(String accelerator, CloudPrice price, Range<Money> total) {}

    static Optional<PricedAs> pricedAs(Optional<ProjectEconomics> economics) {
        if (economics.isEmpty() || economics.get().priceAs().isEmpty() || economics.get().all().cloud().isEmpty()) return Optional.empty();
        ProjectEconomics x = economics.get();
        String name = x.config().rndPriceAccelerator().orElse("");
        String key = x.catalogs().accelerators().find(name).map(AcceleratorSpec::key).orElse(name);
        return Optional.of(new PricedAs(key, x.priceAs().get(), x.all().cloud().get()));
    }

    /** "Renting the same accelerator-hours in the cloud, each priced as one P100 in gcp-2019, would cost $X–$Y (pre-emptible to on-demand)." */
    static String costAs(PricedAs p) {
        double low = p.total().low().amount(), high = p.total().high().amount();
        String price = low >= high ? Numerals.money(high, "USD") + " on demand (no pre-emptible price is published for it)"
                : Numerals.moneyRange(low, high, "USD") + " (pre-emptible to on-demand)";
        return "Renting the same accelerator-hours in the cloud, each priced as one " + p.accelerator() + " in " + p.price().catalog()
                + ", would cost " + price + ".";
    }

    /** "The experiments reported here (19 runs on P100x8, V100x1; 2 on devices the logs do not name) ran for ...". */
    static String what(List<ExperimentEstimate> estimates) {
        long n = ExperimentEstimate.runs(estimates);
        Map<String, Long> byLabel = new LinkedHashMap<>();
        long unnamed = 0;
        for (ExperimentEstimate e : estimates) {
            String l = e.hardwareLabel();
            if (l == null || l.isBlank() || l.equalsIgnoreCase("unknown")) unnamed += e.runs();
            else byLabel.merge(l, (long) e.runs(), Long::sum);
        }
        List<String> labels = new ArrayList<>(byLabel.keySet());
        String on;
        if (labels.size() > MAX_NAMED) {
            List<String> top = byLabel.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(MAX_NAMED - 1).map(Map.Entry::getKey).toList();
            int others = labels.size() - top.size();
            on = " on " + String.join(", ", top) + " and " + others + " other configurations";
        } else {
            on = labels.isEmpty() ? "" : " on " + String.join(", ", labels);
        }
        String runs = n == 1 ? "1 run" : Numerals.grouped(n, 0) + " runs";
        String what;
        if (unnamed == n) what = runs + " on devices the logs do not name";
        else if (unnamed > 0) what = runs + ": " + Numerals.grouped(n - unnamed, 0) + on + ", " + Numerals.grouped(unnamed, 0) + " on devices the logs do not name";
        else what = runs + on;
        long timed = estimates.stream().filter(e -> e.hours().isPresent()).mapToLong(ExperimentEstimate::runs).sum();
        String subject = String.format(Locale.ROOT, "The %s reported here (%s)", n == 1 ? "experiment" : "experiments", what);
        if (timed == 0) return subject + (n == 1 ? " has" : " have") + " no recorded run time.";
        double hours = estimates.stream().flatMap(e -> e.hours().stream()).mapToDouble(h -> h.value()).sum();
        double deviceHours = estimates.stream().flatMap(e -> e.deviceHours().stream()).mapToDouble(h -> h.value()).sum();
        long untimed = n - timed;
        return String.format(Locale.ROOT, "%s ran for %s hours (%s accelerator-hours)%s.", subject, Numerals.hours(hours), Numerals.figure(deviceHours),
                untimed == 0 ? "" : ", not counting " + Numerals.grouped(untimed, 0) + (untimed == 1 ? " run" : " runs") + " without a recorded run time");
    }

    /** The energy and its CO2e, of those runs that have an energy figure; empty when none has. */
    static java.util.Optional<String> energy(List<ExperimentEstimate> estimates, MassUnit unit) {
        List<ExperimentEstimate> with = estimates.stream().filter(e -> e.energy().isPresent()).toList();
        if (with.isEmpty()) return java.util.Optional.of("No energy figure could be estimated for " + (ExperimentEstimate.runs(estimates) == 1 ? "it." : "them."));
        Energy energy = Energy.ZERO;
        Mass co2 = Mass.ZERO;
        for (ExperimentEstimate e : with) {
            energy = energy.plus(e.energy().get().central());
            co2 = co2.plus(e.co2e().orElseThrow().central());
        }
        long measured = with.stream().filter(e -> MEASURED.contains(e.method())).mapToLong(ExperimentEstimate::runs).sum();
        long withRuns = ExperimentEstimate.runs(with), all = ExperimentEstimate.runs(estimates);
        String who = withRuns == all ? (all == 1 ? "It" : "They")
                : withRuns == 1 ? "The one run with an energy figure" : "The " + Numerals.grouped(withRuns, 0) + " with an energy figure";
        String used;
        if (measured == withRuns) used = "used " + Numerals.figure(energy.kilowattHours()) + " kWh as measured";
        else if (measured == 0) used = "used an estimated " + Numerals.figure(energy.kilowattHours()) + " kWh";
        else used = "used " + Numerals.figure(energy.kilowattHours()) + " kWh (measured for " + Numerals.grouped(measured, 0)
                + ", estimated from hardware power for " + Numerals.grouped(withRuns - measured, 0) + ")";
        Set<String> pues = new LinkedHashSet<>();
        Set<String> grids = new LinkedHashSet<>();
        for (ExperimentEstimate e : with) {
            pues.add(Numerals.raw(e.pue().value()));
            grids.add(e.grid());
        }
        String pue = pues.size() == 1 ? "a data-centre PUE of " + pues.iterator().next() : "data-centre PUEs of " + and(new ArrayList<>(pues));
        String grid = grids.size() == 1 ? "the " + grids.iterator().next() + " grid" : "each run's grid (" + grids.size() + " grids)";
        return java.util.Optional.of(String.format(Locale.ROOT, "%s %s including %s, which corresponds to %s %s CO\u2082e at the carbon intensity of %s.",
                who, used, pue, Numerals.figure(co2.in(unit)), unit.symbol(), grid));
    }

    /** What renting the accelerator-hours would cost, for the runs a price list prices. */
    static String cost(List<ExperimentEstimate> estimates) {
        List<ExperimentEstimate> priced = estimates.stream().filter(e -> e.cloud().isPresent()).toList();
        if (priced.isEmpty()) return "No bundled cloud price list prices " + (ExperimentEstimate.runs(estimates) == 1 ? "its accelerator" : "these accelerators")
                + ", so no cloud cost is given.";
        double low = 0, high = 0;
        long onDemandOnly = 0, pricedRuns = ExperimentEstimate.runs(priced), all = ExperimentEstimate.runs(estimates);
        for (ExperimentEstimate e : priced) {
            low += e.cloud().get().low().amount();
            high += e.cloud().get().high().amount();
            if (e.cloud().get().low().amount() >= e.cloud().get().high().amount()) onDemandOnly += e.runs();
        }
        String price;
        if (onDemandOnly == pricedRuns) price = Numerals.money(high, "USD") + " on demand (no pre-emptible price is published for "
                + (pricedRuns == 1 ? "it)" : "them)");
        else if (onDemandOnly > 0) price = Numerals.moneyRange(low, high, "USD") + " (pre-emptible to on-demand; on-demand for the "
                + Numerals.grouped(onDemandOnly, 0) + " without a pre-emptible price)";
        else price = Numerals.moneyRange(low, high, "USD") + " (pre-emptible to on-demand)";
        if (pricedRuns == all) return "Renting the same accelerator-hours in the cloud would cost " + price + ".";
        double pricedHours = priced.stream().flatMap(e -> e.deviceHours().stream()).mapToDouble(h -> h.value()).sum();
        double allHours = estimates.stream().flatMap(e -> e.deviceHours().stream()).mapToDouble(h -> h.value()).sum();
        long rest = all - pricedRuns;
        return "Renting the accelerator-hours of the " + (pricedRuns == 1 ? "1 run" : Numerals.grouped(pricedRuns, 0) + " runs")
                + " a price list prices (" + Numerals.figure(pricedHours) + " of " + Numerals.figure(allHours) + ") in the cloud would cost "
                + price + "; the other " + (rest == 1 ? "run has" : Numerals.grouped(rest, 0) + " have") + " no cloud price.";
    }

    private static String and(List<String> items) {
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
