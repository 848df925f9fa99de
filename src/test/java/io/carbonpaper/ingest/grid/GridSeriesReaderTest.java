package io.carbonpaper.ingest.grid;

import io.carbonpaper.model.GridSeries;
import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GridSeriesReaderTest {
    private static GridSeriesReader.Result read(String file) {
        return GridSeriesReader.read(Path.of("src/test/resources/fixtures/grid-series", file), file);
    }

    @Test
    void electricityMapsOlderExportTakesTheLifeCycleColumnAndReportsGaps() {
        GridSeriesReader.Result r = read("electricity-maps-2022.csv");
        GridSeries s = r.series().orElseThrow();
        assertThat(s.format()).isEqualTo("electricity-maps");
        assertThat(s.zone()).contains("DE");
        assertThat(s.basis()).isEqualTo("life-cycle");
        assertThat(s.signal()).isEqualTo("average");
        assertThat(s.hourly().get(Instant.parse("2022-06-01T00:00:00Z"))).isEqualTo(402.50);
        assertThat(s.at(Instant.parse("2022-06-01T01:59:59Z"))).contains(398.0);
        assertThat(s.at(Instant.parse("2022-06-01T03:30:00Z"))).isEmpty();
        // 03:00 is absent, 05:00 has no LCA value: two gaps, each at the line of the next value
        assertThat(s.gaps()).extracting(GridSeries.SeriesGap::from, GridSeries.SeriesGap::hours, GridSeries.SeriesGap::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Instant.parse("2022-06-01T03:00:00Z"), 1L, 5L),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2022-06-01T05:00:00Z"), 1L, 7L));
        assertThat(r.problems()).extracting(Problem::location)
                .containsExactly("electricity-maps-2022.csv:5", "electricity-maps-2022.csv:7");
        assertThat(r.problems()).allMatch(p -> p.severity() == Problem.Severity.WARNING);
    }

    @Test
    void electricityMapsNewerExportWithAByteOrderMark() {
        GridSeries s = read("electricity-maps-2024.csv").series().orElseThrow();
        assertThat(s.zone()).contains("FR");
        assertThat(s.basis()).isEqualTo("life-cycle");
        assertThat(s.hourly()).hasSize(3);
        assertThat(s.hourly().firstEntry().getValue()).isEqualTo(35.0);
        assertThat(s.gaps()).isEmpty();
    }

    /** As real 2024 exports of US zones: sub-national zone id, an estimated hour, an empty last cell on every line. */
    @Test
    void electricityMapsUsZoneWithAnEstimatedHourAndAnEmptyLastCell() {
        GridSeriesReader.Result r = read("electricity-maps-us-zone.csv");
        GridSeries s = r.series().orElseThrow();
        assertThat(r.problems()).isEmpty();
        assertThat(s.zone()).contains("US-CAL-CISO");
        assertThat(s.hourly()).hasSize(4);
        assertThat(s.hourly().get(Instant.parse("2024-07-16T16:00:00Z"))).isEqualTo(150.5);
        assertThat(s.gaps()).isEmpty();
        io.carbonpaper.reference.GridCatalog grids = io.carbonpaper.reference.GridCatalog.bundled();
        assertThat(io.carbonpaper.estimate.SeriesZone.check(s, "CAMX", grids).verdict()).isEqualTo(io.carbonpaper.estimate.SeriesZone.Verdict.MATCH);
        assertThat(io.carbonpaper.estimate.SeriesZone.check(s, "NYUP", grids).verdict()).isEqualTo(io.carbonpaper.estimate.SeriesZone.Verdict.MISMATCH);
        assertThat(io.carbonpaper.estimate.SeriesZone.check(s, "DEU", grids).verdict()).isEqualTo(io.carbonpaper.estimate.SeriesZone.Verdict.MISMATCH);
    }

    /** Hours Electricity Maps estimated are read like the others and remembered, each with its method. */
    @Test
    void electricityMapsEstimatedHoursAreCountedByMethod() {
        GridSeriesReader.Result r = read("electricity-maps-estimated.csv");
        GridSeries s = r.series().orElseThrow();
        assertThat(s.zone()).contains("US-FLA-FPL");
        assertThat(s.hourly()).hasSize(7);   // the 07:00 row has no intensity: no hour, and no estimate
        assertThat(s.estimated()).hasSize(5);
        assertThat(s.estimated().get(Instant.parse("2023-03-06T03:00:00Z"))).isEqualTo("ESTIMATED_TIME_SLICER_AVERAGE");   // TRUE
        assertThat(s.estimated().get(Instant.parse("2023-03-06T06:00:00Z"))).isEmpty();
        assertThat(s.estimated()).doesNotContainKeys(Instant.parse("2023-03-06T00:00:00Z"), Instant.parse("2023-03-06T05:00:00Z"),
                Instant.parse("2023-03-06T07:00:00Z"));
        assertThat(s.estimationMethods()).containsExactly(Map.entry("ESTIMATED_TIME_SLICER_AVERAGE", 3L), Map.entry("", 1L),
                Map.entry("ESTIMATED_MODE_BREAKDOWN", 1L));
        assertThat(io.carbonpaper.report.HourlyCarbonTable.estimatesNote(s)).contains("5 of 7 hours of the grid series "
                + "electricity-maps-estimated.csv are estimates by Electricity Maps (method ESTIMATED_TIME_SLICER_AVERAGE for 3, "
                + "no method named for 1, ESTIMATED_MODE_BREAKDOWN for 1), not reported data.");
        // The older files and the other formats mark nothing.
        assertThat(read("electricity-maps-2024.csv").series().orElseThrow().estimated()).isEmpty();
        assertThat(io.carbonpaper.report.HourlyCarbonTable.estimatesNote(read("eia-grid-monitor-ciso.csv").series().orElseThrow())).isEmpty();
        GridSeries us = read("electricity-maps-us-zone.csv").series().orElseThrow();
        assertThat(io.carbonpaper.report.HourlyCarbonTable.estimatesNote(us)).contains("1 of 4 hours of the grid series "
                + "electricity-maps-us-zone.csv is an estimate by Electricity Maps (method ESTIMATED_TIME_SLICER_AVERAGE), not reported data.");
    }

    /** An EIA file re-saved in lbs/kWh (as a real cleaned New England file was) would read a thousand times too clean. */
    @Test
    void anEiaFileThatLooksLikePoundsPerKilowattHourIsAWarning() {
        String header = "BA,UTC time,Local time,CO2 Emissions Intensity for Consumed Electricity\n";
        GridSeriesReader.Result r = GridSeriesReader.parse(header + "ISNE,07/01/2023 8:00:00 AM,07/01/2023 4:00:00 AM,0.57\n"
                + "ISNE,07/01/2023 9:00:00 AM,07/01/2023 5:00:00 AM,0.61\n", "ne.csv");
        assertThat(r.series()).isPresent();   // read as the column says, and said
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.message()).contains("at most 0.61 lbs/MWh (0.277 g/kWh)", "multiply it by 1,000");
        });
        // A real grid in lbs/MWh, and one clean hour among them, draw nothing.
        assertThat(GridSeriesReader.parse(header + "ISNE,07/01/2023 8:00:00 AM,x,0.5\nISNE,07/01/2023 9:00:00 AM,x,540\n", "ne.csv")
                .problems()).isEmpty();
    }

    @Test
    void eiaGridMonitorHoursEndAtTheTimestampAndArePoundsPerMegawattHour() {
        GridSeriesReader.Result r = read("eia-grid-monitor-ciso.csv");
        GridSeries s = r.series().orElseThrow();
        assertThat(r.problems()).isEmpty();
        assertThat(s.format()).isEqualTo("eia-grid-monitor");
        assertThat(s.zone()).contains("CISO");
        // 8:00 AM UTC ends the hour that started at 07:00 UTC; 500 lbs/MWh = 226.8 g/kWh (consumed, not generated)
        assertThat(s.hourly().firstKey()).isEqualTo(Instant.parse("2023-07-01T07:00:00Z"));
        assertThat(s.hourly().firstEntry().getValue()).isCloseTo(500 * 0.45359237, within(1e-9));
        assertThat(s.hourly().lastKey()).isEqualTo(Instant.parse("2023-07-01T09:00:00Z"));
    }

    @Test
    void localTimesAcrossTheAutumnClockChangeBecomeDistinctUtcHours() {
        GridSeriesReader.Result r = read("plain-berlin-autumn.csv");
        GridSeries s = r.series().orElseThrow();
        assertThat(s.zone()).contains("DE");
        assertThat(s.basis()).isEqualTo("unstated");
        // 01:00 CEST = 23:00Z; 02:00 CEST = 00:00Z; 02:00 CET = 01:00Z; 03:00 CET = 02:00Z; 05:00 CET = 04:00Z
        assertThat(s.hourly()).containsEntry(Instant.parse("2023-10-28T23:00:00Z"), 410.0)
                .containsEntry(Instant.parse("2023-10-29T00:00:00Z"), 400.0)
                .containsEntry(Instant.parse("2023-10-29T01:00:00Z"), 390.0)
                .containsEntry(Instant.parse("2023-10-29T02:00:00Z"), 380.0)
                .containsEntry(Instant.parse("2023-10-29T04:00:00Z"), 360.0);
        assertThat(r.problems()).extracting(Problem::toString)
                .containsExactly("plain-berlin-autumn.csv:8: not a number: 'n/a'",
                        "plain-berlin-autumn.csv:9: grid series has no intensity for 1 hour from 2023-10-29T03:00:00Z (before this line)");
    }

    @Test
    void aLocalTimeTheClocksSkipIsAProblemAtItsLine() {
        GridSeriesReader.Result r = read("plain-berlin-spring.csv");
        assertThat(r.problems()).extracting(Problem::location).containsExactly("plain-berlin-spring.csv:4");
        assertThat(r.problems().get(0).message()).contains("Europe/Berlin");
        GridSeries s = r.series().orElseThrow();
        // 01:00 CET = 00:00Z, 03:00 CEST = 01:00Z: consecutive, so no gap
        assertThat(s.hourly().keySet()).containsExactly(Instant.parse("2024-03-31T00:00:00Z"), Instant.parse("2024-03-31T01:00:00Z"));
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void subHourlyRowsAreAveragedAndTheSignalIsKept() {
        GridSeries s = read("plain-utc-marginal.csv").series().orElseThrow();
        assertThat(s.signal()).isEqualTo("marginal");
        assertThat(s.hourly()).containsExactly(java.util.Map.entry(Instant.parse("2024-05-01T00:00:00Z"), 630.0),
                java.util.Map.entry(Instant.parse("2024-05-01T01:00:00Z"), 500.0));
    }

    @Test
    void otherFilesAreAClearErrorNotAStackTrace() {
        GridSeriesReader.Result r = read("not-a-series.csv");
        assertThat(r.series()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("not-a-series.csv:1");
            assertThat(p.message()).contains("timestamp,g_per_kwh");
        });
        assertThat(GridSeriesReader.read(Path.of("no/such/file.csv"), "file.csv").problems())
                .extracting(Problem::severity).containsExactly(Problem.Severity.ERROR);
        assertThat(GridSeriesReader.parse("", "empty.csv").series()).isEmpty();
        assertThat(GridSeriesReader.parse("timestamp,g_per_kwh\n2024-01-01T00:00Z,5000\n", "x.csv").problems())
                .extracting(Problem::toString).containsExactly("x.csv:2: intensity 5000 is outside 0-2000 g/kWh; row skipped",
                        "x.csv: no hour with an intensity in the grid series");
    }

    @Test
    void aFileOverTheLimitIsRefusedUnreadAndTextThatIsNotUtf8IsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        String text = "timestamp,g_per_kwh\n2024-01-01T00:00Z,100\n";
        Path f = java.nio.file.Files.writeString(dir.resolve("grid-intensity.csv"), text);
        int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(GridSeriesReader.read(f, "grid-intensity.csv", size).series()).isPresent(); // at the limit: read
        assertThat(GridSeriesReader.read(f, "grid-intensity.csv", size - 1).problems()).extracting(Problem::toString)
                .containsExactly("grid-intensity.csv: larger than " + (size - 1) + " bytes; an hourly grid series for ten years is under 10 MiB: refused");
        assertThat(GridSeriesReader.MAX_BYTES).isEqualTo(128 << 20);

        Path latin1 = java.nio.file.Files.write(dir.resolve("latin1.csv"), "timestamp,g_per_kwh\n# Z\u00fcrich\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(GridSeriesReader.read(latin1, "latin1.csv").problems()).extracting(Problem::toString)
                .containsExactly("latin1.csv: cannot read the grid series: not UTF-8 text");
    }

    @Test
    void aSecondZoneInOneFileIsSkippedWithAProblem() {
        String text = "timestamp,g_per_kwh,zone\n2024-01-01T00:00Z,100,DE\n2024-01-01T01:00Z,50,FR\n";
        GridSeriesReader.Result r = GridSeriesReader.parse(text, "two.csv");
        assertThat(r.series().orElseThrow().hourly()).hasSize(1);
        assertThat(r.problems()).extracting(Problem::location).containsExactly("two.csv:3");
        assertThat(List.of(r.series().get().zone().orElseThrow())).containsExactly("DE");
    }
}
