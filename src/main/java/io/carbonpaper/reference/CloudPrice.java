package io.carbonpaper.reference;

import io.carbonpaper.unit.Money;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The price of renting {@code count} accelerators for an hour.
 *
 * @param catalog     the price list this row belongs to ({@code gcp-2019}, {@code aws-2025}, ...)
 * @param accelerator the accelerator's price family, as in the hardware catalog
 * @param spot        pre-emptible / spot price, the low end of a range
 * @param onDemand    on-demand price, the high end
 * @param verification {@code paper} (the paper's own list), {@code corroborated} (agrees with an independent
 *                     table) or {@code unverified} (no source found); see {@link CloudPriceCatalog#newest}
 * @param commit1y    the price with a 1-year commitment (committed use discount, reserved instance), where listed
 * @param commit3y    the price with a 3-year commitment, where listed
 */
public record CloudPrice(String catalog, String provider, String region, String instanceType, String accelerator,
                         int count, Optional<Money> spot, Money onDemand, String asOf, String source, String verification,
                         Optional<Money> commit1y, Optional<Money> commit3y) {
    /** The verification statuses a row may carry. */
    public static final java.util.Set<String> VERIFICATIONS = java.util.Set.of("paper", "corroborated", "unverified");

    public CloudPrice {
        if (!VERIFICATIONS.contains(verification))
            throw new IllegalArgumentException("cloud price " + catalog + " " + instanceType + ": verification '" + verification
                    + "' is not one of " + new java.util.TreeSet<>(VERIFICATIONS));
        java.util.Objects.requireNonNull(commit1y, "commit1y");
        java.util.Objects.requireNonNull(commit3y, "commit3y");
        for (Optional<Money> c : List.of(commit1y, commit3y))
            if (c.isPresent() && c.get().compareTo(onDemand) > 0)
                throw new IllegalArgumentException("cloud price " + catalog + " " + instanceType + ": a commitment price above on demand");
        if (commit1y.isPresent() && commit3y.isPresent() && commit3y.get().compareTo(commit1y.get()) > 0)
            throw new IllegalArgumentException("cloud price " + catalog + " " + instanceType + ": the 3-year commitment costs more than the 1-year");
    }

    /** A row without commitment prices. */
    public CloudPrice(String catalog, String provider, String region, String instanceType, String accelerator,
                      int count, Optional<Money> spot, Money onDemand, String asOf, String source, String verification) {
        this(catalog, provider, region, instanceType, accelerator, count, spot, onDemand, asOf, source, verification,
                Optional.empty(), Optional.empty());
    }

    /** Whether no source backs this row; such a row prices an accelerator only when no other list does. */
    public boolean unverified() { return verification.equals("unverified"); }

    public Money onDemandPerDeviceHour() { return onDemand.times(1.0 / count); }

    public Money spotPerDeviceHour() { return spot.orElse(onDemand).times(1.0 / count); }

    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof CloudPrice x && Objects.equals(catalog, x.catalog)
                && Objects.equals(provider, x.provider) && Objects.equals(region, x.region)
                && Objects.equals(instanceType, x.instanceType) && Objects.equals(accelerator, x.accelerator)
                && count == x.count && Objects.equals(spot, x.spot) && Objects.equals(onDemand, x.onDemand)
                && Objects.equals(asOf, x.asOf) && Objects.equals(source, x.source)
                && Objects.equals(verification, x.verification) && Objects.equals(commit1y, x.commit1y)
                && Objects.equals(commit3y, x.commit3y);
    }

    @Override public int hashCode() {
        int h = Objects.hashCode(catalog);
        h = 31 * h + Objects.hashCode(provider);
        h = 31 * h + Objects.hashCode(region);
        h = 31 * h + Objects.hashCode(instanceType);
        h = 31 * h + Objects.hashCode(accelerator);
        h = 31 * h + Integer.hashCode(count);
        h = 31 * h + Objects.hashCode(spot);
        h = 31 * h + Objects.hashCode(onDemand);
        h = 31 * h + Objects.hashCode(asOf);
        h = 31 * h + Objects.hashCode(source);
        h = 31 * h + Objects.hashCode(verification);
        h = 31 * h + Objects.hashCode(commit1y);
        return 31 * h + Objects.hashCode(commit3y);
    }
}
