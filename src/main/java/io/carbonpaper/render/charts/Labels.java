package io.carbonpaper.render.charts;

import java.util.List;

/** Category keys for charts: two experiments may share a display name, a chart category may not. */
final class Labels {
    private Labels() {}

    @SuppressWarnings("rawtypes")
    static String unique(List existing, String name) {
        String key = name;
        for (int n = 2; existing.contains(key); n++) key = name + " (" + n + ")";
        return key;
    }
}
