package io.carbonpaper.render;

import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Footnote;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Terminal and CSV layout of a finished table. */
class TextTableWriterTest {
    private static final Table T = new Table("demo", 4, "A caption.",
            List.of(Column.text("Model", "model"), Column.number("CO2e", "kg", "co2e_kg").withMarks(List.of("a"))),
            List.of(Row.of(List.of(Cell.of("=cmd()"), Cell.of("192 (150\u2013240)", "192"))),
                    Row.of(List.of(Cell.of("b"), Cell.of("7", "7").withMarks(List.of("b"))))),
            Optional.empty(), List.of(new Footnote("a", "Grid note.", List.of()), new Footnote("b", "Row note.", List.of())),
            List.of("model", "co2e_kg"), List.of(List.of("=cmd()", "192"), List.of("b", "-7")));

    @Test void padsColumnsRightAlignsNumeralsAndListsFootnotes() {
        StringWriter w = new StringWriter();
        TextTableWriter.text(T, new PrintWriter(w));
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Table 4: A caption.");
        assertThat(lines.get(1)).isEqualTo("Model   CO2e (kg)[a]");
        assertThat(lines.get(3)).isEqualTo("=cmd()  192 (150\u2013240)");
        assertThat(lines.get(4)).isEqualTo("b                7[b]");
        assertThat(lines).contains("[a] Grid note.", "[b] Row note.");
    }

    @Test void csvGuardsFormulasButKeepsNegativeNumbers() throws IOException {
        StringWriter w = new StringWriter();
        TextTableWriter.csv(T, new PrintWriter(w));
        assertThat(w.toString()).isEqualTo("model,co2e_kg\n'=cmd(),192\nb,-7\n");
    }
}
