package io.carbonpaper.estimate;

import java.util.List;

/**
 * A fallback the estimate had to make, named so that the report can print it as a footnote
 * (for example {@code tdp}: "power taken as the accelerators' TDP"). {@code sources} are ids
 * in the source catalog.
 */
public record Assumption(String id, String text, List<String> sources) {
    public Assumption {
        sources = List.copyOf(sources);
    }

    public static Assumption of(String id, String text, String... sources) { return new Assumption(id, text, List.of(sources)); }
}
