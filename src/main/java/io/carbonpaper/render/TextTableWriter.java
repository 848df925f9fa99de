package io.carbonpaper.render;

import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Footnote;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays finished tables out for a terminal: a caption, columns padded to their widest cell
 * (numerals right-aligned), footnote marks in brackets, footnotes below. Or writes their CSV
 * form (the same as {@code tables/<id>.csv}, formula-guarded) to a stream.
 */
public final class TextTableWriter {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private TextTableWriter() {}

    public static void text(Table t, PrintWriter out) {
        List<Column> cols = t.columns();
        List<List<String>> lines = new ArrayList<>();
        List<String> head = new ArrayList<>();
        for (Column c : cols) head.add(c.header() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")") + marks(c.marks()));
        lines.add(head);
        List<Row> rows = new ArrayList<>(t.rows());
        t.total().ifPresent(rows::add);
        for (Row r : rows) {
            List<String> l = new ArrayList<>();
            for (Cell c : r.cells()) l.add(c.text() + marks(c.marks()));
            lines.add(l);
        }
        int[] width = new int[cols.size()];
        for (List<String> l : lines) for (int i = 0; i < l.size(); i++) width[i] = Math.max(width[i], l.get(i).length());
        out.println(t.label() + ": " + t.caption());
        for (int n = 0; n < lines.size(); n++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols.size(); i++) {
                String v = lines.get(n).get(i);
                String pad = " ".repeat(width[i] - v.length());
                if (i > 0) b.append("  ");
                b.append(cols.get(i).numeric() && n > 0 ? pad + v : v + pad);
            }
            out.println(b.toString().stripTrailing());
            if (n == 0) {
                int total = 0;
                for (int w : width) total += w;
                out.println("-".repeat(total + 2 * (cols.size() - 1)));
            }
        }
        for (Footnote f : t.footnotes()) out.println("[" + f.mark() + "] " + f.text());
        out.println();
    }

    public static void csv(Table t, PrintWriter out) throws IOException {
        CSVPrinter p = new CSVPrinter(out, FORMAT);
        p.printRecord(t.csvHeader());
        for (List<String> row : t.csvRows()) {
            List<String> safe = new ArrayList<>(row.size());
            for (String v : row) safe.add(CsvTableWriter.neutralise(v));
            p.printRecord(safe);
        }
        p.flush();
    }

    private static String marks(List<String> m) { return m.isEmpty() ? "" : "[" + String.join(",", m) + "]"; }
}
