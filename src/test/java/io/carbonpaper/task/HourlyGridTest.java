package io.carbonpaper.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A grid series at the top of the logs folder gives the report its hour-by-hour table (issue 21). */
class HourlyGridTest {
    @TempDir Path dir;

    /** Three hours of one GPU at 200 W from Tuesday 2024-01-16 04:00 UTC, one sample a minute. */
    private void trace() throws IOException {
        Path exp = dir.resolve("logs/run");
        Files.createDirectories(exp);
        Files.writeString(exp.resolve("experiment.yaml"), "name: traced run\nhardware:\n  accelerator: P100\n  count: 1\n");
        StringBuilder csv = new StringBuilder("timestamp, index, name, uuid, power.draw [W], utilization.gpu [%]\n");
        for (int m = 0; m <= 180; m++) {
            csv.append(String.format("2024/01/16 %02d:%02d:00.000, 0, Tesla P100-PCIE-16GB, GPU-0000, 200.00 W, 99 %%%n", 4 + m / 60, m % 60));
        }
        Files.writeString(exp.resolve("nvidia-smi.csv"), csv);
    }

    /** The week of 2024-01-15: 100 g/kWh from 00:00 to 05:59 UTC each day, 500 otherwise. */
    private void series(String name, String zone) throws IOException {
        StringBuilder s = new StringBuilder("# zone: " + zone + "\ntimestamp,g_per_kwh\n");
        for (int h = 0; h < 7 * 24; h++) {
            s.append(String.format("2024-01-%02dT%02d:00:00Z,%d%n", 15 + h / 24, h % 24, h % 24 < 6 ? 100 : 500));
        }
        Files.writeString(dir.resolve("logs").resolve(name), s);
    }

    /** The one experiment's page in {@code site}. */
    private Path page(String site) throws IOException {
        try (var pages = Files.list(dir.resolve(site).resolve("experiments"))) {
            List<Path> all = pages.filter(p -> p.toString().endsWith(".html")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** Runs the report into {@code site}; what it printed, out and err. */
    private String run(String site) {
        StringWriter out = new StringWriter();
        PrintWriter both = new PrintWriter(out, true);
        new ReportTask(both, both, Optional.empty())
                .run(new ReportJob(dir.resolve("logs"), dir.resolve(site), Optional.empty(), false, false, Map.of(), false));
        both.flush();
        return out.toString();
    }

    /**
     * The series is in UTC hours and nvidia-smi writes local time without a zone: read as UTC unless the settings name
     * the zone, which the report says where the two meet; with {@code timezone} the run moves by the zone's offset.
     */
    @Test
    void aTraceWithoutAZoneMeetingTheSeriesIsNotedAndTheTimezoneSettingMovesIt() throws IOException {
        trace();
        series("grid-series.csv", "US");
        String asUtc = run("site");
        assertThat(asUtc).contains("grid-series.csv: the power traces of traced run give their times without a zone, read as UTC:"
                + " if the machine kept local time, name its zone");
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("give their times without a zone");
        String utcRow = Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv")).get(1);

        // Written in New York (EST, UTC-5): 04:00-07:00 local is 09:00-12:00 UTC, all at 500 g/kWh
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "timezone: America/New_York\n");
        String zoned = run("site2");
        assertThat(zoned).doesNotContain("without a zone");
        String[] f = Files.readAllLines(dir.resolve("site2/tables/hourly-carbon.csv")).get(1).split(",");
        assertThat(Double.parseDouble(f[8])).isEqualTo(500.0);
        assertThat(utcRow.split(",")[8]).isNotEqualTo(f[8]);
    }

    @Test
    void theHourlyTableWeighsEachHourAndFindsTheCleanestStart() throws IOException {
        trace();
        series("grid-series.csv", "US");
        String err = run("site");
        assertThat(err).doesNotContain("grid-series.csv: no reader");
        List<String> csv = Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(0)).startsWith("experiment,series_file,series_format,zone,signal,basis,covered_share,");
        String row = csv.get(1);
        assertThat(row).startsWith("traced run,grid-series.csv,plain,US,average,unstated,1,");
        // 04:00-06:59: two clean hours, one dirty one (the 07:00 sample is a point), so the run met about 233 g/kWh
        String[] f = row.split(",");
        assertThat(Double.parseDouble(f[8])).isBetween(225.0, 240.0);
        assertThat(f[15]).isEqualTo("2024-01-15T00:00:00Z");   // the cleanest start: Monday 00:00
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("hour by hour");
        // The week's intensity with the run drawn on it, after the index's other figures.
        assertThat(Files.readString(dir.resolve("site/figures/week-intensity-2024-01-15.svg"))).contains("traced run", "Tue 01-16");
        assertThat(dir.resolve("site/figures/week-intensity-2024-01-15.png")).exists();
        assertThat(Files.readString(dir.resolve("site/index.html")))
                .containsPattern("Figure [0-9]+:</span> Hourly grid intensity \\(g/kWh, average, unstated\\) from grid-series.csv in the week "
                        + "from Mon 2024-01-15 00:00 UTC; shaded: the hours in which traced run drew power.");
        // The same week on the experiment's own page, after its power chart, with only its run shaded.
        Path pageFile = page("site");
        String slug = pageFile.getFileName().toString().replace(".html", "");
        String page = Files.readString(pageFile);
        assertThat(page).contains("figures/power-" + slug + ".svg", "figures/grid-week-" + slug + ".svg")
                .containsPattern("Figure 2:</span> Hourly grid intensity \\(g/kWh, average, unstated\\) from grid-series.csv in the week "
                        + "from Mon 2024-01-15 00:00 UTC; shaded: the hours in which this experiment drew power.");
        assertThat(page.indexOf("figures/power-" + slug + ".svg")).isLessThan(page.indexOf("figures/grid-week-" + slug + ".svg"));
        assertThat(Files.readString(dir.resolve("site/figures/grid-week-" + slug + ".svg"))).contains("traced run", "Tue 01-16");
    }

    @Test
    void aSeriesOfAnotherCountryIsAWarningAndAProjectWithoutOneIsUnchanged() throws IOException {
        trace();
        assertThat(run("plain")).doesNotContain("grid series");
        assertThat(dir.resolve("plain/tables/hourly-carbon.csv")).doesNotExist();
        series("germany.grid.csv", "DE");
        assertThat(run("site")).contains("germany.grid.csv: traced run: the grid series germany.grid.csv is for zone DE but the "
                + "experiment names no region, so its grid is the default, us-epa-2018", "the series is not applied to it");
        // The row stays, without an hourly figure, and says why; no week figure draws the run.
        List<String> csv = Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv"));
        assertThat(csv.get(1)).startsWith("traced run,germany.grid.csv,plain,DE,average,unstated,,").endsWith(",mismatch by country");
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("Not weighed hour by hour: the grid series germany.grid.csv");
        assertThat(dir.resolve("site/figures/week-intensity-2024-01-15.svg")).doesNotExist();
        assertThat(Files.readString(page("site"))).contains("figures/power-").doesNotContain("grid-week");
    }

    /** A New York series beside a run in California: the same country, another grid; in New York it applies. */
    @Test
    void aSeriesOfAnotherGridOfTheSameCountryIsNotApplied() throws IOException {
        trace();
        series("grid-series.csv", "US-NY-NYIS");
        Path yaml = dir.resolve("logs/run/experiment.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "region: California\n");
        assertThat(run("site")).contains("grid-series.csv: traced run: the grid series grid-series.csv is for zone US-NY-NYIS (NYISO, serving NY) "
                + "but the experiment ran on California (US-CA) (they differ by state)");
        assertThat(Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv")).get(1)).endsWith(",mismatch by state");
        Files.writeString(yaml, Files.readString(yaml).replace("region: California", "region: New York"));
        assertThat(run("ny")).doesNotContain("is for zone US-NY-NYIS");
        List<String> csv = Files.readAllLines(dir.resolve("ny/tables/hourly-carbon.csv"));
        assertThat(csv.get(1)).startsWith("traced run,grid-series.csv,plain,US-NY-NYIS,average,unstated,1,").endsWith(",match by state");
        assertThat(dir.resolve("ny/figures/week-intensity-2024-01-15.svg")).exists();
    }

    /** An Electricity Maps export with two estimated hours, one while the run drew power: a note, a footnote, a count. */
    @Test
    void hoursElectricityMapsEstimatedAreCountedAndFootnoted() throws IOException {
        trace();
        StringBuilder s = new StringBuilder("Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO\u2082eq/kWh (direct),"
                + "Carbon intensity gCO\u2082eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),"
                + "Data source,Data estimated,Data estimation method\n");
        for (int h = 0; h < 7 * 24; h++) {
            boolean estimated = h == 10 || h == 24 + 5;   // Monday 10:00, and Tuesday 05:00 while the run draws power
            s.append(String.format("2024-01-%02d %02d:00:00,USA,CAISO,US-CAL-CISO,200,300,50,40,%s,%s,%s%n", 15 + h / 24, h % 24,
                    estimated ? "Electricity Maps Estimation" : "caiso.com", estimated, estimated ? "ESTIMATED_TIME_SLICER_AVERAGE" : ""));
        }
        Files.writeString(dir.resolve("logs/grid-series.csv"), s);
        String err = run("site");
        assertThat(err).contains("grid-series.csv: 2 of 168 hours of the grid series grid-series.csv are estimates by Electricity Maps "
                + "(method ESTIMATED_TIME_SLICER_AVERAGE), not reported data.");
        List<String> csv = Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv"));
        assertThat(csv.get(0)).endsWith(",estimated_hours,zone_check");
        assertThat(csv.get(1)).endsWith(",1,match by country");
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("2 of 168 hours of the grid series grid-series.csv are "
                + "estimates by Electricity Maps (method ESTIMATED_TIME_SLICER_AVERAGE), not reported data. The runs marked drew power");
    }

    /** A series without a zone cannot be checked: a note says so, and the series applies. */
    @Test
    void aSeriesWithoutAZoneIsAppliedWithANote() throws IOException {
        trace();
        StringBuilder s = new StringBuilder("timestamp,g_per_kwh\n");
        for (int h = 0; h < 7 * 24; h++) s.append(String.format("2024-01-%02dT%02d:00:00Z,%d%n", 15 + h / 24, h % 24, 300));
        Files.writeString(dir.resolve("logs/grid-series.csv"), s);
        assertThat(run("site")).contains("grid-series.csv: the series' zone is not checked against the grid of traced run: the series names no zone");
        assertThat(Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv")).get(1)).contains(",1,").endsWith(",unchecked");
    }

    /** Two days of the week in one file, the rest in another, named in carbonpaper.yaml under any names. */
    @Test
    void seriesNamedInCarbonpaperYamlAreJoinedAndNotReportedAsUnknownLogs() throws IOException {
        trace();
        series("week.csv", "US");
        List<String> all = Files.readAllLines(dir.resolve("logs/week.csv"));
        Files.createDirectories(dir.resolve("logs/grid"));
        // header and directive, then Monday and Tuesday (48 hours) in one file, the other five days in the other
        Files.write(dir.resolve("logs/grid/first.csv"), all.subList(0, 2 + 48));
        List<String> rest = new java.util.ArrayList<>(all.subList(0, 2));
        rest.addAll(all.subList(2 + 48, all.size()));
        Files.write(dir.resolve("logs/grid/rest.csv"), rest);
        Files.delete(dir.resolve("logs/week.csv"));
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "grid_series: [grid/first.csv, ./grid/rest.csv]\n");
        String err = run("site");
        assertThat(err).doesNotContain("no reader");
        List<String> csv = Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv"));
        assertThat(csv.get(1)).startsWith("traced run,grid/first.csv + ./grid/rest.csv,plain,US,average,unstated,1,");
        assertThat(csv.get(1).split(",")[15]).isEqualTo("2024-01-15T00:00:00Z");
    }

    /**
     * Two files joined with two hours missing between them, in the middle of the run (Tuesday 05:00 and 06:00 UTC):
     * the report names both files and the span, and footnotes how those hours were counted.
     */
    @Test
    void hoursMissingBetweenJoinedFilesAreReportedAndCountAtTheAnnualAverage() throws IOException {
        trace();
        series("week.csv", "US");
        List<String> all = Files.readAllLines(dir.resolve("logs/week.csv"));
        Files.createDirectories(dir.resolve("logs/grid"));
        // Monday 00:00 to Tuesday 04:00 (29 hours) in one file; Tuesday 07:00 on in the other.
        Files.write(dir.resolve("logs/grid/first.csv"), all.subList(0, 2 + 29));
        List<String> rest = new java.util.ArrayList<>(all.subList(0, 2));
        rest.addAll(all.subList(2 + 31, all.size()));
        Files.write(dir.resolve("logs/grid/rest.csv"), rest);
        Files.delete(dir.resolve("logs/week.csv"));
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "grid_series: [grid/first.csv, grid/rest.csv]\n");
        String err = run("site");
        assertThat(err).contains("grid/rest.csv: the joined grid series has no intensity for 2 hours, 2024-01-16T05:00:00Z to "
                + "2024-01-16T06:00:00Z, between grid/first.csv and grid/rest.csv; energy drawn in those hours counts at the annual average");
        String[] row = Files.readAllLines(dir.resolve("site/tables/hourly-carbon.csv")).get(1).split(",");
        // Only the 04:00 hour (about a third of the energy) and the 07:00 sample are weighed by the hour.
        assertThat(Double.parseDouble(row[6])).isBetween(0.3, 0.4);
        String html = Files.readString(dir.resolve("site/index.html"));
        assertThat(html).contains("The joined grid series has no intensity for the 2 hours from Tue 2024-01-16 05:00 UTC to "
                + "Tue 2024-01-16 06:00 UTC, between grid/first.csv and grid/rest.csv.");
        assertThat(html).contains("the energy counts at the annual-average intensity");
        assertThat(Files.readString(dir.resolve("site/tables/hourly-carbon.md"))).containsPattern("traced run<sup>[a-z]+,[a-z]+</sup>");
    }

    /** Joined end to end without a missing hour: no gap is reported, and a gap inside one file keeps its line. */
    @Test
    void gapsOfAJoinedSeriesTellInsideAFileFromBetweenFiles() {
        java.util.TreeMap<java.time.Instant, String> origin = new java.util.TreeMap<>();
        java.time.Instant t0 = java.time.Instant.parse("2024-01-15T00:00:00Z");
        for (int h : new int[]{0, 1, 4, 5}) origin.put(t0.plusSeconds(3600L * h), "a.csv");
        for (int h : new int[]{6, 7, 9}) origin.put(t0.plusSeconds(3600L * h), "b.csv");
        var inside = List.of(new io.carbonpaper.model.GridSeries.SeriesGap(t0.plusSeconds(2 * 3600), 2, 5));
        var gaps = HourlyGrid.gaps(origin, inside);
        assertThat(gaps).containsExactly(
                new io.carbonpaper.model.GridSeries.SeriesGap(t0.plusSeconds(2 * 3600), 2, 5),
                new io.carbonpaper.model.GridSeries.SeriesGap(t0.plusSeconds(8 * 3600), 1, 0));
        origin.put(t0.plusSeconds(3600L * 11), "c.csv");
        assertThat(HourlyGrid.gaps(origin, inside)).last()
                .isEqualTo(new io.carbonpaper.model.GridSeries.SeriesGap(t0.plusSeconds(10 * 3600), 1, 0, List.of("b.csv", "c.csv")));
    }

    @Test
    void aSeriesOutsideTheLogsFolderIsASettingsErrorNamingTheKeyAndTheFile() throws IOException {
        trace();
        Files.writeString(dir.resolve("outside.csv"), "timestamp,g_per_kwh\n2024-01-16T04:00:00Z,100\n");
        Files.writeString(dir.resolve("logs/carbonpaper.yaml"), "title: t\ngrid_series: ../outside.csv\n");
        assertThat(run("site")).contains("carbonpaper.yaml:2: 'grid_series' names '../outside.csv', which is outside the logs folder");
        assertThat(dir.resolve("site/tables/hourly-carbon.csv")).doesNotExist();
    }
}
