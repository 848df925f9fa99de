package io.carbonpaper.report;

import java.util.List;
import java.util.Optional;

/**
 * A finished table, laid out as the paper would print it. Templates, LaTeX and Markdown writers
 * only lay it out; the CSV form ({@link #csvHeader()}, {@link #csvRows()}) carries unrounded
 * values under snake_case names with units, and may have columns the printed table leaves out.
 *
 * @param id      stable file name stem ({@code training-cost}); also the HTML anchor and LaTeX label
 * @param number  the table's number in the report ("Table 3")
 * @param caption the caption, printed above the table
 * @param total   an optional totals row, printed below a rule
 * @param footnotes the footnotes whose marks appear in this table, in mark order
 * @param csvMore  CSV rows after {@code csvRows} that are not held in memory: those of experiments
 *                 folded into the totals as they were read (issue 20), read back when the CSV is written
 */
public record Table(String id, int number, String caption, List<Column> columns, List<Row> rows, Optional<Row> total,
                    List<Footnote> footnotes, List<String> csvHeader, List<List<String>> csvRows, Optional<CsvRows> csvMore) {
    /** CSV rows kept elsewhere (a spill file), handed over one by one, in order, each time they are asked for. */
    public interface CsvRows {
        void forEach(RowConsumer each) throws java.io.IOException;

        @FunctionalInterface
        interface RowConsumer {
            void accept(List<String> row) throws java.io.IOException;
        }
    }

    public Table(String id, int number, String caption, List<Column> columns, List<Row> rows, Optional<Row> total,
                 List<Footnote> footnotes, List<String> csvHeader, List<List<String>> csvRows) {
        this(id, number, caption, columns, rows, total, footnotes, csvHeader, csvRows, Optional.empty());
    }

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        footnotes = List.copyOf(footnotes);
        csvHeader = List.copyOf(csvHeader);
        csvRows = csvRows.stream().map(List::copyOf).toList();
        for (Row r : rows) {
            if (r.cells().size() != columns.size())
                throw new IllegalArgumentException("table " + id + ": row of " + r.cells().size() + " cells for " + columns.size() + " columns");
        }
        for (List<String> r : csvRows) {
            if (r.size() != csvHeader.size())
                throw new IllegalArgumentException("table " + id + ": CSV row of " + r.size() + " values for " + csvHeader.size() + " columns");
        }
    }

    /** "Table 3". */
    public String label() { return "Table " + number; }
}
