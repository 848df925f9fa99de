package io.carbonpaper.model;

import java.time.Instant;

/** A stretch of a device's trace without samples, longer than the gap threshold; never bridged silently. */
public record Gap(String device, Instant from, Instant to) {
    public double seconds() { return java.time.Duration.between(from, to).toNanos() / 1e9; }
}
