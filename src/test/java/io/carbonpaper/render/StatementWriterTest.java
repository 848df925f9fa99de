package io.carbonpaper.render;

import io.carbonpaper.report.Report;
import io.carbonpaper.report.SampleReports;
import io.carbonpaper.report.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonpaper.model.ExperimentBuilder.experiment;
import static org.assertj.core.api.Assertions.assertThat;

/** The statement as Markdown and plain text: the LaTeX's words, its citations numbered and listed, special characters harmless. */
class StatementWriterTest {
    private static final String MARKS = " \\[\\d+(, \\d+)*\\]";

    @Test void plainTextIsTheStatementsWordsWithNumberedCitationsAndItsReferencesListed() {
        Report r = SampleReports.standard();
        Statement st = r.statement();
        String[] lines = StatementWriter.text(r).split("\n", -1);
        assertThat(lines[0].replaceAll(MARKS, "")).isEqualTo(st.text() + " " + st.sourcesLine() + ".");
        assertThat(lines[0]).contains("following Strubell et al. (2019) [1].")
                .endsWith("come from published sources [" + String.join(", ", java.util.stream.IntStream.rangeClosed(2, st.cites().size())
                        .mapToObj(String::valueOf).toList()) + "].");
        assertThat(lines[2]).isEqualTo("References");
        assertThat(lines[3]).startsWith("[1] Emma Strubell, Ananya Ganesh, Andrew McCallum. Energy and Policy Considerations");
        assertThat(java.util.Arrays.stream(lines).filter(l -> l.matches("\\[\\d+\\] .*"))).hasSize(st.cites().size());
    }

    /** A run's name with a line break, ESC and a right-to-left override: one line, and nothing that acts (a property test found the override in statement.txt). */
    @Test void plainTextShowsActingCharactersAsEscapes() {
        assertThat(StatementWriter.plain("bert\nbase\u001B[2J\u202Ekrow\u0085")).isEqualTo("bert base\\x1B[2J\\u202Ekrow\\x85");
    }

    @Test void markdownIsTheSameWordsEscaped() {
        Report r = SampleReports.standard();
        Statement st = r.statement();
        String md = StatementWriter.markdown(r);
        String paragraph = md.split("\n")[2];
        assertThat(paragraph.replaceAll(MARKS, "").replaceAll("\\\\(.)", "$1")).isEqualTo(st.text() + " " + st.sourcesLine() + ".");
        // "$" would open GitHub's inline math between two prices.
        assertThat(paragraph).doesNotContainPattern("(?<!\\\\)\\$");
        assertThat(md).contains("**References**", "[1] Emma Strubell", "<https://arxiv.org/abs/1906.02243>");
    }

    /** An experiment's name reaches the statement (the coverage sentence names runs without published power). */
    @Test void aHostileNameIsLiteralInMarkdownAndOneLineInText() {
        Report r = SampleReports.build(List.of(experiment("a").hardware("P100", 1).hours(10).build(),
                experiment(SampleReports.HOSTILE + "\nsecond line").hardware("TPUv2", 8).hours(3).build()));
        assertThat(r.statement().text()).contains("<script>");
        String md = StatementWriter.markdown(r);
        assertThat(md).contains("\\<script\\>\\&").doesNotContain("<script>");
        String txt = StatementWriter.text(r);
        assertThat(txt.split("\n")[0]).contains("<script>&");
        assertThat(txt.split("\n")[1]).isEmpty();
    }
}
