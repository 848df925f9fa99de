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
 */
public record CloudPrice(String catalog, String provider, String region, String instanceType, String accelerator,
                         int count, Optional<Money> spot, Money onDemand, String asOf, String source) {
    public Money onDemandPerDeviceHour() { return onDemand.times(1.0 / count); }

    public Money spotPerDeviceHour() { return spot.orElse(onDemand).times(1.0 / count); }
}
