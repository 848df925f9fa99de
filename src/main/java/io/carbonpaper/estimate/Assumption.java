package io.carbonpaper.estimate;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fallback the estimate had to make, named so that the report can print it as a footnote
 * (for example {@code tdp}: "power taken as the accelerators' TDP"). {@code sources} are ids
 * in the source catalog.
 *
 * @param affects the figures the fallback changes; the report marks the first of them in the
 *                chain hours, power, energy, CO2e, cost (empty for notes the report writes itself)
 * @param setting a conversion factor of the project (PUE, grid intensity) rather than evidence
 *                about one run: shared by every experiment, it may be noted once on a column
 */
public record Assumption(String id, String text, List<String> sources, Set<Affects> affects, boolean setting) {
    /**
     * The figures of an estimate, in the order each is computed from the one before; {@code HOURS},
     * the run time, comes first because power, a trace's energy and the cloud price are read per hour.
     */
    public enum Affects { HOURS, POWER, ENERGY, CO2E, COST }

    public Assumption {
        sources = List.copyOf(sources);
        affects = affects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(affects));
    }

    /** A note of the report's own, marking what its caller chooses. */
    public Assumption(String id, String text, List<String> sources) { this(id, text, sources, Set.of(), false); }

    public static Assumption of(String id, String text, String... sources) { return new Assumption(id, text, List.of(sources)); }

    /** An estimate's fallback about one run's evidence, changing {@code affects}. */
    public static Assumption about(Set<Affects> affects, String id, String text, String... sources) {
        return new Assumption(id, text, List.of(sources), affects, false);
    }

    /** A project setting's fallback (PUE, grid), changing {@code affects} alike in every experiment. */
    public static Assumption setting(Affects affects, String id, String text, String... sources) {
        return new Assumption(id, text, List.of(sources), Set.of(affects), true);
    }

    /** The first figure in the chain that this changes; empty when it names none. */
    public java.util.Optional<Affects> first() {
        for (Affects a : Affects.values()) if (affects.contains(a)) return java.util.Optional.of(a);
        return java.util.Optional.empty();
    }

    /** Whether this changes {@code a}. */
    public boolean changes(Affects a) { return affects.contains(a); }

    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof Assumption x && Objects.equals(id, x.id) && Objects.equals(text, x.text)
                && Objects.equals(sources, x.sources) && Objects.equals(affects, x.affects) && setting == x.setting;
    }

    @Override public int hashCode() {
        int h = Objects.hashCode(id);
        h = 31 * h + Objects.hashCode(text);
        h = 31 * h + Objects.hashCode(sources);
        h = 31 * h + Objects.hashCode(affects);
        return 31 * h + Boolean.hashCode(setting);
    }
}
