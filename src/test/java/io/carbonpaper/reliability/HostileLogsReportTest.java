package io.carbonpaper.reliability;

import io.carbonpaper.cli.Main;
import io.carbonpaper.render.SiteWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code carbonpaper report} end to end over hostile logs: broken files of every format beside a
 * good experiment, names built to inject into HTML, CSV and paths, a template that fails half-way
 * through writing, and an output folder inside the logs. Nothing crashes, nothing is lost,
 * nothing under LOGS changes, nothing injected runs.
 */
class HostileLogsReportTest {
    private static final Duration HANG = Duration.ofMinutes(3);
    /** Characters that mean something to HTML, LaTeX, Markdown, spreadsheets and shells. */
    static final String HOSTILE = "=HYPERLINK(\"x\")<script>alert(1)</script>&amp;\"'|\\^_%$#{}~`../../etc";
    private static final String GOOD = "name: good run\nhardware:\n  accelerator: V100\n  count: 2\nhours: 10\n";

    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run report(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] all = Stream.concat(Stream.of("report"), Stream.of(args)).toArray(String[]::new);
        int code = assertTimeoutPreemptively(HANG, () -> Main.run(all, new PrintWriter(out), new PrintWriter(err)));
        return new Run(code, out.toString(), err.toString());
    }

    private static void write(Path f, byte[] b) throws IOException {
        Files.createDirectories(f.getParent());
        Files.write(f, b);
    }

    private static void write(Path f, String s) throws IOException { write(f, s.getBytes(StandardCharsets.UTF_8)); }

    private static void assertNoStackTrace(Run r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContainPattern("(?m)^(java|io|com|org)\\.[\\w.]+(Exception|Error)");
    }

    /** Every file under {@code root} (skipping {@code except}) with its SHA-256, path-sorted. */
    static Map<String, String> hashes(Path root, Path except) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (except != null && p.startsWith(except)) continue;
                String rel = root.relativize(p).toString();
                if (Files.isDirectory(p)) out.put(rel + "/", "dir");
                else out.put(rel, sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String allText(Path site, String suffix) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(site)) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.toString().endsWith(suffix))::iterator) b.append(Files.readString(p)).append('\n');
        }
        return b.toString();
    }

    @Test void brokenExperimentsBesideAGoodOneAreCountedAndTheGoodOneReported() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("good/experiment.yaml"), GOOD);
        int files = 0;
        List<String> mustBeNamed = new java.util.ArrayList<>();
        for (BrokenInputs.Case c : BrokenInputs.cases().toList()) {
            if (c.corruption() == BrokenInputs.Corruption.HUGE_LINE) continue; // the corpus test covers it; 250 MB is too much here
            String folder = "broken-" + c.sample().format() + "-" + c.corruption().name().toLowerCase();
            write(logs.resolve(folder).resolve(c.sample().fileName()), c.bytes());
            files++;
            // A file no reader recognises (empty, garbage, a gzip cut before its head) is named too: as a note
            // saying what it looks like, in the data-quality section.
            if (c.corruption().needsComplaint()) mustBeNamed.add(folder);
        }
        Map<String, String> before = hashes(logs, null);
        Run r = report(logs.toString(), "--out", dir.resolve("site").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertNoStackTrace(r);
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("good run");
        // Every problem is printed as file:line: message, the file relative to LOGS.
        assertThat(r.err().lines().filter(l -> l.startsWith("broken-"))).allMatch(l -> l.matches("broken-[^:]+(:\\d+)?: .+"));
        // Every breakage that must be said is said, on stderr or in the site's data-quality section.
        String site = allText(dir.resolve("site"), ".html");
        assertThat(mustBeNamed).allSatisfy(f -> assertThat(r.err().contains(f + "/") || site.contains(f + "/"))
                .as("%s is named on stderr or in the site", f).isTrue());
        long brokenMentioned = r.err().lines().filter(l -> l.startsWith("broken-")).map(l -> l.substring(0, l.indexOf('/'))).distinct().count();
        assertThat(r.out()).containsPattern("\\d+ problems");
        assertThat(hashes(logs, null)).isEqualTo(before);
        System.out.println("end-to-end: " + files + " broken files, " + brokenMentioned + " broken experiments named on stderr");
    }

    @Test void aTemplateFailingHalfwayLeavesThePreviousSiteIntactByteForByte() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("a/experiment.yaml"), GOOD);
        write(logs.resolve("b/experiment.yaml"), GOOD.replace("good run", "second run"));
        Path site = dir.resolve("site");
        assertThat(report(logs.toString(), "--out", site.toString()).code()).isZero();
        Map<String, String> before = hashes(site, null);

        // index.html renders; the experiment pages, written after it, fail.
        Path templates = dir.resolve("templates");
        write(templates.resolve("experiment.ftlh"), "<p>half</p>${no_such_value.field}");
        Run r = report(logs.toString(), "--out", site.toString(), "--templates", templates.toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("experiment.ftlh");
        assertNoStackTrace(r);
        assertThat(hashes(site, null)).isEqualTo(before);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no staging folder left behind").noneMatch(n -> n.contains(".tmp-") || n.contains(".old-"));
        }
    }

    @Test void logsAreNeverModifiedEvenWithTheSiteInsideThem() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("a/experiment.yaml"), GOOD);
        write(logs.resolve("a/gpu.csv"), BrokenInputs.smiCsv().valid());
        Path site = logs.resolve("site");
        Map<String, String> before = hashes(logs, null);
        // A new site inside the logs is refused (OutputPlaceTest has the rest).
        Run refused = report(logs.toString(), "--out", site.toString());
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(hashes(logs, null)).isEqualTo(before);
        // One that is already there (copied in, or written by an older carbonpaper) is rewritten, never read.
        Run elsewhere = report(logs.toString(), "--out", dir.resolve("elsewhere").toString());
        Files.move(dir.resolve("elsewhere"), site);
        Run first = report(logs.toString(), "--out", site.toString());
        Run second = report(logs.toString(), "--out", site.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(hashes(logs, site)).isEqualTo(before);
        assertThat(second.out()).isEqualTo(first.out()).isEqualTo(elsewhere.out().replace("elsewhere", "logs/site"));
    }

    @Test void aFolderWithoutTheMarkerIsNeverReplaced() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("a/experiment.yaml"), GOOD);
        Path theirs = dir.resolve("thesis");
        write(theirs.resolve("chapter1.tex"), "precious");
        for (String force : new String[] {"--strict", "--force"}) {
            Run r = report(logs.toString(), "--out", theirs.toString(), force);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("does not write");
            assertNoStackTrace(r);
            assertThat(hashes(theirs, null)).containsOnlyKeys("/", "chapter1.tex").containsEntry("chapter1.tex", sha256("precious".getBytes()));
        }
    }

    @Test void namesFromLogsAreEscapedInHtmlNeutralisedInCsvAndNeverBecomePaths() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("good/experiment.yaml"), GOOD);
        String yamlName = HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"");
        write(logs.resolve("evil/experiment.yaml"), "name: \"" + yamlName + "\"\nhardware:\n  accelerator: V100\n  count: 1\nhours: 2\n"
                + "metrics:\n  \"" + yamlName + "\": 1.5\nhyperparameters:\n  \"" + yamlName + "\": \"" + yamlName + "\"\n");
        // A folder (experiment key) and a file name with markup in them.
        write(logs.resolve("<img src=x onerror=alert(2)>/experiment.yaml"), GOOD.replace("good run", "folder run"));
        write(logs.resolve("good/<svg onload=alert(3)>.csv"), "not a log\n");
        Path site = dir.resolve("site");
        Run r = report(logs.toString(), "--out", site.toString());
        assertNoStackTrace(r);

        String html = allText(site, ".html");
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg onload");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        for (String line : allText(site, ".csv").lines().toList()) {
            for (String cell : line.split(",")) {
                String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(c).as("CSV cell %s", cell).doesNotStartWith("=HYPERLINK");
            }
        }
        assertThat(allText(site, ".csv")).contains("'=HYPERLINK");
        // Every written file is inside the site and named by a slug.
        try (Stream<Path> s = Files.walk(site)) {
            List<Path> all = s.filter(Files::isRegularFile).toList();
            assertThat(all).allSatisfy(p -> assertThat(p.toRealPath()).startsWith(site.toRealPath()));
            assertThat(all).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("[a-z0-9.-]+|" + java.util.regex.Pattern.quote(SiteWriter.MARKER)));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("logs", "site");
        }
    }

    @Test void templatesNeverTurnAutoEscapingOff() throws IOException {
        Path templates = Path.of("templates");
        assertThat(templates).isDirectory();
        try (Stream<Path> s = Files.walk(templates)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String t = Files.readString(p);
                assertThat(t).as(p.toString()).doesNotContain("?no_esc").doesNotContain("<#noautoesc").doesNotContain("[#noautoesc")
                        .doesNotContain("output_format=\"plainText\"").doesNotContain("auto_esc=false");
                if (p.toString().endsWith(".ftl")) throw new AssertionError(p + ": use .ftlh, which FreeMarker escapes for HTML by default");
            }
        }
    }

    @Test void theSiteForbidsRemoteLoadsAndInlineScript() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("a/experiment.yaml"), GOOD);
        Path site = dir.resolve("site");
        assertThat(report(logs.toString(), "--out", site.toString()).code()).isZero();
        List<Path> pages;
        try (Stream<Path> s = Files.walk(site)) {
            pages = s.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(pages).hasSizeGreaterThan(1);
        for (Path p : pages) {
            String html = Files.readString(p);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(html);
            assertThat(m.find()).as(p + " has a CSP").isTrue();
            Map<String, String> csp = new TreeMap<>();
            for (String d : m.group(1).split(";")) {
                String[] kv = d.strip().split("\\s+", 2);
                csp.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            assertThat(csp).containsEntry("default-src", "'none'");
            assertThat(csp.get("script-src")).isEqualTo("'self'");
            assertThat(csp.values()).noneMatch(v -> v.contains("http") || v.contains("unsafe-inline") || v.contains("unsafe-eval") || v.contains("*"));
            // No inline script at all: every <script> loads a file of the site.
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContainPattern("\\son[a-z]+=");
        }
    }
}
