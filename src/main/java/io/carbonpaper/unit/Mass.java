package io.carbonpaper.unit;

/** A mass of CO2-equivalent emissions. Stored in kilograms. */
public record Mass(double kilograms) implements Comparable<Mass> {
    public static final Mass ZERO = new Mass(0);
    /** Exact by definition of the international avoirdupois pound (1959). */
    public static final double KILOGRAMS_PER_POUND = 0.45359237;

    public Mass {
        if (Double.isNaN(kilograms)) throw new IllegalArgumentException("mass is NaN");
    }

    public static Mass ofKilograms(double kg) { return new Mass(kg); }
    public static Mass ofGrams(double g) { return new Mass(g / 1e3); }
    public static Mass ofPounds(double lbs) { return new Mass(lbs * KILOGRAMS_PER_POUND); }
    public static Mass ofTonnes(double t) { return new Mass(t * 1e3); }

    public double pounds() { return kilograms / KILOGRAMS_PER_POUND; }
    public double grams() { return kilograms * 1e3; }
    public double tonnes() { return kilograms / 1e3; }
    public double in(MassUnit unit) { return unit == MassUnit.LBS ? pounds() : kilograms; }

    public Mass plus(Mass other) { return new Mass(kilograms + other.kilograms); }
    public Mass times(double factor) { return new Mass(kilograms * factor); }

    @Override public int compareTo(Mass o) { return Double.compare(kilograms, o.kilograms); }
    @Override public String toString() { return kilograms + " kg"; }
}
