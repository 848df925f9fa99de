package io.carbonpaper.reference;

import java.util.Objects;
import java.util.Set;

/**
 * A published power usage effectiveness figure (total facility energy / IT energy).
 *
 * @param scope what the figure averages over: {@code survey} (an industry survey's average),
 *              {@code fleet} (one operator's whole fleet) or {@code best-site} (an operator's newest or
 *              best sites, or a design target); a best-site figure never bounds a range, since no
 *              fleet runs at it
 */
public record PueFigure(String key, String name, double value, int year, String source, String scope) {
    public static final Set<String> SCOPES = Set.of("survey", "fleet", "best-site");

    public PueFigure {
        Objects.requireNonNull(scope, "scope");
        if (!SCOPES.contains(scope))
            throw new IllegalArgumentException("PUE " + key + ": scope '" + scope + "' is not one of survey, fleet, best-site");
    }

    /** Whether this figure is a survey or fleet average (not a best-site or design figure). */
    public boolean isAverage() { return !scope.equals("best-site"); }
}
