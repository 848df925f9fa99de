package io.carbonpaper.render;

import io.carbonpaper.model.LogText;

import io.carbonpaper.report.Table;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a table's CSV form to {@code tables/<id>.csv}: RFC 4180, LF line ends, unrounded values.
 * A text cell that a spreadsheet would take for a formula ({@code = + - @}, tab, CR) is prefixed
 * with a single quote, so a hostile experiment name cannot run in a co-author's spreadsheet;
 * numbers are written as they are.
 */
public final class CsvTableWriter {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private CsvTableWriter() {}

    public static void write(Table table, SiteWriter site) throws IOException {
        try (Writer w = new OutputStreamWriter(site.write("tables/" + table.id() + ".csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, FORMAT)) {
            p.printRecord(table.csvHeader().stream().map(LogText::clean).toList());
            for (List<String> row : table.csvRows()) print(p, row);
            if (table.csvMore().isPresent()) table.csvMore().get().forEach(row -> print(p, row));
        }
    }

    private static void print(CSVPrinter p, List<String> row) throws IOException {
        List<String> safe = new ArrayList<>(row.size());
        for (String v : row) safe.add(neutralise(LogText.clean(v))); // the whole name, its control characters shown
        p.printRecord(safe);
    }

    /**
     * Spreadsheet formula injection guard (OWASP "CSV injection"): a cell whose first character, after
     * any leading spaces (which spreadsheets skip), is {@code = + - @}, their full-width forms
     * {@code ＝ ＋ － ＠} (which some spreadsheets read as the ASCII ones), a tab or a carriage return
     * gets a leading {@code '}, unless it is a plain number.
     */
    static String neutralise(String v) {
        if (v.isEmpty()) return v;
        int i = 0;
        while (i < v.length() && v.charAt(i) != '\t' && v.charAt(i) != '\r' && (Character.isWhitespace(v.charAt(i)) || Character.isSpaceChar(v.charAt(i)))) i++;
        if (i == v.length()) return v;
        char c = v.charAt(i);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
                || c == '\uFF1D' || c == '\uFF0B' || c == '\uFF0D' || c == '\uFF20') {
            if (isNumber(v)) return v;
            return "'" + v;
        }
        return v;
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return !v.contains("Infinity") && !v.contains("NaN");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
