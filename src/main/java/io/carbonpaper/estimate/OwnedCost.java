package io.carbonpaper.estimate;

import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Money;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The cost of running accelerator-hours on owned servers, and the utilisation at which owning
 * breaks even with renting. Per accelerator:
 * <pre>
 *   fixed      = purchase / accelerators + hosting over the lifetime / accelerators
 *   owned/hour = fixed / (lifetime hours x utilisation) + electricity/hour
 *   break-even = fixed / (lifetime hours x (cloud/hour - electricity/hour))
 * </pre>
 * A break-even above 1 means owning never pays at that cloud price; a cloud price at or below the
 * electricity alone means it never can (empty). Pure arithmetic on its arguments.
 *
 * @param purchasePerAccelerator the purchase price of one accelerator's share of a server
 * @param hostingPerAcceleratorYear hosting overhead per accelerator and year
 * @param lifetimeYears          the write-off period
 * @param electricityPerHour     electricity per used accelerator-hour (energy with PUE times the price)
 */
public record OwnedCost(Money purchasePerAccelerator, Money hostingPerAcceleratorYear, double lifetimeYears,
                        Money electricityPerHour) {
    public OwnedCost {
        Objects.requireNonNull(purchasePerAccelerator, "purchasePerAccelerator");
        Objects.requireNonNull(hostingPerAcceleratorYear, "hostingPerAcceleratorYear");
        Objects.requireNonNull(electricityPerHour, "electricityPerHour");
        if (!(lifetimeYears > 0)) throw new IllegalArgumentException("lifetime must be > 0 years: " + lifetimeYears);
        if (purchasePerAccelerator.amount() < 0 || hostingPerAcceleratorYear.amount() < 0 || electricityPerHour.amount() < 0)
            throw new IllegalArgumentException("costs must be >= 0");
    }

    /** Purchase plus hosting over the whole lifetime, per accelerator. */
    public Money fixedPerAccelerator() { return purchasePerAccelerator.plus(hostingPerAcceleratorYear.times(lifetimeYears)); }

    public Hours lifetimeHours() { return Hours.of(lifetimeYears * Embodied.HOURS_PER_YEAR); }

    /** The fixed cost charged to each used accelerator-hour at {@code utilisation} (0 to 1], plus electricity. */
    public Money perUsedHour(double utilisation) {
        if (!(utilisation > 0 && utilisation <= 1)) throw new IllegalArgumentException("utilisation must be in (0, 1]: " + utilisation);
        return fixedPerAccelerator().times(1 / (lifetimeHours().value() * utilisation)).plus(electricityPerHour);
    }

    /** The cost of {@code used} accelerator-hours at {@code utilisation}. */
    public Money costOf(Hours used, double utilisation) { return perUsedHour(utilisation).times(used.value()); }

    /** Only the write-off and hosting part of {@link #costOf}. */
    public Money fixedShareOf(Hours used, double utilisation) {
        return fixedPerAccelerator().times(used.value() / (lifetimeHours().value() * utilisation));
    }

    /**
     * The utilisation at which an owned accelerator-hour costs as much as a rented one at
     * {@code cloudPerHour}; empty when the cloud price does not even cover the electricity.
     * May exceed 1 (owning cannot break even).
     */
    public OptionalDouble breakEven(Money cloudPerHour) {
        double margin = cloudPerHour.amount() - electricityPerHour.amount();
        if (margin <= 0) return OptionalDouble.empty();
        return OptionalDouble.of(fixedPerAccelerator().amount() / (lifetimeHours().value() * margin));
    }

    /** The share of {@code capacity} accelerators' hours over {@code period} that {@code used} accelerator-hours fill, at most 1. */
    public static double utilisation(Hours used, int capacity, Hours period) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        if (!(period.value() > 0)) throw new IllegalArgumentException("period must be > 0 hours");
        return Math.min(1.0, used.value() / (capacity * period.value()));
    }
}
