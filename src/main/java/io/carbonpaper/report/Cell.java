package io.carbonpaper.report;

import java.util.List;

/**
 * One finished table cell: the text shown (rounded, with thousands separators), the raw value
 * for machine-readable outputs (unrounded; empty when unknown), and footnote marks.
 */
public record Cell(String text, String raw, List<String> marks) {
    public Cell {
        marks = List.copyOf(marks);
    }

    public static Cell of(String text) { return new Cell(text, text, List.of()); }

    public static Cell of(String text, String raw) { return new Cell(text, raw, List.of()); }

    /**
     * A name from the logs: shown capped at {@value io.carbonpaper.model.LogText#SHOWN} characters
     * (its start and end), kept whole in {@link #raw}.
     */
    public static Cell name(String name) { return new Cell(io.carbonpaper.model.LogText.shown(name), name, List.of()); }

    /** An unknown value: a dash in print, empty in CSV, as the paper's TPU rows. */
    public static Cell unknown() { return new Cell("\u2013", "", List.of()); }

    public Cell withMarks(List<String> more) {
        if (more.isEmpty()) return this;
        java.util.List<String> m = new java.util.ArrayList<>(marks);
        for (String s : more) if (!m.contains(s)) m.add(s);
        return new Cell(text, raw, m);
    }
}
