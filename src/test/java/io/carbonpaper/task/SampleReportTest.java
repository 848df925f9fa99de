package io.carbonpaper.task;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo report: sample-logs reproduces Strubell et al. (2019) Table 3, and the committed
 * site/ is exactly what carbonpaper writes for sample-logs today.
 */
class SampleReportTest {
    static final Path SAMPLE = Paths.get("sample-logs");
    static final Path COMMITTED = Paths.get("site");
    @TempDir static Path tmp;
    static Path site;
    static int exit;
    static String err;

    @BeforeAll static void writeReport() {
        site = tmp.resolve("site");
        StringWriter e = new StringWriter();
        exit = new ReportTask(new PrintWriter(new StringWriter()), new PrintWriter(e), Optional.empty())
                .run(new ReportJob(SAMPLE, site, Optional.empty(), false, false, Map.of(), false));
        err = e.toString();
    }

    private static List<CSVRecord> trainingCost() throws IOException {
        try (CSVParser p = CSVParser.parse(site.resolve("tables/training-cost.csv"), java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    private static CSVRecord row(List<CSVRecord> rows, String name, String hardware) {
        return rows.stream().filter(r -> r.get("experiment").equals(name) && r.get("hardware").equals(hardware)).findFirst().orElseThrow();
    }

    /**
     * Nothing wrong in the sample: the only lines on stderr are the notes that say which of a W&B
     * sweep host's GPUs the runs used (the sample shows that policy on purpose).
     */
    @Test void exitsCleanly() {
        assertThat(err.lines()).allSatisfy(l -> assertThat(l).startsWith("trackers/wandb-sweep/").contains("(gpu.process.N), so only their"));
        assertThat(exit).isZero();
    }

    @Test void trainingCostHasExactlyTheContractedColumns() throws IOException {
        String header = Files.readAllLines(site.resolve("tables/training-cost.csv")).get(0);
        assertThat(header).isEqualTo("experiment,group,hardware,power_w,hours,kwh_pue,co2e_kg,co2e_lbs,cloud_usd_low,cloud_usd_high,energy_source");
    }

    /** The paper's Table 3: kWh x PUE and CO2e (lbs) round to its values; cloud ranges match to the dollar. */
    @Test void reproducesTable3() throws IOException {
        List<CSVRecord> rows = trainingCost();
        Object[][] paper = {
                // name, hardware, kWh, lbs, low, high
                {"Transformer (base)", "P100x8", 27, 26, 41, 140},
                {"Transformer (big)", "P100x8", 201, 192, 289, 981},
                {"ELMo", "P100x3", 275, 262, 433, 1472},
                {"BERT (base)", "V100x64", 1507, 1438, 3751, 12571},
                {"NAS", "P100x8", 656347, 626155, 942973, 3201722},
        };
        for (Object[] p : paper) {
            CSVRecord r = row(rows, (String) p[0], (String) p[1]);
            assertThat(Math.round(Double.parseDouble(r.get("kwh_pue")))).as("%s kWh", p[0]).isEqualTo(((Integer) p[2]).longValue());
            assertThat(Math.round(Double.parseDouble(r.get("co2e_lbs")))).as("%s lbs", p[0]).isEqualTo(((Integer) p[3]).longValue());
            assertThat(Math.round(Double.parseDouble(r.get("cloud_usd_low")))).as("%s low", p[0]).isEqualTo(((Integer) p[4]).longValue());
            assertThat(Math.round(Double.parseDouble(r.get("cloud_usd_high")))).as("%s high", p[0]).isEqualTo(((Integer) p[5]).longValue());
            assertThat(r.get("energy_source")).isEqualTo("declared");
        }
        // TPU rows: no power, a dash in print and empty cells here, as the paper.
        for (String[] t : new String[][] {{"BERT (base)", "TPUv2x16", "2074", "6912"}, {"GPT-2", "TPUv3x32", "12902", "43008"}}) {
            CSVRecord r = row(rows, t[0], t[1]);
            assertThat(r.get("kwh_pue")).isEmpty();
            assertThat(r.get("co2e_lbs")).isEmpty();
            assertThat(Math.round(Double.parseDouble(r.get("cloud_usd_low")))).isEqualTo(Long.parseLong(t[2]));
            assertThat(Math.round(Double.parseDouble(r.get("cloud_usd_high")))).isEqualTo(Long.parseLong(t[3]));
        }
    }

    /** The paper's one inconsistency: NAS on TPU v2 prints $44,055-$146,848, which 32,623 hours do not give. */
    @Test void nasOnTpuIsThePapersKnownInconsistency() throws IOException {
        CSVRecord r = row(trainingCost(), "NAS", "TPUv2x1");
        assertThat(Double.parseDouble(r.get("cloud_usd_low"))).isEqualTo(32623 * 1.35, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Math.round(Double.parseDouble(r.get("cloud_usd_low")))).isNotEqualTo(44055L);
        assertThat(44055 / 1.35).isBetween(32632.0, 32634.0);
    }

    /** The nested lisa-rnd project is reported on its own, in the same site: the paper's Table 4. */
    @Test void nestedProjectReproducesTable4InItsOwnReport() throws IOException {
        Path project;
        try (Stream<Path> s = Files.list(site.resolve("projects"))) {
            project = s.filter(p -> p.getFileName().toString().startsWith("lisa-rnd-")).findFirst().orElseThrow();
        }
        List<String> rows = Files.readAllLines(project.resolve("tables/rnd-cost.csv"));
        assertThat(rows.get(3)).startsWith("All experiments,,4789,239942,");
        assertThat(rows.get(1)).startsWith("Final model,final,1,120,");
        assertThat(rows.get(2)).startsWith("One tuning run,tune,24,2880,");
        assertThat(Files.readString(site.resolve("index.html"))).contains("href=\"projects/" + project.getFileName() + "/index.html\"");
        // Its 4,789 jobs are not mixed into the top project's tables, and have no pages of their own (experiment_pages: false).
        assertThat(Files.readString(site.resolve("tables/training-cost.csv"))).doesNotContain("#1040001");
        assertThat(project.resolve("experiments")).doesNotExist();
    }

    /** site/ is committed; regenerate it with the README's first command when this fails. */
    @Test void committedSiteIsTheReportOfSampleLogs() throws IOException {
        List<String> expected = listing(COMMITTED), actual = listing(site);
        assertThat(actual).as("files in site/").isEqualTo(expected);
        for (String f : expected) {
            assertThat(Files.readAllBytes(site.resolve(f))).as("site/" + f + " differs from a fresh report of sample-logs: "
                    + "rerun `java -jar target/carbonpaper.jar report sample-logs --out site`").isEqualTo(Files.readAllBytes(COMMITTED.resolve(f)));
        }
    }

    @Test void sameInputsGiveTheSameBytes() throws IOException {
        Path again = tmp.resolve("again");
        new ReportTask(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Optional.empty())
                .run(new ReportJob(SAMPLE, again, Optional.empty(), false, false, Map.of(), false));
        for (String f : listing(site)) assertThat(Files.readAllBytes(again.resolve(f))).isEqualTo(Files.readAllBytes(site.resolve(f)));
    }

    static List<String> listing(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(null);
        return out;
    }
}
