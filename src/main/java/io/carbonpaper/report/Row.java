package io.carbonpaper.report;

import java.util.List;

/**
 * A table row. {@code link} is the page of the experiment the row stands for, relative to the
 * site root, or empty.
 */
public record Row(List<Cell> cells, String link) {
    public Row {
        cells = List.copyOf(cells);
    }

    public static Row of(List<Cell> cells) { return new Row(cells, ""); }
}
