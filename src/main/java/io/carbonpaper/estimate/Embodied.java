package io.carbonpaper.estimate;

import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;

import java.util.Optional;

/**
 * Manufacturing (embodied) emissions charged to a job: the device's embodied CO2e spread evenly
 * over every hour of its service life, times the job's accelerator-hours (the amortisation
 * Luccioni et al. 2022 used for BLOOM). Idle hours are not charged to anyone, so this is a lower
 * bound of the embodied share a project causes.
 */
public final class Embodied {
    /** Hours in a year of service (365 days; a service life is not precise to leap days). */
    public static final double HOURS_PER_YEAR = 365 * 24;

    private Embodied() {}

    /** The embodied CO2e of {@code acceleratorHours} on {@code spec}, or empty when the catalog has no published estimate. */
    public static Optional<Mass> of(AcceleratorSpec spec, Hours acceleratorHours) {
        if (spec.embodied().isEmpty() || spec.lifetimeYears().isEmpty()) return Optional.empty();
        return Optional.of(perAcceleratorHour(spec.embodied().get(), spec.lifetimeYears().get()).times(acceleratorHours.value()));
    }

    /** {@code embodied / (lifetimeYears x 8,760 h)}. */
    public static Mass perAcceleratorHour(Mass embodied, double lifetimeYears) {
        if (!(lifetimeYears > 0)) throw new IllegalArgumentException("lifetime must be > 0 years: " + lifetimeYears);
        return embodied.times(1 / (lifetimeYears * HOURS_PER_YEAR));
    }
}
