package io.carbonpaper.render;

import io.carbonpaper.report.Reference;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Statement;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Writes the compute statement beside {@code latex/statement.tex} as Markdown
 * ({@code statement/statement.md}, GitHub-flavoured) and plain text ({@code statement/statement.txt},
 * UTF-8, one line per paragraph so that a form's text box reflows it): the same words as the LaTeX,
 * with what it cites numbered [1], [2], ... in the order of {@link Statement#cites()} and listed
 * under it. The paper the text names in author-year form gets its number after the name
 * ("Strubell et al. (2019) [1]"); the sources, after the sources sentence.
 */
public final class StatementWriter {
    private StatementWriter() {}

    public static void write(Report report, SiteWriter site) throws IOException {
        site.writeText("statement/statement.md", markdown(report));
        site.writeText("statement/statement.txt", text(report));
    }

    /** The statement in GitHub-flavoured Markdown, every character with a meaning escaped. */
    static String markdown(Report report) {
        Statement st = report.statement();
        StringBuilder b = new StringBuilder("<!-- Compute statement of the carbonpaper ").append(oneLine(report.version()).replace("--", "- -"))
                .append(" report: the same words as latex/statement.tex. -->\n\n");
        b.append(paragraph(st, MarkdownTableWriter::escape)).append("\n");
        if (!st.cites().isEmpty()) {
            b.append("\n**References**\n\n");
            int n = 1;
            for (Reference r : st.cites()) {
                b.append("[").append(n++).append("] ").append(MarkdownTableWriter.escape(r.citation()));
                if (!r.url().isBlank()) b.append(" <").append(r.url().replaceAll("[<>\\s]", "")).append(">");
                b.append("  \n");
            }
        }
        return b.toString();
    }

    /** The statement as plain text: the paragraph on one line, then the references, one a line. */
    static String text(Report report) {
        Statement st = report.statement();
        StringBuilder b = new StringBuilder(paragraph(st, StatementWriter::plain)).append("\n");
        if (!st.cites().isEmpty()) {
            b.append("\nReferences\n");
            int n = 1;
            for (Reference r : st.cites()) {
                b.append("[").append(n++).append("] ").append(plain(r.citation()));
                if (!r.url().isBlank()) b.append(" ").append(plain(r.url()));
                b.append("\n");
            }
        }
        return b.toString();
    }

    /**
     * The statement's words, escaped by {@code escape}, with the number of each reference its text
     * names ("Strubell et al. (2019) [1]") and the sources' numbers before the sources sentence's full stop.
     */
    static String paragraph(Statement st, UnaryOperator<String> escape) {
        List<Reference> cites = st.cites();
        StringBuilder out = new StringBuilder();
        for (Statement.Piece p : st.pieces()) {
            out.append(escape.apply(p.text()));
            if (!p.cites().isEmpty())
                out.append(" [").append(p.cites().stream().map(r -> String.valueOf(cites.indexOf(r) + 1)).collect(Collectors.joining(", "))).append("]");
        }
        return out.toString();
    }

    /** Plain text: line breaks become spaces, so the paragraph stays one line; any other acting character an escape ({@code \\x1B}). */
    static String plain(String s) {
        // Line breaks and tabs become spaces (one line per paragraph); every other character that would
        // act (ESC, a bidirectional override from a run's name) is shown as an escape, as in every output.
        return io.carbonpaper.model.LogText.clean(s.replaceAll("[\\r\\n\\t]", " "));
    }

    private static String oneLine(String s) { return s.replaceAll("[\\r\\n]+", " "); }
}
