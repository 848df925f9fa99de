package io.carbonpaper.render;

import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizing report.pdf's tables; with the standard fonts' estimated widths, so that no installed font changes the result. */
class PrintLayoutTest {
    private static final PrintLayout A4 = new PrintLayout(PaperSize.A4, PrintFonts.none());

    private static Table table(int columns, String cell) {
        List<Column> cols = new ArrayList<>();
        cols.add(Column.text("Model", "model"));
        for (int i = 1; i < columns; i++) cols.add(Column.number("Energy " + i, "kWh", "energy_" + i));
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.of("BERT (base)"));
        for (int i = 1; i < columns; i++) cells.add(Cell.of(cell));
        return new Table("t", 1, "A table.", cols, List.of(Row.of(cells)), Optional.empty(), List.of(), List.of(), List.of());
    }

    private static double pt(String css) { return Double.parseDouble(css.replace("pt", "")); }

    @Test void cutsWhereOpenhtmltopdfBreaksLines() {
        assertThat(PrintLayout.segments("Summer fine-tuning (hourly grid)")).containsExactly("Summer", "fine-", "tuning", "(hourly", "grid)");
        assertThat(PrintLayout.segments("Hardware")).containsExactly("Hardware");
        assertThat(PrintLayout.segments("")).isEmpty();
    }

    @Test void aNarrowTableStaysUprightAtItsComfortableWidths() {
        PrintTable t = A4.layout(table(3, "1,507 (1,030\u20132,116)"));
        assertThat(t.landscape()).isFalse();
        assertThat(t.fontSize()).isEqualTo("8.0pt");
        assertThat(t.breakWords()).isFalse();
        // The range is not wrapped: its column is as wide as the whole figure.
        double whole = LatexLayout.width("1,507 (1,030\u20132,116)") * 8 * PrintLayout.SLACK + PrintLayout.PADDING_PT;
        assertThat(pt(t.columnWidths().get(1))).isGreaterThanOrEqualTo(whole - 0.1);
        assertThat(pt(t.width())).isLessThanOrEqualTo(PaperSize.A4.portraitTextPt());
    }

    @Test void aWideTableGoesOnALandscapePageAndShrinksOnlyToItsLongestWord() {
        PrintTable t = A4.layout(table(14, "656,347 (448,642\u2013915,561)"));
        assertThat(t.landscape()).isTrue();
        assertThat(t.breakWords()).isFalse();
        assertThat(pt(t.width())).isLessThanOrEqualTo(PaperSize.A4.landscapeTextPt());
        double size = pt(t.fontSize());
        double word = LatexLayout.width("(448,642\u2013") * size * PrintLayout.SLACK + PrintLayout.PADDING_PT;
        for (String w : t.columnWidths().subList(1, 14)) assertThat(pt(w)).isGreaterThanOrEqualTo(word - 0.1);
    }

    @Test void onlyAWordLongerThanAnyPageMayBeBroken() {
        PrintTable t = A4.layout(table(12, "x".repeat(120)));
        assertThat(t.breakWords()).isTrue();
        assertThat(t.fontSize()).isEqualTo("6.0pt");
        assertThat(pt(t.width())).isLessThanOrEqualTo(PaperSize.A4.landscapeTextPt());
    }

    @Test void aTableOfManyRowsKeepsItsLargestByEnergyAndSaysHowManyMoreAndWhere() {
        List<Column> cols = List.of(Column.text("Model", "experiment"), Column.number("kWh\u00b7PUE", "kWh", "kwh_pue"));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Cell energy = Cell.of(String.valueOf(i), String.valueOf(i));
            // Only the smallest row carries footnote b; a and c are on rows that stay.
            rows.add(Row.of(List.of(Cell.of("run-" + i), i == 0 ? energy.withMarks(List.of("b")) : i == 59 ? energy.withMarks(List.of("a")) : energy)));
        }
        Row total = Row.of(List.of(Cell.of("Total"), Cell.of("1770").withMarks(List.of("c"))));
        List<io.carbonpaper.report.Footnote> notes = List.of(new io.carbonpaper.report.Footnote("a", "A.", List.of()),
                new io.carbonpaper.report.Footnote("b", "B.", List.of()), new io.carbonpaper.report.Footnote("c", "C.", List.of()));
        Table t = new Table("training-cost", 1, "Runs.", cols, rows, Optional.of(total), notes, List.of(), List.of());
        Table s = PrintLayout.summary(t);
        assertThat(s.rows()).hasSize(PrintLayout.KEPT_ROWS + 1);
        assertThat(s.rows().get(0).cells().get(0).text()).isEqualTo("run-59");
        assertThat(s.rows().get(PrintLayout.KEPT_ROWS - 1).cells().get(0).text()).isEqualTo("run-35");
        assertThat(s.rows().get(PrintLayout.KEPT_ROWS).cells().get(0).text())
                .isEqualTo("35 more, each with less kWh\u00b7PUE (all 60 in tables/training-cost.csv)");
        assertThat(s.total()).isEqualTo(t.total());
        assertThat(s.footnotes()).extracting(io.carbonpaper.report.Footnote::mark).containsExactly("a", "c");
        // A table of up to 40 rows is printed whole.
        Table small = table(3, "1");
        assertThat(PrintLayout.summary(small)).isSameAs(small);
    }

    @Test void letterIsWiderAndShorterThanA4() {
        assertThat(PaperSize.LETTER.portraitTextPt()).isGreaterThan(PaperSize.A4.portraitTextPt());
        assertThat(PaperSize.LETTER.landscapeTextPt()).isLessThan(PaperSize.A4.landscapeTextPt());
        assertThat(PaperSize.parse("Letter")).contains(PaperSize.LETTER);
        assertThat(PaperSize.parse("a5")).isEmpty();
    }
}
