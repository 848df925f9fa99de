package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.estimate.ProjectTotals;
import io.carbonpaper.estimate.RndBreakdown;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.unit.Hours;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the economics tables share: the estimates split as the paper's Table 4, their totals, the
 * one cloud price every accelerator-hour is priced at (when configured), and the period the
 * experiments span. Built once per report.
 */
record ProjectEconomics(List<ExperimentEstimate> estimates, ProjectConfig config, Catalogs catalogs, RndBreakdown split,
                        ProjectTotals finals, ProjectTotals tune, ProjectTotals all, Optional<CloudPrice> priceAs,
                        Optional<Hours> period, List<Assumption> priceNotes, int experiments) {

    static ProjectEconomics of(List<ExperimentEstimate> estimates, ProjectConfig config, Catalogs catalogs) {
        return of(estimates, config, catalogs, (int) ExperimentEstimate.runs(estimates));
    }

    /** @param experiments every experiment of the report, estimated or not (the totals cover the estimated ones) */
    static ProjectEconomics of(List<ExperimentEstimate> estimates, ProjectConfig config, Catalogs catalogs, int experiments) {
        List<Assumption> priceNotes = new ArrayList<>();
        Optional<CloudPrice> priceAs = Optional.empty();
        if (config.rndPriceAccelerator().isPresent()) {
            String name = config.rndPriceAccelerator().get();
            Optional<AcceleratorSpec> spec = catalogs.accelerators().find(name);
            Optional<CloudPrice> p = spec.flatMap(s -> config.priceCatalog().isPresent()
                    ? catalogs.cloudPrices().find(config.priceCatalog().get(), s.priceFamily())
                    : catalogs.cloudPrices().newest(s.priceFamily()));
            if (p.isPresent()) {
                priceAs = p;
                CloudPrice c = p.get();
                priceNotes.add(Assumption.of("rnd-price-as", String.format(Locale.ROOT,
                        "Every accelerator-hour priced as one %s in %s (%s\u2013%s per hour, pre-emptible to on-demand), "
                                + "as Strubell et al. priced their Titan X and M40 jobs at P100 prices (setting rnd_price_accelerator).",
                        spec.get().key(), c.catalog(), Numerals.money(c.spotPerDeviceHour().amount(), "USD"),
                        Numerals.money(c.onDemandPerDeviceHour().amount(), "USD")), c.source(), "strubell-2019"));
            } else {
                priceNotes.add(Assumption.of("rnd-price-missing", "No cloud price for rnd_price_accelerator '" + name + "'"
                        + config.priceCatalog().map(c -> " in " + c).orElse("") + ": each experiment is priced on its own accelerator."));
            }
        }
        RndBreakdown split = RndBreakdown.of(estimates, config, e -> groupOf(e, config.groupBy()));
        return new ProjectEconomics(estimates, config, catalogs, split,
                ProjectTotals.of(split.finals(), priceAs, config.electricity()),
                ProjectTotals.of(split.tune(), priceAs, config.electricity()),
                ProjectTotals.of(split.all(), priceAs, config.electricity()), priceAs, period(estimates), priceNotes, experiments);
    }

    /** The group an experiment counts in, as {@code group_by} says. */
    static String groupOf(ExperimentEstimate e, ProjectConfig.GroupBy by) {
        Experiment x = e.experiment();
        if (by == ProjectConfig.GroupBy.FOLDER && !x.inputs().isEmpty()) {
            String p = x.inputs().get(0).path();
            int slash = p.lastIndexOf('/');
            return slash < 0 ? "." : p.substring(0, slash);
        }
        return x.group();
    }

    /**
     * From the first start to the last end; empty unless every experiment has both (a period
     * observed on some experiments says nothing about the hours of the others).
     */
    static Optional<Hours> period(List<ExperimentEstimate> estimates) {
        if (estimates.isEmpty() || estimates.stream().anyMatch(e -> e.experiment().start().isEmpty() || e.experiment().end().isEmpty()))
            return Optional.empty();
        Optional<Instant> first = estimates.stream().flatMap(e -> e.experiment().start().stream()).min(Comparator.naturalOrder());
        Optional<Instant> last = estimates.stream().flatMap(e -> e.experiment().end().stream()).max(Comparator.naturalOrder());
        if (first.isEmpty() || last.isEmpty() || !last.get().isAfter(first.get())) return Optional.empty();
        return Optional.of(Hours.of(Duration.between(first.get(), last.get())));
    }

    /** The distinct assumptions of every estimate, in order of first appearance. */
    List<Assumption> estimateAssumptions() {
        Map<String, Assumption> out = new LinkedHashMap<>();
        for (ExperimentEstimate e : estimates) for (Assumption a : e.assumptions()) out.putIfAbsent(a.id(), a);
        return List.copyOf(out.values());
    }
}
