package io.carbonpaper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line, run in-process: exit codes and messages. */
class MainTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path experiment(String folder, String yaml) throws IOException {
        Path d = dir.resolve("logs").resolve(folder);
        Files.createDirectories(d);
        Files.writeString(d.resolve("experiment.yaml"), yaml);
        return d;
    }

    private static final String GOOD = "name: good\nhardware:\n  accelerator: V100\n  count: 2\nhours: 10\n";

    @Test void helpListsTheReportCommand() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("report").contains("Usage: carbonpaper");
    }

    @Test void helpListsEveryCommandAndHelpExplainsEach() {
        assertThat(run("--help").out()).contains("report", "estimate", "inspect", "record", "help");
        assertThat(run().err()).contains("report", "estimate", "inspect", "record");
        for (String command : new String[] {"report", "estimate", "inspect", "record"}) {
            Run r = run("help", command);
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("Usage: carbonpaper " + command);
        }
    }

    /** Each command's summary in the top-level help is a whole sentence, not a first line cut mid-sentence. */
    @Test void helpGivesEveryCommandAWholeSummary() {
        String help = run("--help").out();
        String list = help.substring(help.indexOf("Commands:") + "Commands:".length());
        java.util.Map<String, StringBuilder> summaries = new java.util.LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : list.split("\\R")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (m.matches()) summaries.put(m.group(1), current = new StringBuilder(m.group(2).strip()));
            else if (current != null && !line.isBlank()) current.append(' ').append(line.strip());
        }
        assertThat(summaries.keySet()).contains("report", "estimate", "inspect", "record", "catalog", "help");
        summaries.forEach((command, summary) ->
                assertThat(summary.toString()).as(command).endsWith("."));
    }

    @Test void aMistypedCommandIsAUsageErrorThatSuggestsTheRightOne() {
        Run r = run("reprot");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("carbonpaper report");
    }

    @Test void reportHelpDocumentsExitCodes() {
        Run r = run("report", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--out").contains("Exit codes");
    }

    /** Main tells picocli to skip its java.time and java.sql converters (issue 20): no option may need one. */
    @Test void noOptionHasATypeWhoseConverterIsSkipped() {
        CommandLine cl = Main.commandLine(new String[0]);
        List<String> needing = new java.util.ArrayList<>();
        optionsNeedingASkippedConverter(cl.getCommandSpec(), needing);
        assertThat(needing).isEmpty();
        assertThat("java.time.Duration").matches(Main.SKIPPED_CONVERTERS);
        assertThat("java.nio.file.Path").doesNotMatch(Main.SKIPPED_CONVERTERS);
    }

    private static void optionsNeedingASkippedConverter(CommandLine.Model.CommandSpec spec, List<String> out) {
        for (CommandLine.Model.ArgSpec a : spec.args()) {
            if (a.converters().length > 0) continue;
            List<Class<?>> types = new java.util.ArrayList<>(List.of(a.auxiliaryTypes()));
            types.add(a.type());
            for (Class<?> t : types) if (t.getName().matches(Main.SKIPPED_CONVERTERS)) out.add(spec.qualifiedName() + " " + a.paramLabel());
        }
        spec.subcommands().values().forEach(sub -> optionsNeedingASkippedConverter(sub.getCommandSpec(), out));
    }

    @Test void versionPrintsTheVersion() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("carbonpaper ");
    }

    @Test void unknownOptionIsAUsageError() {
        Run r = run("report", "--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test void missingLogsFolderIsAUsageError() {
        Run r = run("report", dir.resolve("nope").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("logs folder not found");
    }

    @Test void goodLogsExitZero() throws IOException {
        experiment("a", GOOD);
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(dir.resolve("site/index.html")).exists();
        assertThat(dir.resolve("site/tables/training-cost.csv")).exists();
    }

    @Test void unknownAcceleratorNamesFileAndLineAndTheRestIsReported() throws IOException {
        experiment("a", GOOD);
        experiment("b", "name: bad\nhardware:\n  accelerator: Quantum Toaster 9000\n  count: 1\nhours: 3\n");
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("b/experiment.yaml:3: unknown accelerator 'Quantum Toaster 9000'");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        // Every experiment is a row: the unknown one keeps its hours, with dashes and energy_source none.
        assertThat(Files.readString(dir.resolve("site/tables/training-cost.csv"))).contains("good,")
                .contains("\nbad,bad,Quantum Toaster 9000x1,,3,,,,,,none\n");
    }

    @Test void reportEndsWithTheDefaultsItUsedAndOneLineOfTotals() throws IOException {
        experiment("a", GOOD);
        experiment("b", "name: no hardware\nhours: 2\n");
        Path site = dir.resolve("site");
        Run r = run("report", dir.resolve("logs").toString(), "--out", site.toString());
        var lines = r.out().lines().toList();
        // GOOD: 2 x V100 (250 W TDP) for 10 h at PUE 1.58 = 7.9 kWh; x 432.7 g/kWh of the US average = 3.42 kg.
        assertThat(lines.get(lines.size() - 1)).isEqualTo("carbonpaper: 1 of 2 experiments has an energy figure (1 without); "
                + "7.9 kWh, 3.42 kg CO\u2082e; open " + site.resolve("index.html"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  PUE 1.58 (").contains("--set pue=1.2", "'pue: 1.2' in carbonpaper.yaml"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  The grid, United States average").contains("--set region=DEU"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  Cloud prices from ").contains("--set cloud_prices=NAME"));
        String index = Files.readString(site.resolve("index.html"));
        assertThat(index).contains("<ul class=\"defaults\"><li>PUE 1.58 (", "1 of 2 experiments has an energy figure; 1 lacks hardware: no hardware.");
    }

    @Test void aDefaultReplacedBySetIsNoLongerNamed() throws IOException {
        experiment("a", GOOD);
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString(), "--set", "pue=1.2",
                "--set", "region=DEU", "--set", "cloud_prices=gcp-2024");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2);
        assertThat(r.out()).doesNotContain("is the default", "are the default").contains("1 of 1 experiment has an energy figure (0 without)");
    }

    @Test void aCpuOnlyRunIsEstimatedFromTheCpuItsManifestNames() throws IOException {
        experiment("cpu", "name: cpu run\ncpu: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\nhours: 10\n");
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.code()).isZero();
        // Xeon Gold 6148: 150 W TDP over its 20 cores, all of them: 150 W x 10 h x PUE 1.58 = 2.37 kWh.
        assertThat(Files.readString(dir.resolve("site/tables/training-cost.csv"))).contains("\ncpu run,cpu run,Xeon-Gold-6148 CPU (20 cores),150,10,2.37,");
        assertThat(Files.readString(dir.resolve("site/tables/training-cost.csv"))).endsWith(",tdp\n");
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("CPU power estimated as Green Algorithms does");
    }

    @Test void brokenYamlNamesFileAndLine() throws IOException {
        experiment("a", GOOD);
        experiment("c", "name: broken\nhardware: [unclosed\nhours: 3\n");
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsPattern("c/experiment\\.yaml:\\d+: not valid YAML");
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("not valid YAML");
    }

    @Test void missingHoursAndNegativeNumbersAreErrors() throws IOException {
        experiment("d", "hardware:\n  accelerator: P100\n  count: 1\n");
        experiment("e", "hardware:\n  accelerator: P100\n  count: 1\nhours: 5\npower_watts: -3\n");
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("d/experiment.yaml: no 'hours'");
        assertThat(r.err()).contains("e/experiment.yaml:5: 'power_watts' must be between 0");
    }

    @Test void refusesToReplaceAFolderCarbonpaperDidNotWrite() throws IOException {
        experiment("a", GOOD);
        Path mine = dir.resolve("thesis");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("chapter1.tex"), "precious");
        Run r = run("report", dir.resolve("logs").toString(), "--out", mine.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("holds files that carbonpaper does not write");
        assertThat(Files.readString(mine.resolve("chapter1.tex"))).isEqualTo("precious");

        // --force replaces only a folder that holds nothing but a site (OutputPlaceTest).
        Run forced = run("report", dir.resolve("logs").toString(), "--out", mine.toString(), "--force");
        assertThat(forced.code()).isEqualTo(2);
        assertThat(Files.readString(mine.resolve("chapter1.tex"))).isEqualTo("precious");
    }

    @Test void rewritesItsOwnFolder() throws IOException {
        experiment("a", GOOD);
        String out = dir.resolve("site").toString();
        assertThat(run("report", dir.resolve("logs").toString(), "--out", out).code()).isZero();
        assertThat(run("report", dir.resolve("logs").toString(), "--out", out).code()).isZero();
    }

    @Test void strictTurnsWarningsIntoExitOne() throws IOException {
        experiment("a", GOOD + "favourite_colour: blue\n");
        String logs = dir.resolve("logs").toString();
        assertThat(run("report", logs, "--out", dir.resolve("s1").toString()).code()).isZero();
        Run strict = run("report", logs, "--out", dir.resolve("s2").toString(), "--strict");
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.err()).contains("a/experiment.yaml:6: unknown key 'favourite_colour'");
    }

    @Test void badSettingOverrideIsAUsageErrorAndKeepsTheGoodSite() throws IOException {
        experiment("a", GOOD);
        Path site = dir.resolve("site");
        assertThat(run("report", dir.resolve("logs").toString(), "--out", site.toString()).code()).isZero();
        String before = Files.readString(site.resolve("index.html"));
        Run r = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--set", "pue=0.5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'pue' must be between");
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo(before);
    }

    @Test void aBadSettingInCarbonpaperYamlIsAUsageErrorAndWritesNothing() throws IOException {
        experiment("a", GOOD);
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "title: t\npue: lots\n");
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("carbonpaper.yaml:2").contains("pue");
        assertThat(dir.resolve("site")).doesNotExist();
    }

    @Test void regionTakesAnyNameAndSaysWhatItWasReadAs() throws IOException {
        experiment("a", GOOD);
        Path site = dir.resolve("site");
        Run r = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--region", "Germany");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("region 'Germany' is DEU: Germany");
        assertThat(Files.readString(site.resolve("tables/training-cost.csv"))).contains("good,");
        Run caiso = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--set", "region=CAISO");
        assertThat(caiso.code()).isZero();
        assertThat(caiso.out()).contains("is CISO").contains("epa-egrid-2023-ba");
    }

    @Test void anUnknownRegionIsAUsageErrorThatKeepsTheGoodSiteAndSuggests() throws IOException {
        experiment("a", GOOD);
        Path site = dir.resolve("site");
        assertThat(run("report", dir.resolve("logs").toString(), "--out", site.toString()).code()).isZero();
        String before = Files.readString(site.resolve("index.html"));
        Run r = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--set", "region=Germny");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("carbonpaper: --set region=Germny: unknown region 'Germny'; closest: Germany (DEU)");
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo(before);
        Run pacificorp = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--region", "PacifiCorp");
        assertThat(pacificorp.code()).isEqualTo(2);
        assertThat(pacificorp.err()).startsWith("carbonpaper: --region: ").contains("no figure").contains("PACE");
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "# the project's grids\nregions: [DEU, Georgia]\n");
        Run georgia = run("report", dir.resolve("logs").toString(), "--out", site.toString());
        assertThat(georgia.code()).isEqualTo(2);
        assertThat(georgia.err()).contains("carbonpaper.yaml:2: regions: region 'Georgia' could be GEO").contains("US-GA");
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "title: T\nregion: Atlantis\n");
        Run file = run("report", dir.resolve("logs").toString(), "--out", site.toString());
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err()).contains("carbonpaper.yaml:2: region: unknown region 'Atlantis'");
        // The flag wins over the file, and the message names the flag, not the file.
        Run flag = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--region", "Atlantys");
        assertThat(flag.err()).contains("carbonpaper: --region: unknown region 'Atlantys'").doesNotContain("carbonpaper.yaml:2");
        // A --config file holds no region: refused, naming the file and the line.
        Path config = dir.resolve("mine.yaml");
        Files.writeString(config, "prometheus:\n  url: http://localhost:9090\nregion: Germany\n");
        Run mine = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--config", config.toString());
        assertThat(mine.code()).isEqualTo(2);
        assertThat(mine.err()).contains(config + ":3: 'region' does not belong in --config");
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo(before);
    }

    @Test void inspectSaysWhatEachFileIsAndWhy() throws IOException {
        experiment("a", GOOD);
        Files.writeString(dir.resolve("logs/a/notes.txt"), "hello");
        Run r = run("inspect", dir.resolve("logs").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("a/experiment.yaml").contains("format: experiment-manifest; experiment: a");
        assertThat(r.out()).contains("a/notes.txt").contains("ignored: no reader recognises its content");
        assertThat(r.out()).contains("hardware: V100 x 2");
    }

    /** A tool's figure is printed with its place where the tool logged one, small figures in full. */
    @Test void inspectPrintsEachToolFigureWithItsLoggedPlace() throws IOException {
        Files.createDirectories(dir.resolve("logs/cc"));
        Files.writeString(dir.resolve("logs/cc/emissions.csv"), "timestamp,project_name,run_id,duration,emissions,energy_consumed,country_iso_code,region\n"
                + "2024-01-01T01:00:00,p,a,3600,0.1,0.25,USA,massachusetts\n"
                + "2024-01-01T02:00:00,p,b,60,0.000000001,0.0000000066,,\n");
        String out = run("inspect", dir.resolve("logs").toString()).out();
        assertThat(out).contains("energy from codecarbon: 0.25 kWh, logged in USA, massachusetts\n")
                .contains("energy from codecarbon: 0.0000000066 kWh\n");
    }

    @Test void inspectEndsWithWhatEachExperimentLacksAndTheLineThatAddsIt() throws IOException {
        experiment("complete", GOOD);
        experiment("bare", "name: bare\n");
        experiment("odd", "hardware: {accelerator: Quantum Widget 9000, count: 1}\nhours: 3\n");
        Run r = run("inspect", dir.resolve("logs").toString());
        String missing = r.out().substring(r.out().indexOf("What is missing"));
        assertThat(missing).contains("bare: no accelerator named:", "hardware: {accelerator: <name as nvidia-smi prints it>",
                "bare: no training hours:", "hours: <wall-clock hours>", "(in bare/experiment.yaml)");
        assertThat(missing).contains("odd: 'Quantum Widget 9000' is not in the hardware catalog", "tdp_watts: <board power in W>");
        assertThat(missing).doesNotContain("complete:").doesNotContain("odd: no training hours");
        experiment("bare", GOOD);
        experiment("odd", GOOD);
        assertThat(run("inspect", dir.resolve("logs").toString()).out()).doesNotContain("What is missing");
    }

    @Test void aNestedProjectIsReportedOnItsOwnAndItsBadSettingsSpoilOnlyIt() throws IOException {
        experiment("a", GOOD);
        experiment("sub/ok/b", GOOD.replace("name: good", "name: nested-good"));
        Files.writeString(dir.resolve("logs/sub/carbonpaper.yaml"), "title: Sub project\nexperiment_pages: false\n");
        experiment("broken/c", GOOD);
        Files.writeString(dir.resolve("logs/broken/carbonpaper.yaml"), "title: x\npue: lots\n");
        Run r = run("report", dir.resolve("logs").toString(), "--out", dir.resolve("site").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("broken/carbonpaper.yaml:2");
        assertThat(Files.readString(dir.resolve("site/tables/training-cost.csv"))).contains("good,").doesNotContain("nested-good");
        String index = Files.readString(dir.resolve("site/index.html"));
        assertThat(index).contains("Sub project").containsPattern("href=\"projects/sub-[0-9a-f]+/index.html\"");
        try (var s = Files.list(dir.resolve("site/projects"))) {
            Path sub = s.filter(p -> p.getFileName().toString().startsWith("sub-")).findFirst().orElseThrow();
            assertThat(Files.readString(sub.resolve("tables/training-cost.csv"))).contains("nested-good");
            assertThat(sub.resolve("experiments")).doesNotExist();
        }
    }

    @Test void table2ShowsOnlyTheRowsItKnowsAndSaysHowToMarkTheRest() throws IOException {
        experiment("a", GOOD);
        experiment("b", GOOD.replace("name: good", "name: other").replace("count: 2", "count: 1"));
        Path site = dir.resolve("site");
        assertThat(run("report", dir.resolve("logs").toString(), "--out", site.toString()).code()).isZero();
        String csv = Files.readString(site.resolve("tables/rnd-cost.csv"));
        assertThat(csv).doesNotContain("Final model").doesNotContain("One tuning run").contains("All experiments");
        String md = Files.readString(site.resolve("tables/rnd-cost.md"));
        assertThat(md).contains("Mark it with final: true").contains("Name one with tune\\_group: NAME");
    }

    @Test void paperLetterWritesALetterPdfAndAnUnknownPaperIsAUsageError() throws IOException {
        experiment("a", GOOD);
        Path site = dir.resolve("site");
        Run bad = run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--paper", "A5");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'A5' is not a paper size: A4 or letter");
        assertThat(site).doesNotExist();
        // --paper alone asks for the PDF.
        assertThat(run("report", dir.resolve("logs").toString(), "--out", site.toString(), "--paper", "Letter").code()).isZero();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(site.resolve("report.pdf").toFile())) {
            var box = doc.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isCloseTo(612f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(box.getHeight()).isCloseTo(792f, org.assertj.core.data.Offset.offset(0.5f));
        }
    }

    @Test void aLoneExperimentIsTable2sFinalModel() throws IOException {
        experiment("a", GOOD);
        Path site = dir.resolve("site");
        assertThat(run("report", dir.resolve("logs").toString(), "--out", site.toString()).code()).isZero();
        assertThat(Files.readString(site.resolve("tables/rnd-cost.csv"))).contains("\nFinal model,,1,10,20,").contains("All experiments");
        assertThat(Files.readString(site.resolve("tables/rnd-cost.md"))).contains("the project's only experiment");
    }

    @Test void theIndexLinksEveryFileItWroteAndANestedProjectLinksBack() throws IOException {
        experiment("a", GOOD);
        experiment("sub/b", GOOD.replace("name: good", "name: nested-good"));
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "title: Top project\n");
        Files.writeString(dir.resolve("logs/sub/carbonpaper.yaml"), "title: Sub project\n");
        Path site = dir.resolve("site");
        assertThat(run("report", dir.resolve("logs").toString(), "--out", site.toString()).code()).isZero();
        String index = Files.readString(site.resolve("index.html"));
        assertThat(index).contains("<section id=\"downloads\">", "href=\"latex/statement.tex\"", "href=\"latex/appendix.tex\"",
                "href=\"latex/references.bib\"", "href=\"tables/rnd-cost.md\"", "href=\"latex/training-cost.tex\"")
                .doesNotContain("report.pdf");
        // Every link of the block names a file that exists.
        var links = java.util.regex.Pattern.compile("href=\"((?:tables|latex)/[^\"]+)\"").matcher(index).results().map(m -> m.group(1)).toList();
        assertThat(links).hasSizeGreaterThan(10).allSatisfy(l -> assertThat(site.resolve(l)).exists());
        // The copy button: hidden until the site's own script shows it (CSP: script-src 'self').
        assertThat(index).contains("<button type=\"button\" class=\"copy\" data-copy=\"statement-text\" hidden=\"hidden\">",
                "id=\"statement-text\"", "<script src=\"assets/copy.js\"></script>");
        assertThat(Files.readString(site.resolve("assets/copy.js"))).contains("navigator.clipboard");
        try (var s = Files.list(site.resolve("projects"))) {
            Path sub = s.findFirst().orElseThrow();
            String nested = Files.readString(sub.resolve("index.html"));
            assertThat(nested).contains("<ol class=\"crumbs\"><li><a href=\"../../index.html\">Top project</a></li>"
                    + "<li><a href=\"index.html\" aria-current=\"page\">Sub project</a></li></ol>");
            try (var pages = Files.list(sub.resolve("experiments"))) {
                Path page = pages.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
                assertThat(Files.readString(page)).contains("<a href=\"../../../index.html\">Top project</a>");
            }
        }
    }

    @Test void catalogListsAndSearchesWithValueSourceAndYear() {
        Run all = run("catalog");
        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("regions", "accelerators", "cpus", "prices", "pue");
        Run germany = run("catalog", "regions", "Germany");
        assertThat(germany.code()).isZero();
        assertThat(germany.out()).containsPattern("DEU +Germany +\\d+(\\.\\d+)? g/kWh.* ember-yearly +20\\d\\d");
        Run caiso = run("catalog", "CAISO");
        assertThat(caiso.out()).contains("grid operator = CISO").contains("mapping epa-egrid-2023-ba");
        Run pacificorp = run("catalog", "regions", "PacifiCorp");
        assertThat(pacificorp.out()).contains("no figure").contains("PACE");
        Run v100 = run("catalog", "accelerators", "V100", "--format", "csv");
        assertThat(v100.out()).startsWith("kind,key,name,value,source,year\n").containsPattern("accelerators,V100[^,]*,[^\\n]*,\\d+ W,");
        assertThat(run("catalog", "pue", "uptime").out()).contains("1.58").contains("uptime-2018");
        Run none = run("catalog", "Germny");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("Germany");
    }
}
