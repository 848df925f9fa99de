package io.carbonpaper.estimate;

import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.reference.CloudPriceCatalog;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Range;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.carbonpaper.estimate.Assumption.Affects.COST;

/**
 * What renting the same device-hours would cost: pre-emptible (low) to on-demand (high), from
 * the wanted price catalog, else the newest list of the run's cloud provider that prices the accelerator's
 * family, else the newest list of any provider.
 *
 * @param catalog the price catalog used, when a price was found
 * @param source  the price's source id, when a price was found
 */
record CloudCost(Optional<Range<Money>> range, Optional<String> catalog, Optional<String> source, List<Assumption> assumptions) {
    static final CloudCost NONE = new CloudCost(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    CloudCost {
        assumptions = List.copyOf(assumptions);
    }

    /** How the price list was chosen: named by {@code price_catalog}, the run's cloud provider's newest, or the newest of all. */
    private enum Choice { WANTED, PROVIDER, NEWEST }

    /** As {@link #of(AcceleratorSpec, int, Hours, Optional, Optional, CloudPriceCatalog)} for a run in no known cloud. */
    static CloudCost of(AcceleratorSpec spec, int devices, Hours hours, Optional<String> wanted, CloudPriceCatalog prices) {
        return of(spec, devices, hours, wanted, Optional.empty(), prices);
    }

    /**
     * The price of {@code devices} of {@code spec} for {@code hours}; {@code wanted} must be a catalog that exists.
     * Without one, a run in a cloud {@code provider}'s region is priced from that provider's newest list that prices
     * the accelerator (what the run would have cost where it ran), else from the newest list of any provider.
     */
    static CloudCost of(AcceleratorSpec spec, int devices, Hours hours, Optional<String> wanted, Optional<String> provider,
                        CloudPriceCatalog prices) {
        Choice choice;
        Optional<CloudPrice> price;
        if (wanted.isPresent()) {
            choice = Choice.WANTED;
            price = prices.find(wanted.get(), spec.priceFamily());
        } else {
            Optional<CloudPrice> own = provider.flatMap(v -> prices.newest(spec.priceFamily(), v));
            choice = own.isPresent() ? Choice.PROVIDER : Choice.NEWEST;
            price = own.or(() -> prices.newest(spec.priceFamily()));
        }
        if (price.isEmpty()) {
            return new CloudCost(Optional.empty(), Optional.empty(), Optional.empty(), List.of(Assumption.about(Set.of(COST),
                    "no-price-" + spec.key(), "No cloud price for " + spec.key() + wanted.map(w -> " in " + w).orElse(" in any bundled price catalog") + ".")));
        }
        CloudPrice p = price.get();
        double deviceHours = hours.value() * devices;
        List<Assumption> notes = NOTES.get(choice).computeIfAbsent(p, x -> notes(x, choice));
        return new CloudCost(Optional.of(Range.between(p.spotPerDeviceHour().times(deviceHours), p.onDemandPerDeviceHour().times(deviceHours))),
                Optional.of(p.catalog()), Optional.of(p.source()), notes);
    }

    /**
     * The notes of each catalog price, made once (a million-job history prices the same few rows a
     * million times, issue 20); bounded by the bundled catalogs.
     */
    private static final java.util.Map<Choice, java.util.Map<CloudPrice, List<Assumption>>> NOTES = java.util.Map.of(
            Choice.WANTED, new java.util.concurrent.ConcurrentHashMap<>(), Choice.PROVIDER, new java.util.concurrent.ConcurrentHashMap<>(),
            Choice.NEWEST, new java.util.concurrent.ConcurrentHashMap<>());

    private static List<Assumption> notes(CloudPrice p, Choice choice) {
        List<Assumption> notes = new java.util.ArrayList<>();
        notes.add(Assumption.about(Set.of(COST), "price-list-" + (choice == Choice.PROVIDER ? "own-" : "") + p.catalog() + "-" + p.instanceType(), String.format(java.util.Locale.ROOT,
                "Cloud price from the %s list: %s (%d x %s) in %s, as of %s%s.", p.catalog(), p.instanceType(), p.count(),
                p.accelerator(), p.region(), p.asOf(), (switch (choice) {
                    case WANTED -> " (price_catalog)";
                    case PROVIDER -> ", the newest " + p.provider() + " list that prices it (the run's region is " + p.provider() + "'s)";
                    case NEWEST -> ", the newest list that prices it";
                })
                        + (p.unverified() ? "; unverified: no second table confirms this row" : "")),
                p.source()));
        if (p.commit1y().isPresent() || p.commit3y().isPresent())
            notes.add(Assumption.about(Set.of(COST), "price-commit-" + p.catalog() + "-" + p.instanceType(), String.format(java.util.Locale.ROOT,
                    "%s also lists committed-use prices per device-hour (not in the range, which runs from pre-emptible to on demand): %s.",
                    p.catalog(), java.util.stream.Stream.of(p.commit1y().map(m -> "1 year " + usd(m.times(1.0 / p.count()))),
                            p.commit3y().map(m -> "3 years " + usd(m.times(1.0 / p.count()))))
                            .flatMap(Optional::stream).collect(java.util.stream.Collectors.joining(", "))),
                    p.source()));
        if (p.spot().isEmpty())
            notes.add(Assumption.about(Set.of(COST), "no-spot-" + p.catalog(), "No pre-emptible price published in " + p.catalog() + ": the low end is the on-demand price."));
        return List.copyOf(notes);
    }

    private static String usd(io.carbonpaper.unit.Money m) {
        return String.format(java.util.Locale.ROOT, "$%.2f", m.amount());
    }
}
