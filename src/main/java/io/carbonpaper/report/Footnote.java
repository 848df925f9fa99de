package io.carbonpaper.report;

import java.util.List;

/** A footnote: its mark ("a"), its text, and the references it cites (source ids). */
public record Footnote(String mark, String text, List<String> references) {
    public Footnote {
        references = List.copyOf(references);
    }

    /** The {@code i}-th mark, from 0: a, b, ..., z, aa, ab, ... (the report's, and each LaTeX table's own). */
    public static String markAt(int i) {
        StringBuilder s = new StringBuilder();
        int n = i;
        do {
            s.insert(0, (char) ('a' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return s.toString();
    }
}
