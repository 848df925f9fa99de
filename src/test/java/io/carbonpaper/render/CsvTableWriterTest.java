package io.carbonpaper.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTableWriterTest {
    @Test void neutralisesSpreadsheetFormulas() {
        assertThat(CsvTableWriter.neutralise("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvTableWriter.neutralise("+cmd")).isEqualTo("'+cmd");
        assertThat(CsvTableWriter.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvTableWriter.neutralise("-2+3")).isEqualTo("'-2+3");
    }

    @Test void leavesNumbersAndPlainTextAlone() {
        assertThat(CsvTableWriter.neutralise("-12.5")).isEqualTo("-12.5");
        assertThat(CsvTableWriter.neutralise("BERT (base)")).isEqualTo("BERT (base)");
        assertThat(CsvTableWriter.neutralise("")).isEmpty();
    }

    @Test void neutralisesFormulasBehindSpacesAndInFullWidthForms() {
        // Issue 16 item 11: a leading space or a full-width sign slipped past the guard.
        assertThat(CsvTableWriter.neutralise(" =HYPERLINK(\"http://x\")")).isEqualTo("' =HYPERLINK(\"http://x\")");
        assertThat(CsvTableWriter.neutralise("\u00a0\u3000@SUM(A1)")).isEqualTo("'\u00a0\u3000@SUM(A1)");
        assertThat(CsvTableWriter.neutralise("\uFF1DHYPERLINK(1)")).isEqualTo("'\uFF1DHYPERLINK(1)");
        assertThat(CsvTableWriter.neutralise("\uFF0Bcmd")).isEqualTo("'\uFF0Bcmd");
        assertThat(CsvTableWriter.neutralise("\uFF0D2+3")).isEqualTo("'\uFF0D2+3");
        assertThat(CsvTableWriter.neutralise("\uFF20SUM(A1)")).isEqualTo("'\uFF20SUM(A1)");
        assertThat(CsvTableWriter.neutralise(" -12.5")).isEqualTo(" -12.5");
        assertThat(CsvTableWriter.neutralise("  BERT")).isEqualTo("  BERT");
        assertThat(CsvTableWriter.neutralise("   ")).isEqualTo("   ");
    }
}
