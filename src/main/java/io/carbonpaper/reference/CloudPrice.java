package io.carbonpaper.reference;

import io.carbonpaper.unit.Money;

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
 */
public record CloudPrice(String catalog, String provider, String region, String instanceType, String accelerator,
                         int count, Optional<Money> spot, Money onDemand, String asOf, String source, String verification) {
    /** The verification statuses a row may carry. */
    public static final java.util.Set<String> VERIFICATIONS = java.util.Set.of("paper", "corroborated", "unverified");

    public CloudPrice {
        if (!VERIFICATIONS.contains(verification))
            throw new IllegalArgumentException("cloud price " + catalog + " " + instanceType + ": verification '" + verification
                    + "' is not one of " + new java.util.TreeSet<>(VERIFICATIONS));
    }

    /** Whether no source backs this row; such a row prices an accelerator only when no other list does. */
    public boolean unverified() { return verification.equals("unverified"); }

    public Money onDemandPerDeviceHour() { return onDemand.times(1.0 / count); }

    public Money spotPerDeviceHour() { return spot.orElse(onDemand).times(1.0 / count); }
}
