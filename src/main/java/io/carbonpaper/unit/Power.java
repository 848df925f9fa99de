package io.carbonpaper.unit;

/** A rate of energy use, in watts. */
public record Power(double watts) implements Comparable<Power> {
    public static final Power ZERO = new Power(0);

    public Power {
        if (Double.isNaN(watts)) throw new IllegalArgumentException("power is NaN");
    }

    public static Power ofWatts(double watts) { return new Power(watts); }
    public static Power ofMilliwatts(double milliwatts) { return new Power(milliwatts / 1e3); }

    public Power plus(Power other) { return new Power(watts + other.watts); }
    public Power times(double factor) { return new Power(watts * factor); }

    /** Energy drawn at this power for the given duration. */
    public Energy over(Hours hours) { return Energy.ofJoules(watts * hours.seconds()); }

    @Override public int compareTo(Power o) { return Double.compare(watts, o.watts); }
    @Override public String toString() { return watts + " W"; }
}
