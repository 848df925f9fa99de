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
}
