package io.carbonpaper.render;

import java.util.List;

/**
 * What the print view ({@code print.ftlh}) needs besides the report: the paper, the tables' font
 * and each table's layout.
 *
 * @param paper       the paper size
 * @param tableFamily CSS font-family of the tables
 * @param tables      the report's index tables, in order, as printed
 */
public record PrintView(PaperSize paper, String tableFamily, List<PrintTable> tables) {
    public PrintView {
        tables = List.copyOf(tables);
    }

    /** Whether the first table is set on its side (the tables' heading goes on its page). */
    public boolean firstLandscape() { return !tables.isEmpty() && tables.get(0).landscape(); }
}
