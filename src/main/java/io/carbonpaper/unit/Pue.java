package io.carbonpaper.unit;

/**
 * A data centre's power usage effectiveness: facility energy over IT energy. The one place that
 * bounds it: below 1 is impossible, and above 3 no published figure goes (the catalog's highest
 * is well under), so a larger value is a typo for something else.
 */
public record Pue(double value) {
    /** The smallest PUE there is: every joule reaches the IT equipment. */
    public static final double MIN = 1.0;
    /** The largest PUE accepted in a setting. */
    public static final double MAX = 3.0;

    public Pue {
        if (!(value >= MIN && value <= MAX)) throw new IllegalArgumentException("PUE must be between 1 and 3, found " + value);
    }

    public static Pue of(double value) { return new Pue(value); }

    /** As {@link #of}, with {@code what} (an option, a key) naming the value in the error. */
    public static Pue of(double value, String what) {
        if (!(value >= MIN && value <= MAX)) throw new IllegalArgumentException(what + " must be between 1 and 3, found " + value);
        return new Pue(value);
    }

    /** {@code e} at the facility: IT energy times this PUE. */
    public Energy applyTo(Energy e) { return e.times(value); }

    @Override public String toString() { return Double.toString(value); }
}
