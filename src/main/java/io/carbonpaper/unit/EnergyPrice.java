package io.carbonpaper.unit;

import java.util.Objects;

/** A price of electricity per kWh in one currency. */
public record EnergyPrice(double perKilowattHour, String currency) {
    public EnergyPrice {
        Objects.requireNonNull(currency, "currency");
        if (Double.isNaN(perKilowattHour) || perKilowattHour < 0)
            throw new IllegalArgumentException("electricity price must be >= 0: " + perKilowattHour);
    }

    public Money costOf(Energy energy) { return Money.of(perKilowattHour * energy.kilowattHours(), currency); }
}
