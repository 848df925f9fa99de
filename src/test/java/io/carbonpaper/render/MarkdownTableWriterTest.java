package io.carbonpaper.render;

import io.carbonpaper.report.SampleReports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTableWriterTest {
    @Test void hostileNameCannotBreakTheRowOrBecomeHtml() {
        assertThat(MarkdownTableWriter.escape(SampleReports.HOSTILE)).isEqualTo("\\<script\\>\\&\"'\\|\\\\\\^\\_%\\$#{}\\~=+-@".replace("\\^", "^"));
        assertThat(MarkdownTableWriter.escape("a\nb|c")).isEqualTo("a b\\|c");
    }

    @Test void everyRowHasAsManyCellsAsTheHeader() {
        String md = MarkdownTableWriter.markdown(SampleReports.standard().tables().get(0));
        var rows = md.lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).hasSize(2 + 4 + 1);
        for (String r : rows) assertThat(r.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(9);
        assertThat(rows.get(1)).isEqualTo("| :--- | :--- | ---: | ---: | ---: | ---: | ---: | :--- |");
        assertThat(md).startsWith("**Table 1:** Estimated cost").contains("| **Total (4 experiments, 3 with an energy figure)** |", "<sup>a</sup>");
    }
}
