package io.carbonpaper.reference;

import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One accelerator or CPU model from the hardware catalog.
 *
 * @param key     short, stable name used in tables ({@code P100}, {@code V100-SXM2}, {@code TPUv2})
 * @param aliases other spellings, as NVML, nvidia-smi and papers write them (matched case-insensitively)
 * @param kind    {@code gpu}, {@code tpu}, {@code npu} (Gaudi, Trainium, Inferentia), {@code soc} (Apple M, Jetson, GB10:
 *                power covers the whole package) or {@code cpu}
 * @param tdp     board power (TDP/TBP) where published; empty for devices without public power figures
 * @param priceFamily the key under which cloud price catalogs price this device ({@code V100} for both V100 forms)
 * @param source  the source of the power and memory figures
 * @param priceSource the source of {@code purchasePrice}; empty when there is no price
 * @param embodied manufacturing (embodied) emissions of one device, where a published estimate exists
 * @param embodiedSource the source of {@code embodied}; empty when there is none
 * @param lifetimeYears the service life the embodied estimate assumes, for amortising it per hour
 * @param vendor  the maker ({@code NVIDIA}, {@code AMD}, {@code Intel}, {@code Apple}, {@code Google}, {@code AWS})
 * @param family  architecture or product family ({@code Ampere}, {@code Ada Lovelace (laptop)}, {@code CDNA 3})
 */
public record AcceleratorSpec(String key, String name, List<String> aliases, String kind, Optional<Power> tdp,
                              Optional<Double> memoryGb, int launchYear, Optional<Money> purchasePrice,
                              String priceFamily, String source, int year, String note,
                              Optional<String> priceSource, Optional<Mass> embodied, Optional<String> embodiedSource,
                              Optional<Double> lifetimeYears, String vendor, String family) {
    public AcceleratorSpec {
        Objects.requireNonNull(key, "key");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(family, "family");
        if (purchasePrice.isPresent() && priceSource.isEmpty())
            throw new IllegalArgumentException("accelerator " + key + ": a purchase price needs a price_source");
        if (embodied.isPresent() && embodiedSource.isEmpty())
            throw new IllegalArgumentException("accelerator " + key + ": embodied emissions need an embodied_source");
    }

}
