package io.carbonpaper.reference;

import io.carbonpaper.unit.Power;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One CPU model from the CPU catalog (catalog/cpus.csv).
 *
 * @param key     short, stable name ({@code Xeon-Gold-6148}, {@code EPYC-7763}, {@code Core-i7-7700K})
 * @param name    the vendor's product name
 * @param aliases other spellings, as /proc/cpuinfo, py-cpuinfo (CodeCarbon) and lscpu print them
 * @param vendor  {@code Intel}, {@code AMD}, {@code Ampere}, {@code AWS}, {@code NVIDIA}, {@code Apple}
 * @param family  product line and generation ({@code Xeon Scalable gen 2 (Cascade Lake)})
 * @param cores   physical cores per socket (performance + efficiency cores where a part has both)
 * @param threads hardware threads per socket
 * @param tdp     thermal design power (Intel: processor base power) per socket; empty where the maker
 *                publishes none (cloud-only custom parts, Graviton)
 * @param source  source id of the figures; {@code year} is that source's year
 */
public record CpuSpec(String key, String name, List<String> aliases, String vendor, String family, int cores, int threads,
                      Optional<Power> tdp, int launchYear, String source, int year, String note) {
    public CpuSpec {
        Objects.requireNonNull(key, "key");
        aliases = List.copyOf(aliases);
        if (cores < 1 || threads < cores) throw new IllegalArgumentException("cpu " + key + ": needs 1 <= cores <= threads");
    }

    /** TDP divided evenly over the physical cores, as Green Algorithms estimates CPU power. */
    public Optional<Power> tdpPerCore() {
        return tdp.map(t -> t.times(1.0 / cores));
    }

    /**
     * The TDP share of {@code coresUsed} cores (fractions allowed), at most the whole TDP: the
     * Green Algorithms estimate before its usage factor. Empty when the TDP is unpublished.
     */
    public Optional<Power> tdpShare(double coresUsed) {
        if (!(coresUsed >= 0)) throw new IllegalArgumentException("cores used must be >= 0, was " + coresUsed);
        return tdpPerCore().map(p -> p.times(Math.min(coresUsed, cores)));
    }
}
