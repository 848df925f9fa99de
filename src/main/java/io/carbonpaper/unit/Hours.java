package io.carbonpaper.unit;

import java.time.Duration;

/** A span of (wall-clock or device) time in hours; fractional hours allowed. */
public record Hours(double value) implements Comparable<Hours> {
    public static final Hours ZERO = new Hours(0);

    public Hours {
        if (Double.isNaN(value)) throw new IllegalArgumentException("hours is NaN");
    }

    public static Hours of(double hours) { return new Hours(hours); }
    public static Hours ofSeconds(double seconds) { return new Hours(seconds / 3600.0); }
    /** Any duration, to the nanosecond where it fits a double; never overflows (Duration.toNanos does beyond 292 years). */
    public static Hours of(Duration d) { return new Hours((d.getSeconds() + d.getNano() / 1e9) / 3600.0); }

    public double seconds() { return value * 3600.0; }
    public Hours plus(Hours other) { return new Hours(value + other.value); }
    public Hours times(double factor) { return new Hours(value * factor); }

    @Override public int compareTo(Hours o) { return Double.compare(value, o.value); }
    @Override public String toString() { return value + " h"; }
}
