package io.carbonpaper.render;

import io.carbonpaper.model.LogText;

import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Footnote;
import io.carbonpaper.report.Reference;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Statement;
import io.carbonpaper.report.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Rows a table prints at most: a float cannot break across pages; the CSV has them all. */
    static final int MAX_ROWS = 30;

    private LatexWriter() {}

    public static void write(Report report, SiteWriter site) throws IOException {
        for (Table t : report.tables()) {
            for (LatexLayout.Form form : LatexLayout.Form.values())
                site.writeText("latex/" + t.id() + form.suffix + ".tex", table(t, report, form));
        }
        site.writeText("latex/statement.tex", statement(report));
        site.writeText("latex/references.bib", bibliography(report.references()));
        site.writeText("latex/statement.bib", statementBibliography(report));
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
    public static String escape(String raw) {
        String text = LogText.cleanKeepingLines(raw); // other control characters shown as escapes, like everywhere (issue 16)
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

    /** The BibTeX key the report's reference list gives a source id (its catalog key), else the id made a key. */
    static String keyOf(Report report, String id) {
        for (Reference r : report.references()) if (r.id().equals(id)) return key(r.bib().key());
        return key(id);
    }

    /** The single-column form of a table, as {@code latex/<id>.tex} holds it. */
    static String table(Table t, Report report) { return table(t, report, LatexLayout.Form.COLUMN); }

    /**
     * A table in one of its two forms: {@code table} for one column of a two-column paper, or
     * {@code table*} for the full text width; laid out by {@link LatexLayout} so that it fits, with
     * compact headings (explained under the table), footnotes lettered from a in this table and set
     * left-aligned, and the rows' cells in {@code p} columns that wrap rather than run off the line.
     */
    static String table(Table t, Report report, LatexLayout.Form form) {
        LatexLayout.Layout layout = LatexLayout.choose(t, form);
        List<Footnote> footnotes = shownFootnotes(t, layout);
        Map<String, String> letters = new LinkedHashMap<>();
        for (Footnote f : footnotes) letters.put(f.mark(), Footnote.markAt(letters.size()));
        StringBuilder b = new StringBuilder();
        b.append("% ").append(t.label()).append(" of the carbonpaper ").append(oneLine(report.version())).append(" report (").append(oneLine(t.id()))
                .append("), ").append(form == LatexLayout.Form.COLUMN ? "single-column form (table; the full-width form is " + t.id() + "-wide.tex)"
                        : "full-width form (table*; the single-column form is " + t.id() + ".tex)").append(". Needs \\usepackage{booktabs}.\n");
        if (layout.transposed()) b.append("% On its side: a row per column of the report's table, a column per row.\n");
        b.append("\\providecommand{\\citep}{\\cite}\\providecommand{\\citet}{\\cite}%\n");
        b.append("\\providecommand{\\carbonpaperl}{\\raggedright\\let\\\\\\tabularnewline\\hspace{0pt}}%\n");
        b.append("\\providecommand{\\carbonpaperr}{\\raggedleft\\let\\\\\\tabularnewline\\hspace{0pt}}%\n");
        b.append("\\begin{").append(form.environment).append("}[").append(form == LatexLayout.Form.COLUMN ? "tbp" : "tp").append("]\n\\centering\n")
                .append(layout.font()).append("\n\\setlength{\\tabcolsep}{0.4em}\n");
        b.append("\\caption{").append(text(t.caption())).append("}\n");
        b.append("\\label{tab:").append(label(t.id())).append("}\n");
        double gaps = LatexLayout.GAP_EM * (layout.width() - 1);
        b.append("\\begin{tabular}{@{}");
        for (int share : layout.shares())
            b.append("p{\\dimexpr(\\linewidth-").append(String.format(Locale.ROOT, "%.1f", gaps)).append("em)*").append(share).append("/1000\\relax}");
        b.append("@{}}\n\\toprule\n");
        List<Row> rows = LatexLayout.rows(t);
        List<Column> cols = layout.keep().stream().map(i -> t.columns().get(i)).toList();
        if (layout.transposed()) {
            List<String> head = new ArrayList<>();
            head.add("\\carbonpaperl " + cell(cols.get(0).header(), List.of(), letters, false));
            for (Row r : rows) head.add("\\carbonpaperr " + cell(r.cells().get(0).text(), r.cells().get(0).marks(), letters, false));
            b.append(String.join(" & ", head)).append(" \\\\\n\\midrule\n");
            for (int k = 1; k < layout.keep().size(); k++) {
                int i = layout.keep().get(k);
                Column c = t.columns().get(i);
                List<String> line = new ArrayList<>();
                line.add("\\carbonpaperl " + cell(LatexLayout.heading(c), c.marks(), letters, false));
                for (Row r : rows) line.add(cellIn(c, r.cells().get(i), letters));
                b.append(String.join(" & ", line)).append(" \\\\\n");
            }
        } else {
            List<String> head = new ArrayList<>();
            for (Column c : cols) head.add((c.numeric() ? "\\carbonpaperr " : "\\carbonpaperl ") + cell(LatexLayout.heading(c), c.marks(), letters, false));
            b.append(String.join(" & ", head)).append(" \\\\\n\\midrule\n");
            for (Row r : t.rows().subList(0, Math.min(MAX_ROWS, t.rows().size()))) b.append(row(r, layout, t, letters)).append(" \\\\\n");
            if (t.rows().size() > MAX_ROWS)
                b.append("\\multicolumn{").append(layout.width()).append("}{@{}l@{}}{\\itshape ")
                        .append(text(String.format(Locale.ROOT, "and %,d more (every row in tables/%s.csv)", t.rows().size() - MAX_ROWS, t.id())))
                        .append("} \\\\\n");
            if (t.total().isPresent()) b.append("\\midrule\n").append(row(t.total().get(), layout, t, letters)).append(" \\\\\n");
        }
        b.append("\\bottomrule\n\\end{tabular}\n");
        List<String> notes = notes(t, layout);
        if (!notes.isEmpty() || !footnotes.isEmpty()) {
            b.append("\\par\\smallskip\n{\\footnotesize\\raggedright\n");
            for (String n : notes) b.append(text(n)).append("\\par\n");
            for (Footnote f : footnotes) {
                Set<String> inline = new LinkedHashSet<>();
                b.append("\\textsuperscript{").append(escape(letters.get(f.mark()))).append("}~").append(prose(f.text(), report.references(), inline));
                List<String> rest = f.references().stream().filter(id -> !inline.contains(id)).toList();
                if (!rest.isEmpty()) b.append("~\\citep{").append(rest.stream().map(id -> keyOf(report, id)).collect(Collectors.joining(","))).append("}");
                b.append("\\par\n");
            }
            b.append("}\n");
        }
        b.append("\\end{").append(form.environment).append("}\n");
        return b.toString();
    }

    /**
     * The footnotes this form prints: those marked on a column heading or a cell it sets, and those
     * marked nowhere in the table (notes on the whole table). A footnote marked only in columns or
     * rows this form leaves out is left out with them, so every letter under the table is found in it.
     */
    static List<Footnote> shownFootnotes(Table t, LatexLayout.Layout layout) {
        Set<String> anywhere = new LinkedHashSet<>();
        for (Column c : t.columns()) anywhere.addAll(c.marks());
        for (Row r : LatexLayout.rows(t)) for (Cell c : r.cells()) anywhere.addAll(c.marks());
        Set<String> shown = new LinkedHashSet<>();
        for (int i : layout.keep()) shown.addAll(t.columns().get(i).marks());
        List<Row> printed = new ArrayList<>(layout.transposed() ? t.rows() : t.rows().subList(0, Math.min(MAX_ROWS, t.rows().size())));
        t.total().ifPresent(printed::add);
        for (Row r : printed) {
            if (layout.transposed()) shown.addAll(r.cells().get(0).marks()); // a row's name heads its column
            for (int i : layout.keep()) shown.addAll(r.cells().get(i).marks());
        }
        return t.footnotes().stream().filter(f -> shown.contains(f.mark()) || !anywhere.contains(f.mark())).toList();
    }

    /**
     * Prose (a footnote, the statement) with the references it names in author-year form cited by
     * natbib: "Strubell et al. (2019)" becomes {@code \citet{key}}, "(Strubell et al. 2019, section 2)"
     * {@code \citep[section 2]{key}} and "(Strubell et al. 2019)" {@code \citep{key}}. The ids so cited
     * are added to {@code inline}: a citation after the prose leaves them out, else an author-year style
     * prints the same citation twice ("as in Strubell et al. (2019). (Strubell et al., 2019)").
     */
    static String prose(String raw, List<Reference> references, Set<String> inline) {
        List<Pattern> patterns = new ArrayList<>();
        List<Reference> of = new ArrayList<>();
        for (Reference r : references) {
            String name = r.bib().inText();
            // Both forms below name the authors word for word, so a reference the text does not name needs no
            // pattern (issue 20: one was compiled for every reference in every footnote, ~20 ms of a report).
            if (name.isBlank() || !raw.contains(name)) continue;
            patterns.add(Pattern.compile(Pattern.quote(name) + " \\(" + r.year() + "\\)|\\(" + Pattern.quote(name) + ",? " + r.year()
                    + "(?:, ([^()]{1,40}))?\\)"));
            of.add(r);
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            Matcher first = null;
            Reference cited = null;
            for (int i = 0; i < patterns.size(); i++) {
                Matcher m = patterns.get(i).matcher(raw);
                if (m.find(at) && (first == null || m.start() < first.start())) { first = m; cited = of.get(i); }
            }
            if (first == null) break;
            out.append(text(raw.substring(at, first.start())));
            String k = key(cited.bib().key());
            if (first.group().startsWith("(")) {
                out.append("\\citep").append(first.group(1) == null ? "" : "[" + escape(first.group(1)) + "]").append("{").append(k).append("}");
            } else {
                out.append("\\citet{").append(k).append("}");
            }
            inline.add(cited.id());
            at = first.end();
        }
        return out.append(text(raw.substring(at))).toString();
    }

    /** The notes without a letter: the compact headings used, and the columns this form leaves out. */
    private static List<String> notes(Table t, LatexLayout.Layout layout) {
        List<String> out = new ArrayList<>();
        Set<String> abbreviations = new LinkedHashSet<>();
        for (int i : layout.keep()) {
            String[] s = LatexLayout.SHORT.get(t.columns().get(i).csvName());
            if (s != null && !s[1].isEmpty()) abbreviations.add(s[1]);
        }
        if (!abbreviations.isEmpty()) out.add(String.join("; ", abbreviations) + ".");
        List<String> left = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) if (!layout.keep().contains(i)) left.add(t.columns().get(i).header());
        if (!left.isEmpty()) out.add("Left out at this width: " + String.join(", ", left) + " (in the full-width table and tables/" + t.id() + ".csv).");
        return out;
    }

    private static String row(Row r, LatexLayout.Layout layout, Table t, Map<String, String> letters) {
        List<String> cells = new ArrayList<>();
        for (int i : layout.keep()) cells.add(cellIn(t.columns().get(i), r.cells().get(i), letters));
        return String.join(" & ", cells);
    }

    private static String cellIn(Column c, Cell cell, Map<String, String> letters) {
        return (c.numeric() ? "\\carbonpaperr " : "\\carbonpaperl ") + cell(cell.text(), cell.marks(), letters, c.numeric());
    }

    private static String cell(String text, List<String> marks, Map<String, String> letters, boolean numeric) {
        // A mark without its footnote in this table would be a letter the reader cannot look up: left out.
        return breakable(text, numeric) + marks(marks.stream().filter(letters::containsKey).map(letters::get).toList());
    }

    /** Prose (captions, footnotes) with a break point in any run of more than 16 characters, so no word is wider than a column. */
    private static String text(String s) {
        return java.util.Arrays.stream(s.split(" ", -1)).map(w -> w.length() > 16 ? breakable(w, false) : escape(w))
                .collect(Collectors.joining(" "));
    }

    /**
     * Escaped text with a break point wherever {@link LatexLayout#segments} ends a piece: {@code \allowbreak}
     * in names, a discouraged break ({@code \penalty200}) after a range's dash in numbers, so a
     * range wraps at its space first.
     */
    static String breakable(String text, boolean numeric) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (String word : text.split(" ", -1)) {
            if (!first) out.append(' ');
            first = false;
            List<String> pieces = LatexLayout.segments(word, numeric);
            for (int i = 0; i < pieces.size(); i++) {
                if (i > 0) out.append(numeric ? "\\penalty200{}" : "\\allowbreak{}");
                out.append(escape(pieces.get(i)));
            }
        }
        return out.toString();
    }

    private static String marks(List<String> marks) {
        if (marks.isEmpty()) return "";
        return "\\textsuperscript{" + marks.stream().map(LatexWriter::escape).collect(Collectors.joining(",")) + "}";
    }

    /** Table ids are slugs already; this keeps a label safe even if one is not. */
    private static String label(String id) { return id.replaceAll("[^A-Za-z0-9:-]", "-"); }

    private static String oneLine(String s) { return s.replaceAll("[\\r\\n]+", " "); }

    /**
     * The compute statement as a paragraph: the report's own words, with the paper it follows cited
     * where the text names it, then the sources of the constants it used; every key it cites is in
     * {@code statement.bib} ({@link #statementBibliography}).
     */
    static String statement(Report report) {
        Statement st = report.statement();
        Set<String> inline = new LinkedHashSet<>();
        String text = prose(st.text(), st.cites(), inline);
        List<String> keys = st.sources().stream().filter(r -> !inline.contains(r.id())).map(r -> key(r.bib().key())).distinct().toList();
        StringBuilder b = new StringBuilder("% Compute statement of the carbonpaper ").append(oneLine(report.version())).append(" report.\n");
        b.append("% Cites with natbib's \\citet and \\citep (author-year or numbers); without natbib they fall back to \\cite.\n");
        b.append("% Every key it cites is in statement.bib (references.bib, the tables' bibliography, holds them too).\n");
        b.append("\\providecommand{\\citet}[1]{\\cite{#1}}\\providecommand{\\citep}[1]{\\cite{#1}}%\n");
        b.append("% The references' long URLs (a data source's page) may break at hyphens too, as they do with url's [hyphens] option.\n");
        b.append("\\makeatletter\\@ifpackageloaded{url}{\\g@addto@macro\\UrlBreaks{\\do\\-}}{}\\makeatother%\n");
        b.append("{\\emergencystretch=2em\n").append(text);
        if (!st.sourcesLine().isEmpty()) {
            b.append(" ").append(text(st.sourcesLine()));
            if (!keys.isEmpty()) b.append("~\\citep{").append(String.join(",", keys)).append("}");
            b.append(".");
        }
        b.append("\\par}\n");
        return b.toString();
    }

    /** The entries the statement cites, and no others. */
    static String statementBibliography(Report report) {
        return bibliography(report.statement().cites())
                .replaceFirst("^% References of the carbonpaper report: [^\n]*", "% References of the carbonpaper compute statement (statement.tex): the entries it cites, no others.");
    }

    /**
     * One BibTeX entry per reference, under its catalog key: the paper as {@code @inproceedings}
     * with authors, booktitle, pages and DOI, data sources as {@code @misc} or {@code @techreport}
     * with their organisation as author (braced, so BibTeX neither splits nor abbreviates it),
     * title, year, url and a plain note; natbib's plainnat and its numeric mode set them all.
     */
    static String bibliography(List<Reference> references) {
        StringBuilder b = new StringBuilder("% References of the carbonpaper report: a BibTeX entry for every source its statement and tables cite.\n");
        for (Reference r : references) {
            var e = r.bib();
            b.append("\n@").append(e.type()).append("{").append(key(e.key())).append(",\n");
            field(b, "author", e.author());
            field(b, "title", e.title());
            switch (e.type()) {
                case "inproceedings" -> field(b, "booktitle", e.venue());
                case "article" -> field(b, "journal", e.venue());
                case "techreport" -> field(b, "institution", e.venue());
                default -> field(b, "howpublished", e.venue());
            }
            field(b, "volume", e.volume());
            field(b, "pages", e.pages());
            field(b, "year", String.valueOf(r.year()));
            if (!e.eprint().isBlank() && !e.type().equals("article")) field(b, "howpublished", "arXiv:" + e.eprint());
            if (!e.doi().isBlank()) b.append("  doi = {").append(e.doi().replaceAll("[{}\\\\%#]", "")).append("},\n");
            if (!r.url().isBlank()) b.append("  url = {").append(url(r.url())).append("},\n");
            field(b, "note", e.note());
            b.setLength(b.length() - 2);
            b.append("\n}\n");
        }
        return b.toString();
    }

    /**
     * A field of text: the catalog's BibTeX text as it is (braces for capitals and names, {@code \\&}),
     * but with unbalanced braces removed, and the characters pdflatex would read as specials escaped.
     */
    private static void field(StringBuilder b, String name, String value) {
        if (value == null || value.isBlank()) return;
        b.append("  ").append(name).append(" = {").append(bibText(value)).append("},\n");
    }

    static String bibText(String v) {
        StringBuilder o = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() && v.charAt(i + 1) == '&') { o.append("\\&"); i++; continue; }
            if (c == '{') { depth++; o.append(c); continue; }
            if (c == '}') { if (depth > 0) { depth--; o.append(c); } continue; }
            o.append(c == '&' || c == '%' || c == '$' || c == '#' || c == '_' ? "\\" + c : escape(String.valueOf(c)));
        }
        o.append("}".repeat(depth));
        return o.toString();
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
     * A standalone document when compiled on its own; when a paper {@code \\input}s it (detected by
     * {@code \\documentclass} having run already) it only sets the statement and the tables, from
     * the folder {@code \\carbonpaperdir} (default {@code latex/}), and leaves the bibliography to
     * the paper. The tables are the single-column forms unless {@code \\carbonpaperwide} is defined
     * (the full-width {@code table*} forms); standalone, the full-width forms.
     */
    static String appendix(Report report) {
        StringBuilder b = new StringBuilder();
        b.append("% Appendix of the carbonpaper ").append(oneLine(report.version())).append(" report: the compute statement and every table.\n");
        b.append("% On its own:      pdflatex appendix; bibtex appendix; pdflatex appendix; pdflatex appendix\n");
        b.append("% From a paper:    \\usepackage{booktabs} and \\usepackage{url} in the preamble (natbib is optional), then \\input{latex/appendix}\n");
        b.append("%                  (set \\newcommand{\\carbonpaperdir}{path/} first if the folder is not latex/),\n");
        b.append("%                  and add latex/references.bib to the paper's \\bibliography.\n");
        b.append("% Table width:     single-column tables (table, for ACL/EMNLP, ICML, AAAI columns) unless the paper says\n");
        b.append("%                  \\newcommand{\\carbonpaperwide}{} first: full-width tables (table*, NeurIPS/ICLR, or across two columns).\n");
        b.append("\\makeatletter\n");
        b.append("\\ifx\\documentclass\\@twoclasseserror\n");
        b.append("  \\providecommand{\\carbonpaperdir}{latex/}\\let\\cp@start\\relax\\let\\cp@finish\\relax\n");
        b.append("\\else\n");
        b.append("  \\def\\carbonpaperdir{}\\def\\carbonpaperwide{}\n");
        b.append("  \\def\\cp@start{\\documentclass[a4paper]{article}\\usepackage[T1]{fontenc}\\usepackage{booktabs}\\usepackage{url}\\usepackage[numbers]{natbib}\\begin{document}}\n");
        b.append("  \\def\\cp@finish{\\bibliographystyle{plainnat}\\bibliography{references}\\end{document}}\n");
        b.append("\\fi\n");
        b.append("\\ifx\\carbonpaperwide\\undefined\\def\\cp@form{}\\else\\def\\cp@form{-wide}\\fi\n");
        b.append("\\makeatother\n");
        b.append("\\csname cp@start\\endcsname\n");
        b.append("\\section*{").append(escape("Energy, CO\u2082e and cost of the experiments")).append("}\n");
        b.append("\\input{\\carbonpaperdir statement}\n");
        for (Table t : report.tables()) b.append("\\input{\\carbonpaperdir ").append(t.id()).append("\\csname cp@form\\endcsname}\n");
        b.append("\\csname cp@finish\\endcsname\n");
        return b.toString();
    }
}
