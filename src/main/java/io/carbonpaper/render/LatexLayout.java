package io.carbonpaper.render;

import io.carbonpaper.report.Column;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a table is set in LaTeX so that it fits the width it is written for: which columns it
 * keeps, whether it is turned on its side (measures as rows), the font size and each column's
 * share of {@code \linewidth}. Every column is a {@code p} column, so text wraps at the break
 * points {@link #segments} allows and never runs past the line; a column is never narrower than
 * its longest unbreakable piece, as estimated from Computer Modern's widths (wider than the Times
 * of the ACL, ICML and NeurIPS templates, so the estimate errs on the safe side).
 *
 * <p>The widths the forms are made for, in ems of the table's font: {@link Form#COLUMN}, ACL's
 * 7.7 cm column in an 11 pt paper at {@code \footnotesize} (9 pt), 24 em (ICML's and AAAI's
 * 8.3 cm at 10 pt is wider); {@link Form#WIDE}, NeurIPS's 5.5 in text at 10 pt {@code \small}
 * (9 pt), 44 em.
 */
final class LatexLayout {
    /** The two forms every table is written in. */
    enum Form {
        /** One column of a two-column paper ({@code table}). */
        COLUMN("", "table", 24.0, new String[]{"\\footnotesize", "\\scriptsize"}, new double[]{1.0, 9.0 / 8.0 / SMALL_GLYPHS}),
        /** The full text width ({@code table*}), as NeurIPS's single column. */
        WIDE("-wide", "table*", 44.0, new String[]{"\\small", "\\footnotesize", "\\scriptsize"}, new double[]{1.0, 10.0 / 9.0, 10.0 / 8.0 / SMALL_GLYPHS});

        final String suffix;
        final String environment;
        final double ems;
        final String[] fonts;
        final double[] scale;

        Form(String suffix, String environment, double ems, String[] fonts, double[] scale) {
            this.suffix = suffix;
            this.environment = environment;
            this.ems = ems;
            this.fonts = fonts;
            this.scale = scale;
        }
    }

    /** At 7 and 8 pt, Computer Modern's glyphs are some 7% wider for their size than at 9 and 10 pt. */
    static final double SMALL_GLYPHS = 1.07;

    /** Space between two columns: twice {@code \tabcolsep}, which the table sets to 0.4 em. */
    static final double GAP_EM = 0.8;
    /** A text column is given at least this much room, so a name wraps into words, not letters. */
    static final double TEXT_MIN_EM = 4.5;
    /** Room a text column gets, where there is room, before numbers get more than their comfortable width. */
    static final double TEXT_GOOD_EM = 7.0;

    /**
     * Compact headings for the columns the report names (by CSV name), and the explanation
     * printed under the table when one is used.
     */
    static final Map<String, String[]> SHORT = Map.ofEntries(
            Map.entry("accelerator_hours", new String[]{"Acc.-h", "Acc.-h: accelerator-hours"}),
            Map.entry("cloud_usd", new String[]{"Cloud", "Cloud: cloud compute cost"}),
            Map.entry("usd_per_accelerator_hour", new String[]{"Per acc.-h", "Acc.-h: accelerator-hours"}),
            Map.entry("break_even_utilisation", new String[]{"Break-even", "Break-even: the utilisation at which owning costs as much"}),
            Map.entry("change_vs_report_pct", new String[]{"Change", "Change: from this report's grid"}),
            Map.entry("project_multiple", new String[]{"Times", "Times: how many of each the project's CO\u2082e amounts to"}),
            Map.entry("energy_source", new String[]{"Source", "Source: where the energy figure comes from"}),
            Map.entry("hardware_usd", new String[]{"Hardware", ""}));

    /**
     * Columns the single-column form leaves out, in this order, while a table does not fit (CSV
     * names, or prefixes ending in {@code _}); the full-width form, which keeps every column
     * (it takes a smaller font instead), and the CSV have them.
     */
    static final List<String> DROPPABLE = List.of("energy_source", "power_w", "kind", "year", "embodied_co2e_", "hardware_usd",
            "electricity_usd", "accelerator_hours", "hours", "cloud_usd", "method");

    /**
     * @param keep       the indices of the table's columns that are set, in order
     * @param transposed whether the table is set on its side (few rows, many columns)
     * @param font       the size command for the table's body
     * @param shares     each set column's share of the line, in thousandths (they sum to at most 1000)
     * @param fits       whether the estimate says it fits; a layout that does not is still the narrowest found
     */
    record Layout(List<Integer> keep, boolean transposed, String font, int[] shares, boolean fits) {
        int width() { return shares.length; }
    }

    private LatexLayout() {}

    static Layout choose(Table t, Form form) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) keep.add(i);
        boolean sideways = rows(t).size() <= 4 && t.columns().size() > rows(t).size() + 2;
        // In a column, a table of a few rows and many columns first tries its side: every column kept, as a row.
        if (form == Form.COLUMN && sideways) {
            Layout l = fonts(t, keep, true, form);
            if (l.fits()) return l;
        }
        while (true) {
            Layout last = fonts(t, keep, false, form);
            if (last.fits()) return last;
            if (form == Form.WIDE) {
                // Full width keeps every column: on its side if that fits, else the smallest font.
                if (sideways) {
                    Layout side = fonts(t, keep, true, form);
                    if (side.fits()) return side;
                }
                return last;
            }
            int drop = nextDrop(t, keep);
            if (drop < 0) return last;
            keep.remove(Integer.valueOf(drop));
        }
    }

    /** The first font size at which the table fits, or the smallest. */
    private static Layout fonts(Table t, List<Integer> keep, boolean transposed, Form form) {
        Layout last = null;
        for (int f = 0; f < form.fonts.length; f++) {
            last = fit(t, keep, transposed, form.fonts[f], form.ems * form.scale[f]);
            if (last.fits()) return last;
        }
        return last;
    }

    private static int nextDrop(Table t, List<Integer> keep) {
        for (String name : DROPPABLE) {
            for (int i : keep) {
                String csv = t.columns().get(i).csvName();
                if (name.endsWith("_") ? csv.startsWith(name) : csv.equals(name)) return i;
            }
        }
        return -1;
    }

    static List<Row> rows(Table t) {
        List<Row> rows = new ArrayList<>(t.rows());
        t.total().ifPresent(rows::add);
        return rows;
    }

    private static Layout fit(Table t, List<Integer> keep, boolean transposed, String font, double ems) {
        // Each set column: the widest whole cell (its natural width) and the widest unbreakable piece.
        List<double[]> cols = new ArrayList<>();
        List<Boolean> text = new ArrayList<>();
        List<Row> rows = rows(t);
        if (transposed) {
            double[] first = {0, 0, 0};
            for (int i : keep) measure(first, heading(t.columns().get(i)), t.columns().get(i).marks(), false);
            cols.add(first);
            text.add(true);
            for (Row r : rows) {
                double[] c = {0, 0, 0};
                measure(c, r.cells().get(0).text(), r.cells().get(0).marks(), false);
                for (int i : keep) if (i > 0) measure(c, r.cells().get(i).text(), r.cells().get(i).marks(), t.columns().get(i).numeric());
                cols.add(c);
                text.add(false);
            }
        } else {
            for (int i : keep) {
                Column col = t.columns().get(i);
                double[] c = {0, 0, 0};
                measure(c, heading(col), col.marks(), false);
                for (Row r : rows) measure(c, r.cells().get(i).text(), r.cells().get(i).marks(), col.numeric());
                cols.add(c);
                text.add(!col.numeric());
            }
        }
        int n = cols.size();
        double room = ems - GAP_EM * (n - 1);
        double[] min = new double[n], good = new double[n], full = new double[n];
        for (int i = 0; i < n; i++) {
            double[] c = cols.get(i);
            min[i] = Math.max(c[1], text.get(i) ? Math.min(TEXT_MIN_EM, c[0]) : 0);
            full[i] = Math.max(c[0], min[i]);
            good[i] = Math.min(full[i], Math.max(min[i], text.get(i) ? TEXT_GOOD_EM : c[2]));
        }
        double sumMin = sum(min), sumGood = sum(good), sumFull = sum(full);
        double[] w = new double[n];
        if (sumFull <= room) {
            // Natural widths fit: the spare room goes to the text columns (or to all when there are none).
            double spare = room - sumFull;
            double textFull = 0;
            for (int i = 0; i < n; i++) if (text.get(i)) textFull += full[i];
            for (int i = 0; i < n; i++) w[i] = full[i] + (textFull > 0 ? (text.get(i) ? spare * full[i] / textFull : 0) : spare * full[i] / sumFull);
        } else if (sumGood <= room) {
            double k = (room - sumGood) / (sumFull - sumGood);
            for (int i = 0; i < n; i++) w[i] = good[i] + (full[i] - good[i]) * k;
        } else {
            // Between the narrowest and the comfortable widths, the same fraction of the way for every column.
            double k = sumGood == sumMin ? 0 : Math.max(0, (room - sumMin) / (sumGood - sumMin));
            for (int i = 0; i < n; i++) w[i] = min[i] + (good[i] - min[i]) * k;
        }
        double total = 0;
        for (double x : w) total += x;
        int[] shares = new int[n];
        for (int i = 0; i < n; i++) shares[i] = (int) Math.floor(1000 * w[i] / Math.max(total, room));
        return new Layout(List.copyOf(keep), transposed, font, shares, sumMin <= room);
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return s;
    }

    /** A column's heading as set: the short form where there is one, its unit and its marks. */
    static String heading(Column c) {
        String[] s = SHORT.get(c.csvName());
        String h = s == null ? c.header() : s[0];
        if (!c.unit().isEmpty() && !c.unit().equals(c.header()) && !(c.header().startsWith("kWh") && c.unit().equals("kWh")))
            h += " (" + c.unit() + ")";
        return h;
    }

    /** Marks are superscripts at the end of the last piece: counted as two thirds of their characters. */
    private static void measure(double[] acc, String text, List<String> marks, boolean numeric) {
        double m = marks.isEmpty() ? 0 : width(String.join(",", marks)) * 0.7;
        acc[0] = Math.max(acc[0], width(text) + m);
        List<String> pieces = segments(text, numeric);
        for (int i = 0; i < pieces.size(); i++) acc[1] = Math.max(acc[1], width(pieces.get(i)) + (i == pieces.size() - 1 ? m : 0));
        // Comfortable: a number's range kept whole on the line below it.
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) acc[2] = Math.max(acc[2], width(words[i]) + (i == words.length - 1 ? m : 0));
    }

    /**
     * The pieces a cell's text may break into, each ending where a line may end: at spaces, after a
     * hyphen, slash, underscore, comma or dot in names, after the dash of a range in numbers; a
     * piece longer than 12 characters is cut every 10.
     */
    static List<String> segments(String text, boolean numeric) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ' ') {
                cut(cur, out);
                continue;
            }
            cur.append(ch);
            boolean after = numeric ? ch == '\u2013' : (ch == '-' || ch == '/' || ch == '_' || ch == '.' || ch == '\u2013' || ch == ',' || ch == '\u00b7');
            if (after && i + 1 < text.length() && text.charAt(i + 1) != ' ') cut(cur, out);
        }
        cut(cur, out);
        return out;
    }

    /** Ends a piece; one of more than 12 characters (a hash, a long identifier) is cut every 10. */
    private static void cut(StringBuilder cur, List<String> out) {
        if (cur.length() == 0) return;
        String piece = cur.toString();
        cur.setLength(0);
        if (piece.length() <= 12) {
            out.add(piece);
            return;
        }
        for (int i = 0; i < piece.length(); i += 10) out.add(piece.substring(i, Math.min(piece.length(), i + 10)));
    }

    /** An estimate, in ems, of the text's width in Computer Modern, on the wide side. */
    static double width(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) w += charWidth(s.charAt(i));
        return w * 1.06;
    }

    private static double charWidth(char c) {
        if (c >= '0' && c <= '9') return 0.53;
        if (c == 'M' || c == 'W' || c == 'm' || c == 'w' || c == '%' || c == '\u2014') return 1.0;
        if (c >= 'A' && c <= 'Z') return 0.78;
        if (c == 'i' || c == 'l' || c == 'j' || c == 't' || c == 'f' || c == 'r' || c == '.' || c == ',' || c == ':' || c == ';' || c == '\'' || c == '!') return 0.36;
        if (c >= 'a' && c <= 'z') return 0.56;
        if (c == ' ') return 0.36;
        if (c == '-' || c == '(' || c == ')' || c == '[' || c == ']') return 0.42;
        if (c == '\u2013' || c == '$' || c == '\u2082') return 0.56;
        return 0.85;
    }
}
