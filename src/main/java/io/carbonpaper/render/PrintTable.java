package io.carbonpaper.render;

import io.carbonpaper.report.Table;

import java.util.List;

/**
 * One table as report.pdf sets it, worked out by {@link PrintLayout}: the page it goes on, its font
 * size and each column's width, every one at least as wide as the column's longest word so that
 * no word is broken.
 *
 * @param table        the table as printed (a large one summarised: see {@link PrintLayout})
 * @param landscape    set on a page turned on its side
 * @param fontSize     CSS font size of the table ({@code 8pt})
 * @param width        CSS width of the table, the sum of its columns
 * @param columnWidths CSS width of each column
 * @param breakWords   a word too long for any column (a name without a break point) may be broken
 * @param summarised   the table's last row says how many rows are left out (it spans the table)
 * @param newPage      the table starts on a new page (a tall one, rather than leave its caption at the foot of a page)
 */
public record PrintTable(Table table, boolean landscape, String fontSize, String width, List<String> columnWidths, boolean breakWords,
                         boolean summarised, boolean newPage) {
    public PrintTable {
        columnWidths = List.copyOf(columnWidths);
        if (columnWidths.size() != table.columns().size())
            throw new IllegalArgumentException("table " + table.id() + ": " + columnWidths.size() + " widths for " + table.columns().size() + " columns");
    }

    /** The same table starting on a new page ({@link #newPage}). */
    PrintTable onNewPage() { return new PrintTable(table, landscape, fontSize, width, columnWidths, breakWords, summarised, true); }
}
