package io.carbonpaper.unit;

import java.util.Objects;
import java.util.function.Function;

/**
 * A central value with the low and high ends of its plausible spread. A range with
 * {@code low == central == high} is a point value.
 */
public record Range<T extends Comparable<T>>(T low, T central, T high) {
    public Range {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(central, "central");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(high) > 0) throw new IllegalArgumentException("low " + low + " > high " + high);
    }

    public static <T extends Comparable<T>> Range<T> of(T value) { return new Range<>(value, value, value); }

    public static <T extends Comparable<T>> Range<T> between(T low, T high) { return new Range<>(low, low, high); }

    public <R extends Comparable<R>> Range<R> map(Function<T, R> f) {
        R a = f.apply(low), b = f.apply(central), c = f.apply(high);
        // A decreasing function swaps the ends.
        return a.compareTo(c) <= 0 ? new Range<>(a, b, c) : new Range<>(c, b, a);
    }

    public boolean isPoint() { return low.compareTo(high) == 0; }

    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof Range<?> r && low.equals(r.low) && central.equals(r.central) && high.equals(r.high);
    }

    @Override public int hashCode() { return (31 * low.hashCode() + central.hashCode()) * 31 + high.hashCode(); }
}
