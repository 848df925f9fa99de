package io.carbonpaper.render;

import io.carbonpaper.model.LogText;

import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Footnote;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a table as GitHub-flavoured Markdown to {@code tables/<id>.md}, beside its CSV: the
 * caption in bold above, numeric columns right-aligned, the totals row in bold, footnotes below.
 * Footnote marks are {@code <sup>} (GitHub renders that inline HTML); all text goes through
 * {@link #escape}.
 */
public final class MarkdownTableWriter {
    private static final String SPECIAL = "\\`*_[]<>!|~$&";

    private MarkdownTableWriter() {}

    public static void write(Table table, SiteWriter site) throws IOException {
        site.writeText("tables/" + table.id() + ".md", markdown(table));
    }

    /**
     * Text that GitHub shows literally: every ASCII punctuation character with an inline meaning
     * ({@code \ ` * _ { } [ ] < > ( ) # + ! | ~ $ &}, so no emphasis, link, HTML, entity, math or
     * cell break) is backslash-escaped, and line breaks become spaces (a table row is one line).
     */
    public static String escape(String raw) {
        String text = LogText.cleanKeepingLines(raw); // other controls and bidi overrides shown as escapes, like everywhere
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) b.append('\\').append(c);
            else if (c == '\n' || c == '\r' || c == '\t') b.append(' ');
            else if (c < 0x20 || c == 0x7f) b.append(' ');
            else b.append(c);
        }
        return b.toString();
    }

    static String markdown(Table t) {
        StringBuilder b = new StringBuilder();
        b.append("**").append(escape(t.label())).append(":** ").append(escape(t.caption())).append("\n\n");
        List<String> head = new ArrayList<>(), align = new ArrayList<>();
        for (Column c : t.columns()) {
            head.add(escape(c.header()) + (c.unit().isEmpty() ? "" : " (" + escape(c.unit()) + ")") + sup(c.marks()));
            align.add(c.numeric() ? "---:" : ":---");
        }
        b.append(line(head)).append(line(align));
        for (Row r : t.rows()) b.append(line(cells(r, false)));
        if (t.total().isPresent()) b.append(line(cells(t.total().get(), true)));
        if (!t.footnotes().isEmpty()) {
            b.append('\n');
            for (Footnote f : t.footnotes()) b.append("<sup>").append(escape(f.mark())).append("</sup> ").append(escape(f.text())).append("  \n");
        }
        return b.toString();
    }

    private static List<String> cells(Row r, boolean bold) {
        List<String> out = new ArrayList<>();
        for (Cell c : r.cells()) {
            String text = escape(c.text());
            out.add((bold && !c.text().isBlank() ? "**" + text + "**" : text) + sup(c.marks()));
        }
        return out;
    }

    private static String sup(List<String> marks) {
        return marks.isEmpty() ? "" : "<sup>" + escape(String.join(",", marks)) + "</sup>";
    }

    private static String line(List<String> cells) { return "| " + String.join(" | ", cells) + " |\n"; }
}
