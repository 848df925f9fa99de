package io.carbonpaper.render;

import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Footnote;
import io.carbonpaper.report.Reference;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the report for a paper into {@code latex/}: one {@code <table id>.tex} per table
 * (booktabs, caption, {@code \label{tab:<id>}}, numerals right-aligned), {@code statement.tex}
 * (the compute statement with {@code \cite}s), {@code references.bib} (one {@code @misc} per
 * reference, keyed by its source id) and {@code appendix.tex}, which compiles on its own with
 * pdflatex and can also be {@code \input} from a paper (see its header comment).
 *
 * <p>All text from logs and catalogs goes through {@link #escape}: pdflatex sees no active
 * character and no character its default fonts cannot set.
 */
public final class LatexWriter {
    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('\\', "\\textbackslash{}"), Map.entry('{', "\\textbraceleft{}"), Map.entry('}', "\\textbraceright{}"),
            Map.entry('$', "\\$"), Map.entry('&', "\\&"), Map.entry('#', "\\#"), Map.entry('%', "\\%"), Map.entry('_', "\\_"),
            Map.entry('^', "\\textasciicircum{}"), Map.entry('~', "\\textasciitilde{}"), Map.entry('<', "\\textless{}"),
            Map.entry('>', "\\textgreater{}"), Map.entry('|', "\\textbar{}"), Map.entry('`', "\\textasciigrave{}"),
            Map.entry('"', "\\textquotedbl{}"), Map.entry('[', "{[}"), Map.entry(']', "{]}"), Map.entry('*', "{*}"),
            // typographic characters the report itself prints
            Map.entry('\u2013', "--"), Map.entry('\u2014', "---"), Map.entry('\u2212', "\\ensuremath{-}"),
            Map.entry('\u00d7', "\\ensuremath{\\times}"), Map.entry('\u00b7', "\\ensuremath{\\cdot}"),
            Map.entry('\u2082', "\\textsubscript{2}"), Map.entry('\u00a0', "~"), Map.entry('\u2018', "`"),
            Map.entry('\u2019', "'"), Map.entry('\u201c', "``"), Map.entry('\u201d', "''"), Map.entry('\u2026', "\\ldots{}"),
            Map.entry('\u00b0', "\\textdegree{}"), Map.entry('\u2264', "\\ensuremath{\\le}"), Map.entry('\u2265', "\\ensuremath{\\ge}"));

    private LatexWriter() {}

    public static void write(Report report, SiteWriter site) throws IOException {
        for (Table t : report.tables()) site.writeText("latex/" + t.id() + ".tex", table(t, report));
        site.writeText("latex/statement.tex", statement(report));
        site.writeText("latex/references.bib", bibliography(report.references()));
        site.writeText("latex/appendix.tex", appendix(report));
    }

    /**
     * Text for pdflatex with T1 fonts: the ten special characters, {@code < > | " `}, brackets and
     * the star (which would be read as arguments after a row's {@code \\}), and a hyphen or dash
     * after a hyphen or dash (which would run together into a longer dash) are made literal; the typographic characters
     * the report prints (en dash, minus, times, subscript two) become their LaTeX forms; Latin-1
     * letters pass through; control characters become spaces; any other character, which the
     * default fonts cannot set, becomes "?".
     */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x10000 && SPECIAL.containsKey((char) cp)) {
                String e = SPECIAL.get((char) cp);
                // An en or em dash is "--"/"---": after a hyphen it would join it into a longer dash.
                if (e.startsWith("-") && b.length() > 0 && b.charAt(b.length() - 1) == '-') b.append("{}");
                b.append(e);
            } else if (cp == '-') {
                if (b.length() > 0 && b.charAt(b.length() - 1) == '-') b.append("{}");
                b.append('-');
            } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                b.append(' ');
            } else if (cp < 0x100) {
                b.appendCodePoint(cp);
            } else {
                b.append('?');
            }
        }
        return b.toString();
    }

    /** A BibTeX key from a source id: letters, digits and {@code - _ : .} only. */
    public static String key(String id) {
        String k = id.replaceAll("[^A-Za-z0-9:._-]", "-");
        return k.isEmpty() ? "ref" : k;
    }

    static String table(Table t, Report report) {
        StringBuilder b = new StringBuilder();
        b.append("% ").append(t.label()).append(" of the carbonpaper ").append(oneLine(report.version()))
                .append(" report (").append(oneLine(t.id())).append("). Needs \\usepackage{booktabs}.\n");
        b.append("\\begin{table}[htbp]\n\\centering\n\\small\n");
        b.append("\\caption{").append(escape(t.caption())).append("}\n");
        b.append("\\label{tab:").append(label(t.id())).append("}\n");
        b.append("\\begin{tabular}{").append(t.columns().stream().map(c -> c.numeric() ? "r" : "l").collect(Collectors.joining())).append("}\n");
        b.append("\\toprule\n");
        List<String> head = new ArrayList<>();
        for (Column c : t.columns()) {
            String h = escape(c.header()) + (c.unit().isEmpty() ? "" : " (" + escape(c.unit()) + ")") + marks(c.marks());
            head.add(c.numeric() ? "\\multicolumn{1}{r}{" + h + "}" : h);
        }
        b.append(String.join(" & ", head)).append(" \\\\\n\\midrule\n");
        for (Row r : t.rows()) b.append(row(r)).append(" \\\\\n");
        if (t.total().isPresent()) b.append("\\midrule\n").append(row(t.total().get())).append(" \\\\\n");
        b.append("\\bottomrule\n\\end{tabular}\n");
        if (!t.footnotes().isEmpty()) {
            b.append("\\par\\smallskip\n{\\footnotesize\n");
            for (Footnote f : t.footnotes()) {
                b.append("\\textsuperscript{").append(escape(f.mark())).append("}~").append(escape(f.text()));
                if (!f.references().isEmpty()) b.append("~\\cite{").append(f.references().stream().map(LatexWriter::key).collect(Collectors.joining(","))).append("}");
                b.append("\\par\n");
            }
            b.append("}\n");
        }
        b.append("\\end{table}\n");
        return b.toString();
    }

    private static String row(Row r) {
        List<String> cells = new ArrayList<>();
        for (Cell c : r.cells()) cells.add(escape(c.text()) + marks(c.marks()));
        return String.join(" & ", cells);
    }

    private static String marks(List<String> marks) {
        if (marks.isEmpty()) return "";
        return "\\textsuperscript{" + marks.stream().map(LatexWriter::escape).collect(Collectors.joining(",")) + "}";
    }

    /** Table ids are slugs already; this keeps a label safe even if one is not. */
    private static String label(String id) { return id.replaceAll("[^A-Za-z0-9:-]", "-"); }

    private static String oneLine(String s) { return s.replaceAll("[\\r\\n]+", " "); }

    /**
     * The compute statement as a paragraph: the report's own sentence, with the paper it follows
     * cited, then the sources of every constant used.
     */
    static String statement(Report report) {
        String text = escape(report.statement());
        List<String> keys = report.references().stream().map(r -> key(r.id())).toList();
        String strubell = "Strubell et al. (2019)";
        if (keys.contains("strubell-2019") && text.contains(strubell)) text = text.replace(strubell, "Strubell et~al.~\\cite{strubell-2019}");
        List<String> others = keys.stream().filter(k -> !k.equals("strubell-2019")).toList();
        StringBuilder b = new StringBuilder("% Compute statement of the carbonpaper ").append(oneLine(report.version())).append(" report.\n");
        b.append(text);
        if (!others.isEmpty()) b.append(" The constants used (hardware power, PUE, carbon intensity, prices) come from~\\cite{")
                .append(String.join(",", others)).append("}.");
        b.append("\n");
        return b.toString();
    }

    static String bibliography(List<Reference> references) {
        StringBuilder b = new StringBuilder("% References of the carbonpaper report: one entry per source, keyed by its source id.\n");
        for (Reference r : references) {
            b.append("\n@misc{").append(key(r.id())).append(",\n");
            b.append("  key = {").append(key(r.id())).append("},\n"); // sorts entries that have no author
            b.append("  title = {{").append(escape(r.citation())).append("}},\n");
            b.append("  year = {").append(r.year()).append("},\n");
            if (!r.url().isBlank()) {
                b.append("  howpublished = {\\url{").append(url(r.url())).append("}},\n");
                b.append("  url = {").append(url(r.url())).append("},\n");
            }
            b.append("  note = {carbonpaper source id: ").append(escape(r.id())).append("}\n}\n");
        }
        return b.toString();
    }

    /**
     * A URL for the url package's command in a .bib file: braces, backslashes, spaces and quotes
     * percent-encoded (BibTeX counts braces even after a backslash), then {@code %} and {@code #}
     * escaped, which the url package reads back as themselves.
     */
    static String url(String u) {
        StringBuilder b = new StringBuilder();
        for (char c : u.toCharArray()) {
            switch (c) {
                case '{' -> b.append("%7B");
                case '}' -> b.append("%7D");
                case '\\' -> b.append("%5C");
                case ' ' -> b.append("%20");
                case '"' -> b.append("%22");
                case '^' -> b.append("%5E");
                default -> b.append(c < 0x20 || c > 0x7e ? "" : String.valueOf(c));
            }
        }
        return b.toString().replace("%", "\\%").replace("#", "\\#");
    }

    /**
     * A standalone document when compiled on its own; when a paper {@code \input}s it (detected by
     * {@code \documentclass} having run already) it only sets the statement and the tables, from
     * the folder {@code \carbonpaperdir} (default {@code latex/}), and leaves the bibliography to
     * the paper.
     */
    static String appendix(Report report) {
        StringBuilder b = new StringBuilder();
        b.append("% Appendix of the carbonpaper ").append(oneLine(report.version())).append(" report: the compute statement and every table.\n");
        b.append("% On its own:      pdflatex appendix; bibtex appendix; pdflatex appendix; pdflatex appendix\n");
        b.append("% From a paper:    \\usepackage{booktabs} and \\usepackage{url} in the preamble, then \\input{latex/appendix}\n");
        b.append("%                  (set \\newcommand{\\carbonpaperdir}{path/} first if the folder is not latex/),\n");
        b.append("%                  and add latex/references.bib to the paper's \\bibliography.\n");
        b.append("\\makeatletter\n");
        b.append("\\ifx\\documentclass\\@twoclasseserror\n");
        b.append("  \\providecommand{\\carbonpaperdir}{latex/}\\let\\cp@start\\relax\\let\\cp@finish\\relax\n");
        b.append("\\else\n");
        b.append("  \\def\\carbonpaperdir{}\n");
        b.append("  \\def\\cp@start{\\documentclass[a4paper]{article}\\usepackage[T1]{fontenc}\\usepackage{booktabs}\\usepackage{url}\\begin{document}}\n");
        b.append("  \\def\\cp@finish{\\bibliographystyle{plain}\\bibliography{references}\\end{document}}\n");
        b.append("\\fi\n");
        b.append("\\makeatother\n");
        b.append("\\csname cp@start\\endcsname\n");
        b.append("\\section*{").append(escape("Energy, CO\u2082e and cost of the experiments")).append("}\n");
        b.append("\\input{\\carbonpaperdir statement}\n");
        for (Table t : report.tables()) b.append("\\input{\\carbonpaperdir ").append(t.id()).append("}\n");
        b.append("\\csname cp@finish\\endcsname\n");
        return b.toString();
    }
}
