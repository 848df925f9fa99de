package io.carbonpaper.render.charts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Category keys and labels for charts. A name from the logs may be 60,000 characters long (a
 * chart's text layout is quadratic in it) and two experiments may share a display name (a chart
 * category may not): a label is cut to {@value #MAX} characters, and a key made unique with a
 * number, in time linear in the number of categories.
 */
final class Labels {
    /** Longest label drawn, in characters (code points), the ellipsis included. */
    static final int MAX = 60;

    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> next = new HashMap<>();

    /** {@code name} as drawn: at most {@value #MAX} code points, cut ones ending in an ellipsis. */
    static String shown(String name) {
        if (name.codePointCount(0, name.length()) <= MAX) return name;
        return name.substring(0, name.offsetByCodePoints(0, MAX - 1)) + "\u2026";
    }

    /** A key for {@code name} that no earlier call returned: the shown name, else it with {@code (2)}, {@code (3)}, ... */
    String unique(String name) {
        String base = shown(name);
        String key = base;
        int n = next.getOrDefault(base, 2);
        while (!used.add(key)) key = base + " (" + n++ + ")";
        next.put(base, n);
        return key;
    }
}
