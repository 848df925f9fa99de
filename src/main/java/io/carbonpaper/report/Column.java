package io.carbonpaper.report;

import java.util.List;

/**
 * A table column.
 *
 * @param header  the heading as printed ("CO2e")
 * @param unit    the unit, printed with the heading ("lbs"); empty for none
 * @param csvName the snake_case CSV column name carrying its unit ({@code co2e_lbs})
 * @param numeric numerals are right-aligned
 * @param marks   footnote marks on the heading (a constant that applies to the whole column)
 */
public record Column(String header, String unit, String csvName, boolean numeric, List<String> marks) {
    public Column {
        marks = List.copyOf(marks);
    }

    public static Column text(String header, String csvName) { return new Column(header, "", csvName, false, List.of()); }

    public static Column number(String header, String unit, String csvName) { return new Column(header, unit, csvName, true, List.of()); }

    public Column withMarks(List<String> m) { return new Column(header, unit, csvName, numeric, m); }
}
