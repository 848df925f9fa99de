package io.carbonpaper.unit;

/**
 * An amount of energy. Stored in joules; constructed and read in the unit the caller means.
 * Never negative-checked here: a difference of two counters may legitimately be negative
 * before the caller decides it was a reset.
 */
public record Energy(double joules) implements Comparable<Energy> {
    public static final Energy ZERO = new Energy(0);
    private static final double JOULES_PER_KWH = 3.6e6;

    public Energy {
        if (Double.isNaN(joules)) throw new IllegalArgumentException("energy is NaN");
    }

    public static Energy ofJoules(double joules) { return new Energy(joules); }
    public static Energy ofMillijoules(double millijoules) { return new Energy(millijoules / 1e3); }
    public static Energy ofMicrojoules(double microjoules) { return new Energy(microjoules / 1e6); }
    public static Energy ofKilowattHours(double kwh) { return new Energy(kwh * JOULES_PER_KWH); }

    public double kilowattHours() { return joules / JOULES_PER_KWH; }

    public Energy plus(Energy other) { return new Energy(joules + other.joules); }
    public Energy minus(Energy other) { return new Energy(joules - other.joules); }
    public Energy times(double factor) { return new Energy(joules * factor); }

    /** Average power if this energy was spent over {@code hours}. */
    public Power averageOver(Hours hours) {
        if (hours.value() <= 0) throw new IllegalArgumentException("duration must be positive: " + hours);
        return Power.ofWatts(joules / hours.seconds());
    }

    @Override public int compareTo(Energy o) { return Double.compare(joules, o.joules); }
    @Override public String toString() { return kilowattHours() + " kWh"; }
}
