package io.carbonpaper.model;

import io.carbonpaper.unit.Energy;

import java.time.Duration;
import java.time.Instant;

/**
 * The energy one device used over the span its samples cover.
 *
 * @param device a stable device id within its trace ({@code 0}, a UUID, {@code package-0}, {@code dram})
 * @param kind   {@code gpu}, {@code cpu} or {@code dram}
 */
public record DeviceEnergy(String device, String kind, Energy energy, EnergyMethod method,
                           long samples, Instant first, Instant last) {
    public double seconds() { return Duration.between(first, last).toNanos() / 1e9; }
}
