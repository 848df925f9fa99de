package io.carbonpaper.model;

import io.carbonpaper.unit.Energy;

import java.time.Duration;
import java.time.Instant;

/**
 * The energy one device used over the span its samples cover.
 *
 * @param device          a stable device id within its trace ({@code 0}, a UUID, {@code package-0}, {@code dram})
 * @param kind            {@code gpu}, {@code cpu} or {@code dram}
 * @param uncoveredSeconds the time inside the span that {@code energy} leaves out: gaps in the samples that
 *                        were not bridged (0 when every interval was integrated, or for a counter)
 */
public record DeviceEnergy(String device, String kind, Energy energy, EnergyMethod method,
                           long samples, Instant first, Instant last, double uncoveredSeconds) {
    public DeviceEnergy {
        if (!(uncoveredSeconds >= 0)) throw new IllegalArgumentException("uncovered seconds must be 0 or more: " + uncoveredSeconds);
    }

    /** A device whose energy covers its whole span. */
    public DeviceEnergy(String device, String kind, Energy energy, EnergyMethod method, long samples, Instant first, Instant last) {
        this(device, kind, energy, method, samples, first, last, 0);
    }

    public double seconds() { return Duration.between(first, last).toNanos() / 1e9; }
}
