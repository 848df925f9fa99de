package io.carbonpaper.render;

import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.layout.UrlAwareLineBreakIterator;
import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Footnote;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizes each table of report.pdf to its content: every column at least as wide as its longest
 * word (measured in the table's font, between the break points openhtmltopdf itself uses), so no
 * word is broken mid-word, and as wide as its longest cell where there is room. A table whose
 * columns do not fit the upright page at their comfortable widths is set on a page turned on its
 * side; one whose words do not fit even there gets a smaller font (8, 7, then 6 pt), and only a
 * table that still does not fit (a name of a hundred characters without a break point) may have
 * its words broken.
 */
final class PrintLayout {
    /** The table font sizes tried, largest first, in points. */
    static final double[] FONT_PT = {8, 7, 6};
    /** A cell's padding, left plus right, in points: {@code padding: 1.5pt 3pt} in print.ftlh. */
    static final double PADDING_PT = 6;
    /** Measured widths are taken this much wider, against rounding in the renderer. */
    static final double SLACK = 1.04;
    /** A text column's comfortable width is its longest cell's, but no more than this many ems. */
    static final double TEXT_CAP_EM = 12;
    /**
     * A table this much wider than the upright page at its comfortable widths is still set upright,
     * its columns narrowed towards their longest words, rather than on a page of its own on its side.
     */
    static final double UPRIGHT_SQUEEZE = 1.3;
    /** A heading wraps at its words; it asks for no more than this many ems unless a word is wider. */
    static final double HEADING_CAP_EM = 7;
    /** Marks (superscript footnote letters) are set smaller than the text. */
    static final double MARK_SCALE = 0.8;

    private final PaperSize paper;
    private final PrintFonts fonts;

    PrintLayout(PaperSize paper, PrintFonts fonts) {
        this.paper = paper;
        this.fonts = fonts;
    }

    /** The print view of {@code report}: its index tables laid out for {@code paper}. */
    static PrintView of(Report report, PaperSize paper, PrintFonts fonts) {
        PrintLayout layout = new PrintLayout(paper, fonts);
        List<PrintTable> tables = new ArrayList<>();
        for (Table t : report.indexTables()) {
            Table printed = summary(t);
            PrintTable p = layout.layout(printed, printed != t);
            // A tall table starts a page of its own, unless it is the first, right under the tables' heading.
            tables.add(!tables.isEmpty() && printed.rows().size() >= TALL_ROWS ? p.onNewPage() : p);
        }
        return new PrintView(paper, fonts.tableFamily(), tables);
    }

    /** A table of this many rows or more starts on a new page. */
    static final int TALL_ROWS = 20;
    /** A table of more rows than this is summarised in print. */
    static final int MOST_ROWS = 40;
    /** How many of its largest rows a summarised table keeps. */
    static final int KEPT_ROWS = 25;

    /**
     * The table as printed: one of more than {@link #MOST_ROWS} rows (an experiment each, in a
     * project of thousands) keeps its {@link #KEPT_ROWS} largest by energy (kWh·PUE, else the first
     * energy or CO₂e column; else its first rows), largest first, and a last row saying how many more
     * there are and that the CSV has them all. The totals row stays the whole table's. Footnotes
     * whose marks were only in the rows left out are left out too.
     */
    static Table summary(Table t) {
        if (t.rows().size() <= MOST_ROWS) return t;
        int by = rankColumn(t);
        List<Row> rows = new ArrayList<>(t.rows());
        if (by >= 0) rows.sort(java.util.Comparator.comparingDouble((Row r) -> number(r.cells().get(by).raw())).reversed());
        List<Row> kept = new ArrayList<>(rows.subList(0, KEPT_ROWS));
        int more = t.rows().size() - KEPT_ROWS;
        String what = by >= 0 ? String.format(Locale.ROOT, "%,d more, each with less %s (all %,d in tables/%s.csv)", more,
                t.columns().get(by).header(), t.rows().size(), t.id())
                : String.format(Locale.ROOT, "%,d more (all %,d in tables/%s.csv)", more, t.rows().size(), t.id());
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.of(what, ""));
        for (int i = 1; i < t.columns().size(); i++) cells.add(Cell.of("", ""));
        kept.add(Row.of(cells));
        java.util.Set<String> marks = new java.util.HashSet<>();
        for (Column c : t.columns()) marks.addAll(c.marks());
        List<Row> marked = new ArrayList<>(kept);
        t.total().ifPresent(marked::add);
        for (Row r : marked) for (Cell c : r.cells()) marks.addAll(c.marks());
        List<Footnote> notes = t.footnotes().stream().filter(f -> marks.contains(f.mark())).toList();
        return new Table(t.id(), t.number(), t.caption(), t.columns(), kept, t.total(), notes, t.csvHeader(), t.csvRows());
    }

    /** The column to rank rows by: kWh·PUE, else the first energy column, else the first CO₂e one; -1 for none. */
    private static int rankColumn(Table t) {
        for (String prefix : List.of("kwh_pue", "energy", "kwh", "co2e")) {
            for (int i = 0; i < t.columns().size(); i++) {
                Column c = t.columns().get(i);
                if (c.numeric() && c.csvName().startsWith(prefix)) return i;
            }
        }
        return -1;
    }

    /** A raw cell's number; an unknown or unreadable one ranks last. */
    private static double number(String raw) {
        try {
            double d = Double.parseDouble(raw);
            return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
        } catch (NumberFormatException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }

    PrintTable layout(Table t) { return layout(t, false); }

    /** @param summarised the last row is {@link #summary}'s, which spans the table and is not measured */
    PrintTable layout(Table t, boolean summarised) {
        int n = t.columns().size();
        double[] min = new double[n], want = new double[n];
        for (int i = 0; i < n; i++) {
            Column c = t.columns().get(i);
            String heading = c.header() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")");
            // The unit is set whole (white-space: nowrap), its marks after it.
            double headMin = c.unit().isEmpty() ? longest(c.header(), c.marks(), true)
                    : Math.max(longest(c.header(), List.of(), true), fonts.width("(" + c.unit() + ")", false) + marks(c.marks()));
            min[i] = headMin;
            want[i] = Math.max(headMin, Math.min(HEADING_CAP_EM, fonts.width(heading, true) + marks(c.marks())));
            List<Row> rows = rows(t);
            if (summarised) rows.remove(t.rows().size() - 1);
            for (Row r : rows) {
                Cell cell = r.cells().get(i);
                min[i] = Math.max(min[i], longest(cell.text(), cell.marks(), false));
                double whole = fonts.width(cell.text(), false) + marks(cell.marks());
                want[i] = Math.max(want[i], c.numeric() ? whole : Math.min(TEXT_CAP_EM, whole));
            }
            want[i] = Math.max(want[i], min[i]);
        }
        double portrait = paper.portraitTextPt(), landscape = paper.landscapeTextPt();
        double big = FONT_PT[0];
        if (pt(want, big) <= portrait) return table(t, false, big, want, 1, false, summarised);
        if (pt(min, big) <= portrait && pt(want, big) <= portrait * UPRIGHT_SQUEEZE) return table(t, false, big, squeeze(min, want, big, portrait), 1, false, summarised);
        if (pt(want, big) <= landscape) return table(t, true, big, want, 1, false, summarised);
        for (double size : FONT_PT) {
            if (pt(min, size) > landscape) continue;
            return table(t, true, size, squeeze(min, want, size, landscape), 1, false, summarised);
        }
        double size = FONT_PT[FONT_PT.length - 1];
        return table(t, true, size, min, landscape / pt(min, size), true, summarised);
    }

    /** Each column's width between its longest word and its longest cell, all alike, so that the table is {@code room} wide. */
    private static double[] squeeze(double[] min, double[] want, double size, double room) {
        double share = pt(want, size) <= room ? 1 : (room - pt(min, size)) / (pt(want, size) - pt(min, size));
        double[] w = new double[min.length];
        for (int i = 0; i < w.length; i++) w[i] = min[i] + share * (want[i] - min[i]);
        return w;
    }

    /** The table's width in points at {@code size}: the columns' ems and their padding. */
    private static double pt(double[] ems, double size) {
        double w = 0;
        for (double e : ems) w += e * size * SLACK + PADDING_PT;
        return w;
    }

    private static PrintTable table(Table t, boolean landscape, double size, double[] ems, double scale, boolean breakWords, boolean summarised) {
        List<String> widths = new ArrayList<>();
        double total = 0;
        for (double e : ems) {
            double w = Math.floor((e * size * SLACK + PADDING_PT) * scale * 10) / 10;
            widths.add(css(w));
            total += w;
        }
        return new PrintTable(t, landscape, css(size), css(total), widths, breakWords, summarised, false);
    }

    private static String css(double pt) { return String.format(Locale.ROOT, "%.1fpt", pt); }

    private static List<Row> rows(Table t) {
        List<Row> rows = new ArrayList<>(t.rows());
        t.total().ifPresent(rows::add);
        return rows;
    }

    /** The width in ems of the text's widest unbreakable piece; the marks stick to the last one. */
    private double longest(String text, List<String> marks, boolean bold) {
        List<String> pieces = segments(text);
        double w = marks.isEmpty() ? 0 : marks(marks);
        if (pieces.isEmpty()) return w;
        double max = 0;
        for (int i = 0; i < pieces.size(); i++) {
            double p = fonts.width(pieces.get(i), bold) + (i == pieces.size() - 1 ? w : 0);
            max = Math.max(max, p);
        }
        return max;
    }

    private double marks(List<String> marks) {
        return marks.isEmpty() ? 0 : fonts.width(String.join(",", marks), false) * MARK_SCALE;
    }

    /** Where a line may break: openhtmltopdf's default, set explicitly by {@link PdfWriter} so that both agree. */
    static FSTextBreaker lineBreaker() {
        return new UrlAwareLineBreakIterator(BreakIterator.getLineInstance(Locale.US));
    }

    /**
     * The text cut where openhtmltopdf may break a line (its URL-aware wrapper around the JDK's
     * line instance), each piece without the spaces that end it.
     */
    static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        FSTextBreaker it = lineBreaker();
        it.setText(text);
        int from = 0;
        for (int to = it.next(); to != BreakIterator.DONE && to <= text.length(); to = it.next()) {
            String piece = text.substring(from, to).strip();
            if (!piece.isEmpty()) out.add(piece);
            from = to;
        }
        if (from < text.length() && !text.substring(from).isBlank()) out.add(text.substring(from).strip());
        return out;
    }
}
