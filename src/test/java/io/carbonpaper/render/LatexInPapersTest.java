package io.carbonpaper.render;

import io.carbonpaper.report.Report;
import io.carbonpaper.report.SampleReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Puts the generated LaTeX into the papers it is written for and compiles them with pdflatex:
 * a two-column article at ACL's geometry (11 pt, 16 cm text, 0.6 cm gap: a 7.7 cm column), one at
 * ICML's (10 pt, 6.75 in text, 0.25 in gap) and a single-column one at NeurIPS's (10 pt, 5.5 in),
 * each {@code \input}ting appendix.tex in the single-column and the full-width form. Any
 * "Overfull \hbox" in a log fails the test: a table, a caption or a footnote runs past the line.
 *
 * <p>Inputs: the committed site's LaTeX (the sample's report and its nested project, which
 * SampleReportTest keeps identical to a fresh report) and {@link SampleReports#standard()}
 * (a name of every special character). Needs pdflatex (Debian's texlive-latex-base,
 * texlive-latex-recommended); skipped without it, except under {@code CI=true}, where its absence fails.
 */
class LatexInPapersTest {
    static final Path COMMITTED = Path.of("site");

    /** The papers: document class options and the geometry that gives their text and column widths. */
    static final List<String[]> PAPERS = List.of(
            new String[]{"acl", "11pt,twocolumn", "a4paper,textwidth=16cm,columnsep=0.6cm,textheight=24.7cm"},
            new String[]{"icml", "10pt,twocolumn", "letterpaper,textwidth=6.75in,columnsep=0.25in,textheight=9in"},
            new String[]{"neurips", "10pt", "letterpaper,textwidth=5.5in,textheight=9in"});

    @TempDir static Path tmp;

    @BeforeAll static void needsPdflatex() {
        if (!LatexWriterTest.onPath("pdflatex")) {
            String why = "pdflatex is needed (apt-get install texlive-latex-base texlive-latex-recommended)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + why);
            assumeTrue(false, why);
        }
    }

    @Test void sampleTablesFitEveryPaperInBothForms() throws Exception {
        for (Path latex : latexFolders(COMMITTED)) assertFits(latex);
    }

    @Test void hostileNamesFitEveryPaperInBothForms() throws Exception {
        Report r = SampleReports.standard();
        Path site = tmp.resolve("hostile");
        try (SiteWriter w = SiteWriter.open(site, false)) {
            LatexWriter.write(r, w);
            w.commit();
        }
        assertFits(site.resolve("latex"));
    }

    /**
     * The statement and the tables in an ACL-sized paper, run through pdflatex, bibtex and pdflatex
     * twice, with natbib author-year ({@code [round]}, as ACL's template) and numeric ({@code [numbers]}): every citation is
     * defined, bibtex warns of nothing, and the PDF reads "following Strubell et al. (2019)" or
     * "Strubell et al. [1]", never a raw key.
     */
    @Test void statementCitesResolveWithBibtexAuthorYearAndNumeric() throws Exception {
        needsBibtex();
        for (Path latex : latexFolders(COMMITTED)) {
            for (String natbib : new String[]{"round", "numbers"}) {
                String job = "cites-" + natbib;
                Path dir = Files.createTempDirectory(tmp, job);
                String[] paper = {"acl", "11pt,twocolumn", PAPERS.get(0)[2]};
                write(dir, latex, paper, false, job, natbib);
                for (String[] step : new String[][]{{"pdflatex"}, {"bibtex"}, {"pdflatex"}, {"pdflatex"}}) {
                    String[] cmd = step[0].equals("bibtex") ? new String[]{"bibtex", job}
                            : new String[]{"pdflatex", "-interaction=nonstopmode", "-halt-on-error", job + ".tex"};
                    int rc = run(dir, cmd);
                    String out = step[0].equals("bibtex") ? Files.readString(dir.resolve(job + ".blg"), StandardCharsets.ISO_8859_1)
                            : Files.readString(dir.resolve(job + ".log"), StandardCharsets.ISO_8859_1);
                    assertThat(rc).as(latex + " " + job + ": " + step[0] + "\n" + tail(out)).isZero();
                    if (step[0].equals("bibtex")) assertThat(out).as(latex + " " + job + ".blg").doesNotContain("Warning--", "error message");
                }
                String log = Files.readString(dir.resolve(job + ".log"), StandardCharsets.ISO_8859_1);
                assertThat(log).as(latex + " " + job + ".log").doesNotContain("undefined", "Overfull \\hbox");
                String bbl = Files.readString(dir.resolve(job + ".bbl"), StandardCharsets.ISO_8859_1);
                String text;
                try (var pdf = org.apache.pdfbox.Loader.loadPDF(dir.resolve(job + ".pdf").toFile())) {
                    text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ").replaceAll("(\\p{L})- (\\p{Ll})", "$1$2"); // lines joined, hyphenation undone
                }
                assertThat(text).as(latex + " " + job).doesNotContain("strubell-", "?]", "(?)")
                        .contains("Emma Strubell, Ananya Ganesh, and Andrew McCallum. Energy and policy considerations for deep learning in NLP. In");
                assertThat(text).as(latex + " " + job).contains(natbib.equals("round") ? "following Strubell et al. (2019)" : "following Strubell et al. [");
                // Every source the statement and the tables cite is in the bibliography, and nothing else.
                int cited = (int) Pattern.compile("\\\\bibitem").matcher(bbl).results().count();
                int entries = (int) Pattern.compile("(?m)^@").matcher(Files.readString(latex.resolve("references.bib"))).results().count();
                assertThat(cited).as(latex + " entries cited").isEqualTo(entries);
            }
        }
    }

    /**
     * The statement alone in an ACL-sized paper that cites from statement.bib: every citation resolves,
     * every entry of statement.bib is cited (it holds only what the statement cites), and the PDF
     * reads the statement's own words with author-year citations.
     */
    @Test void statementAloneCitesExactlyTheEntriesOfStatementBib() throws Exception {
        needsBibtex();
        for (Path latex : latexFolders(COMMITTED)) {
            String job = "statement";
            Path dir = Files.createTempDirectory(tmp, job);
            Path copy = dir.resolve("latex");
            Files.createDirectories(copy);
            try (Stream<Path> s = Files.list(latex)) {
                for (Path p : s.toList()) Files.copy(p, copy.resolve(p.getFileName()));
            }
            Files.writeString(dir.resolve(job + ".tex"), "\\documentclass[11pt,twocolumn]{article}\n"
                    + "\\usepackage[T1]{fontenc}\\usepackage[" + PAPERS.get(0)[2] + "]{geometry}\\usepackage{url}\\usepackage[round]{natbib}\n"
                    + "\\begin{document}\n\\section*{Compute}\\input{latex/statement}\n"
                    + "\\bibliographystyle{plainnat}\\bibliography{latex/statement}\n\\end{document}\n", StandardCharsets.UTF_8);
            for (String step : new String[]{"pdflatex", "bibtex", "pdflatex", "pdflatex"}) {
                int rc = step.equals("bibtex") ? run(dir, "bibtex", job) : run(dir, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", job + ".tex");
                String out = Files.readString(dir.resolve(job + (step.equals("bibtex") ? ".blg" : ".log")), StandardCharsets.ISO_8859_1);
                assertThat(rc).as(latex + ": " + step + "\n" + tail(out)).isZero();
                if (step.equals("bibtex")) assertThat(out).as(latex + " statement.blg").doesNotContain("Warning--", "error message");
            }
            String log = Files.readString(dir.resolve(job + ".log"), StandardCharsets.ISO_8859_1);
            assertThat(log).as(latex + " statement.log").doesNotContain("undefined", "Overfull \\hbox");
            int cited = (int) Pattern.compile("\\\\bibitem").matcher(Files.readString(dir.resolve(job + ".bbl"), StandardCharsets.ISO_8859_1)).results().count();
            int entries = (int) Pattern.compile("(?m)^@").matcher(Files.readString(latex.resolve("statement.bib"))).results().count();
            assertThat(cited).as(latex + ": statement.bib entries, each cited").isEqualTo(entries).isGreaterThan(1);
            String text;
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(dir.resolve(job + ".pdf").toFile())) {
                text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ").replaceAll("(\\p{L})- (\\p{Ll})", "$1$2");
            }
            assertThat(text).as(latex.toString()).contains("Estimated with carbonpaper following Strubell et al. (2019).",
                    "come from published sources (").doesNotContain("(?)", "?]", "Strubell et al. (2019). (Strubell");
        }
    }

    static void needsBibtex() {
        if (!LatexWriterTest.onPath("bibtex")) {
            String why = "bibtex is needed (apt-get install texlive-latex-base)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + why);
            assumeTrue(false, why);
        }
    }

    static List<Path> latexFolders(Path site) throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(site.resolve("latex"));
        if (Files.isDirectory(site.resolve("projects"))) {
            try (Stream<Path> s = Files.list(site.resolve("projects"))) {
                s.sorted().forEach(p -> out.add(p.resolve("latex")));
            }
        }
        return out;
    }

    private static void assertFits(Path latex) throws Exception {
        for (String[] paper : PAPERS) {
            for (boolean wide : new boolean[]{false, true}) {
                String job = paper[0] + (wide ? "-wide" : "-column");
                Path dir = Files.createTempDirectory(tmp, job);
                String log = compile(dir, latex, paper, wide, job);
                List<String> overfull = overfull(log);
                assertThat(overfull).as(latex + " in " + job + ": overfull boxes").isEmpty();
            }
        }
    }

    /** Writes the paper beside a copy of the LaTeX folder and runs pdflatex twice; returns the log. */
    static String compile(Path dir, Path latex, String[] paper, boolean wide, String job) throws IOException, InterruptedException {
        write(dir, latex, paper, wide, job, "");
        int rc = run(dir, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", job + ".tex");
        String log = Files.readString(dir.resolve(job + ".log"), StandardCharsets.ISO_8859_1);
        assertThat(rc).as(job + " compiles:\n" + tail(log)).isZero();
        return log;
    }

    /** The paper {@code job.tex}, with natbib's options {@code natbib}, beside a copy of the LaTeX folder. */
    static void write(Path dir, Path latex, String[] paper, boolean wide, String job, String natbib) throws IOException {
        Path copy = dir.resolve("latex");
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(latex)) {
            for (Path p : s.toList()) Files.copy(p, copy.resolve(p.getFileName()));
        }
        Files.writeString(dir.resolve(job + ".tex"), "\\documentclass[" + paper[1] + "]{article}\n"
                + "\\usepackage[T1]{fontenc}\\usepackage[" + paper[2] + "]{geometry}\n"
                + "\\usepackage{booktabs}\\usepackage{url}\\usepackage[" + natbib + "]{natbib}\n"
                + (wide ? "\\newcommand{\\carbonpaperwide}{}\n" : "")
                + "\\begin{document}\nThe paper. See Table~\\ref{tab:training-cost}.\n\\input{latex/appendix}\n"
                + "\\bibliographystyle{plainnat}\\bibliography{latex/references}\n\\end{document}\n", StandardCharsets.UTF_8);
    }

    static int run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(command[0] + ".out").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static final Pattern OVERFULL = Pattern.compile("Overfull \\\\hbox[^\\n]*\\n(?:[^\\n]*\\n){0,2}");

    /** Each "Overfull \hbox" warning of the log with the lines after it (which show the text that ran over). */
    static List<String> overfull(String log) {
        List<String> out = new ArrayList<>();
        Matcher m = OVERFULL.matcher(log);
        while (m.find()) out.add(m.group());
        return out;
    }

    static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }
}
