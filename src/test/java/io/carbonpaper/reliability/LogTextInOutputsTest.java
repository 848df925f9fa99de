package io.carbonpaper.reliability;

import io.carbonpaper.model.LogText;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.report.Report;
import io.carbonpaper.task.SiteOutputs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No control character and no bidirectional control from a name in a logs folder reaches any output
 * (issue 16, item 6): HTML, SVG, CSV, Markdown, LaTeX and the terminal, and the PDF is still made.
 */
class LogTextInOutputsTest {
    @TempDir Path dir;

    /** The first character of {@code s} that no output may hold (tab and line breaks are markup's white space), or -1. */
    static int firstActing(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') continue;
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069".indexOf(c) >= 0) return i;
        }
        return -1;
    }

    static void assertNoActingCharacter(Path site) throws IOException {
        List<Path> texts;
        try (Stream<Path> s = Files.walk(site)) {
            texts = s.filter(p -> p.toString().matches(".*\\.(html|svg|csv|md|tex|bib|txt|json)$")).sorted().toList();
        }
        assertThat(texts).isNotEmpty();
        for (Path p : texts) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            int at = firstActing(text);
            assertThat(at).as("%s holds U+%04X near '%s'", site.relativize(p), at < 0 ? 0 : (int) text.charAt(at),
                    at < 0 ? "" : text.substring(Math.max(0, at - 30), at)).isEqualTo(-1);
        }
    }

    @Provide Arbitrary<List<TablePropertiesTest.Spec>> hostileProjects() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('\u0000', '\u00A0').withChars("\u202E\u2066\u200F\u2028x\u00e9")
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<TablePropertiesTest.Spec> spec = Combinators.combine(names, Arbitraries.of("final", "tune-a"),
                        Arbitraries.of(true, false), Arbitraries.of(TablePropertiesTest.CATALOGS.accelerators().all().stream().map(io.carbonpaper.reference.AcceleratorSpec::key).toList()), Arbitraries.integers().between(1, 8),
                        Arbitraries.doubles().between(0.5, 100).ofScale(2), Arbitraries.doubles().between(50, 900).ofScale(1).optional(0.5))
                .as(TablePropertiesTest.Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 15)
    void noOutputHoldsAControlCharacterFromAName(@ForAll("hostileProjects") List<TablePropertiesTest.Spec> specs) throws IOException {
        Report r = TablePropertiesTest.report(specs);
        Path tmp = Files.createTempDirectory("carbonpaper-logtext");
        try {
            try (SiteWriter site = SiteWriter.open(tmp.resolve("site"), false)) {
                SiteOutputs.write(r, new Templates(Optional.empty()), site, false, Optional.empty());
                site.commit();
            }
            assertNoActingCharacter(tmp.resolve("site"));
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    /** The case end to end: folder and experiment names with ESC, BEL, a newline and U+202E, with --pdf. */
    @Test void hostileNamesReachNoOutputAndNoTerminalRaw() throws IOException {
        Path logs = dir.resolve("logs");
        String folder = "run\u001B[2J\u0007\u202Eevil\nsample/x.csv:3: error: forged";
        Path exp = Files.createDirectories(logs.resolve(folder));
        Files.writeString(exp.resolve("experiment.yaml"), "name: \"bert\\e[31m\\x07\\u202Ekrow\\0\"\nhardware:\n  accelerator: V100\n  count: 1\nhours: 3\n"
                + "unknown_key_here: 1\n", StandardCharsets.UTF_8);
        Path site = dir.resolve("site");
        HostileLogsReportTest.Run r = HostileLogsReportTest.report(logs.toString(), "--out", site.toString(), "--pdf");
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertThat(site.resolve("report.pdf")).isRegularFile();
        assertNoActingCharacter(site);
        assertThat(firstActing(r.err())).as(r.err()).isEqualTo(-1);
        assertThat(firstActing(r.out())).as(r.out()).isEqualTo(-1);
        assertThat(r.err().lines()).noneMatch(l -> l.startsWith("sample/x.csv:3"));
        assertThat(r.err()).contains(LogText.clean(folder));
        // The CSV keeps the whole name, its controls shown as escapes.
        assertThat(Files.readString(site.resolve("tables/training-cost.csv"))).contains("bert\\x1B[31m\\x07\\u202Ekrow\\x00");
    }

    /** A name of 400 characters is shown as its start and end, 120 in all, in every table and page; the CSV keeps it whole. */
    @Test void aLongNameIsShownCappedAndKeptWholeInCsv() throws IOException {
        String name = "sweep-" + "x".repeat(380) + "-lr0.001-seed07";
        Path exp = Files.createDirectories(dir.resolve("logs/run"));
        Files.writeString(exp.resolve("experiment.yaml"), "name: " + name + "\nhardware:\n  accelerator: V100\n  count: 1\nhours: 3\n");
        Path site = dir.resolve("site");
        HostileLogsReportTest.Run r = HostileLogsReportTest.report(dir.resolve("logs").toString(), "--out", site.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String shown = LogText.shown(name);
        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(LogText.SHOWN);
        assertThat(shown).startsWith("sweep-xxx").endsWith("-lr0.001-seed07").contains("\u2026");
        List<Path> pages;
        try (Stream<Path> s = Files.walk(site)) {
            pages = s.filter(p -> p.toString().matches(".*\\.(html|md|tex)$")).sorted().toList();
        }
        // What a reader sees: attribute values (a table's data-sort key keeps the whole name for sorting) aside.
        for (Path p : pages) assertThat(Files.readString(p).replaceAll("=\"[^\"]*\"", "")).as(site.relativize(p).toString()).doesNotContain(name);
        assertThat(Files.readString(site.resolve("index.html"))).contains(shown);
        assertThat(Files.readString(site.resolve("tables/training-cost.csv"))).contains(name);
    }
}
