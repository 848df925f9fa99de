package io.carbonpaper.render;

import io.carbonpaper.report.Report;
import io.carbonpaper.report.SampleReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LatexWriterTest {
    @Test void hostileNameLeavesNoActiveCharacter() {
        String e = LatexWriter.escape(SampleReports.HOSTILE);
        assertThat(e).isEqualTo("\\textless{}script\\textgreater{}\\&\\textquotedbl{}'\\textbar{}\\textbackslash{}\\textasciicircum{}\\_\\%\\$\\#"
                + "\\textbraceleft{}\\textbraceright{}\\textasciitilde{}=+-@");
        // every remaining special character is part of a command we wrote
        String stripped = e.replaceAll("\\\\[a-z]+\\{\\}", "").replaceAll("\\\\[&%$#_]", "");
        assertThat(stripped).doesNotContain("\\", "{", "}", "$", "&", "#", "^", "_", "%", "~", "<", ">", "|");
    }

    @Test void typographicCharactersBecomeLatexAndUnsettableOnesAQuestionMark() {
        assertThat(LatexWriter.escape("CO\u2082e \u2013 \u2212 1 \u00d7 2 caf\u00e9 \u4e2d")).isEqualTo("CO\\textsubscript{2}e -- \\ensuremath{-} 1 \\ensuremath{\\times} 2 caf\u00e9 ?");
        assertThat(LatexWriter.escape("a--b [x] *y")).isEqualTo("a-{}-b {[}x{]} {*}y");
        // A hyphen next to an en or em dash would typeset as one longer dash (found by TablePropertiesTest).
        assertThat(LatexWriter.escape("a-\u2013b \u2013- \u2013\u2014")).isEqualTo("a-{}--b --{}- --{}---");
        assertThat(LatexWriter.escape("line\nbreak\ttab")).isEqualTo("line break tab");
    }

    @Test void tableHasBooktabsCaptionLabelRightAlignedNumbersAndMarks() {
        Report r = SampleReports.standard();
        String tex = LatexWriter.table(r.tables().get(0), r);
        assertThat(tex).contains("\\begin{table}[tbp]", "\\toprule", "\\midrule", "\\bottomrule", "\\caption{Estimated cost", "\\label{tab:training-cost}",
                "\\carbonpaperr ", "\\textsuperscript{a}", "Total (4 experiments, 3 with an energy figure)", "\\citet{strubell-etal-2019-energy}", "\\citep{uptime-2018}");
        assertThat(tex).doesNotContain("<script>");
        String wide = LatexWriter.table(r.tables().get(0), r, LatexLayout.Form.WIDE);
        assertThat(wide).contains("\\begin{table*}[tp]", "\\end{table*}", "\\label{tab:training-cost}");
    }

    @Test void footnotesAreLetteredFromAInEachTableAndSetLeftAligned() {
        Report r = SampleReports.standard();
        for (var t : r.tables()) {
            for (LatexLayout.Form form : LatexLayout.Form.values()) {
                String tex = LatexWriter.table(t, r, form);
                List<String> letters = new java.util.ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\\\textsuperscript\\{([a-z]+)\\}~").matcher(tex);
                while (m.find()) letters.add(m.group(1));
                // The full-width form sets every column and (in the sample) every row: every footnote of the table.
                if (form == LatexLayout.Form.WIDE) assertThat(letters).as(t.id() + " footnotes").hasSize(t.footnotes().size());
                for (int i = 0; i < letters.size(); i++) assertThat(letters.get(i)).isEqualTo(io.carbonpaper.report.Footnote.markAt(i));
                // every mark in the table is one of its footnotes, and every footnote's letter is found in the table
                java.util.Set<String> marked = new java.util.HashSet<>();
                String body = tex.substring(0, tex.indexOf("\\bottomrule"));
                java.util.regex.Matcher used = java.util.regex.Pattern.compile("\\\\textsuperscript\\{([a-z,]+)\\}").matcher(body);
                while (used.find()) marked.addAll(List.of(used.group(1).split(",")));
                assertThat(marked).as(t.id() + " " + form + ": marks in the table").containsExactlyInAnyOrderElementsOf(letters);
                if (!letters.isEmpty()) assertThat(tex).contains("{\\footnotesize\\raggedright\n");
            }
        }
    }

    @Test void singleColumnFormLeavesOutColumnsOnlyWithANoteAndNamesThem() {
        Report r = SampleReports.standard();
        var t = r.table("training-cost").orElseThrow();
        String tex = LatexWriter.table(t, r);
        assertThat(tex).contains("Left out at this width: ").contains("Energy source (in the full-width table and tables");
        assertThat(LatexWriter.table(t, r, LatexLayout.Form.WIDE)).doesNotContain("Left out").contains("Source");
    }

    @Test void longNamesGetBreakPointsAndRangesBreakAtTheirSpaceFirst() {
        assertThat(LatexWriter.breakable("A100-SXM4-40GBx2", false)).isEqualTo("A100-\\allowbreak{}SXM4-\\allowbreak{}40GBx2");
        assertThat(LatexWriter.breakable("abcdefghijklmnopqrstuvwxyz", false)).isEqualTo("abcdefghij\\allowbreak{}klmnopqrst\\allowbreak{}uvwxyz");
        assertThat(LatexWriter.breakable("196 (134\u2013337)", true)).isEqualTo("196 (134--\\penalty200{}337)");
    }

    @Test void bibliographyHasAProperEntryPerReferenceUnderItsCatalogKey() {
        Report r = SampleReports.standard();
        String bib = LatexWriter.bibliography(r.references());
        for (var ref : r.references()) assertThat(bib).contains("{" + ref.bib().key() + ",\n  author = {");
        // The paper under the ACL Anthology key people cite it by, with what a proceedings entry needs.
        assertThat(bib).contains("@inproceedings{strubell-etal-2019-energy,\n  author = {Strubell, Emma and Ganesh, Ananya and McCallum, Andrew},\n"
                + "  title = {Energy and Policy Considerations for Deep Learning in {NLP}},\n"
                + "  booktitle = {Proceedings of the 57th Annual Meeting of the Association for Computational Linguistics},\n"
                + "  pages = {3645--3650},\n  year = {2019},\n  doi = {10.18653/v1/P19-1355},");
        // A data source: the organisation braced as one name, a plain note, no carbonpaper id.
        assertThat(bib).contains("@misc{uptime-2019,\n  author = {{Uptime Institute}},\n  title = {Uptime Institute Global Data Center Survey 2019},\n")
                .contains("  note = {Average PUE 1.67}\n}").doesNotContain("carbonpaper source id");
        assertThat(bib.chars().filter(c -> c == '{').count()).isEqualTo(bib.chars().filter(c -> c == '}').count());
        assertThat(LatexWriter.url("https://x.org/a b{c}%#")).isEqualTo("https://x.org/a\\%20b\\%7Bc\\%7D\\%\\#");
    }

    /** The training-cost table's single-column form leaves out the cloud-cost column: its price footnotes go with it. */
    @Test void singleColumnFormLeavesOutTheFootnotesOfTheColumnsItLeavesOut() {
        Report r = SampleReports.standard();
        var t = r.table("training-cost").orElseThrow();
        String column = LatexWriter.table(t, r), wide = LatexWriter.table(t, r, LatexLayout.Form.WIDE);
        assertThat(column).contains("Left out at this width: ").contains("Cloud compute cost");
        String under = "\\bottomrule";
        assertThat(wide.substring(wide.indexOf(under))).contains("pre-emptible");
        assertThat(column.substring(column.indexOf(under))).doesNotContain("pre-emptible");
    }

    /** An author-year style would print "as in Strubell et al. (2019). (Strubell et al., 2019)" for a name followed by \\citep. */
    @Test void aReferenceNamedInTheProseIsCitedThereAndNotAgainAfterIt() {
        Report r = SampleReports.standard();
        String tex = LatexWriter.table(r.table("training-cost").orElseThrow(), r, LatexLayout.Form.WIDE);
        assertThat(tex).contains("as in \\citet{strubell-etal-2019-energy}.").doesNotContain("Strubell et al. (2019)")
                .doesNotContain("\\citet{strubell-etal-2019-energy}.~\\citep");
        java.util.Set<String> inline = new java.util.HashSet<>();
        assertThat(LatexWriter.prose("Projected (Strubell et al. 2019, section 2); see Strubell et al. (2019) and (Strubell et al. 2019).",
                r.references(), inline)).isEqualTo("Projected \\citep[section 2]{strubell-etal-2019-energy}; see \\citet{strubell-etal-2019-energy}"
                + " and \\citep{strubell-etal-2019-energy}.");
        assertThat(inline).containsExactly("strubell-2019");
        // A name in a longer parenthesis, or another year, is prose.
        assertThat(LatexWriter.prose("(EPA, as used by Strubell et al. 2019) Strubell et al. (2020)", r.references(), new java.util.HashSet<>()))
                .isEqualTo("(EPA, as used by Strubell et al. 2019) Strubell et al. (2020)");
    }

    @Test void statementCitesThePaperAndTheConstantsSources() {
        String s = LatexWriter.statement(SampleReports.standard());
        assertThat(s).contains("following \\citet{strubell-etal-2019-energy}.", "published sources~\\citep{uptime-2018,", "kWh", "CO\\textsubscript{2}e", "PUE of 1.58");
    }

    /**
     * Compiles appendix.tex with a real pdflatex, standalone and \input from a paper. Runs only
     * where pdflatex is installed (texlive-latex-base and texlive-latex-recommended); CI does not
     * install TeX, so there it is skipped.
     */
    @Test void appendixCompilesWithPdflatexStandaloneAndFromAPaper(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("pdflatex"), "pdflatex not installed");
        Report r = SampleReports.standard();
        try (SiteWriter site = SiteWriter.open(dir.resolve("site"), false)) {
            LatexWriter.write(r, site);
            site.commit();
        }
        Path latex = dir.resolve("site/latex");
        assertThat(pdflatex(latex, "appendix")).as(log(latex.resolve("appendix.log"))).isZero();
        assertThat(latex.resolve("appendix.pdf")).exists();
        Files.writeString(dir.resolve("site/paper.tex"), "\\documentclass{article}\n\\usepackage[T1]{fontenc}\\usepackage{booktabs}\\usepackage{url}\n"
                + "\\begin{document}\nOur paper; see Table~\\ref{tab:training-cost}.\n\\input{latex/appendix}\n\\end{document}\n");
        assertThat(pdflatex(dir.resolve("site"), "paper")).as(log(dir.resolve("site/paper.log"))).isZero();
        assertThat(Files.readString(dir.resolve("site/paper.log"), StandardCharsets.ISO_8859_1)).doesNotContain("Undefined control sequence");
    }

    private static int pdflatex(Path dir, String job) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", job + ".tex").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(job + ".out").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String log(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "no log: " + e.getMessage();
        }
    }

    static boolean onPath(String command) {
        for (String d : Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator))
            if (Files.isExecutable(Path.of(d, command))) return true;
        return false;
    }

}
