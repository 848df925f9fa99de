package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.CpuInfo;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.LoggedPlace;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ToolEnergyReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CodeCarbonCsvReaderTest extends ReaderContract {
    private final CodeCarbonCsvReader reader = new CodeCarbonCsvReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "emissions.csv"; }
    @Override protected List<String> validLines() { return Fixture.lines("codecarbon/v2.2.2.csv"); }
    @Override protected int headerLineCount() { return 1; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).hasSize(3);
        assertThat(findings.subList(0, 2)).allMatch(f -> f instanceof ToolEnergyReport);
        assertThat(findings.get(2)).isEqualTo(new CpuInfo("codecarbon", Optional.of("Intel Core i7"), Optional.of(8)));
        ToolEnergyReport first = (ToolEnergyReport) findings.get(0);
        assertThat(first.runId()).contains("aaaa-1");
        assertThat(first.energy().kilowattHours()).isCloseTo(0.0222, within(1e-12));
    }

    private Fixture.Read fixture(String name) throws IOException {
        return Fixture.read(reader, dir, "codecarbon/" + name, "emissions.csv");
    }

    @Test void lastCumulativeRowOfARunWins() throws IOException {
        ToolEnergyReport r = fixture("v2.2.2.csv").all(ToolEnergyReport.class).get(0);
        assertThat(r.energy().kilowattHours()).isCloseTo(0.0222, within(1e-12));
        assertThat(r.toolCo2e().orElseThrow().kilograms()).isCloseTo(0.004, within(1e-12));
        assertThat(r.duration().orElseThrow().seconds()).isCloseTo(1200, within(1e-9));
        assertThat(r.tool()).isEqualTo("codecarbon");
    }

    @Test void cpuModelAndCountOfTheFirstRunNameTheFilesCpu() throws IOException {
        // no-version.csv: a CPU-only laptop run, cpu_model 'Intel Core i7-6600U', cpu_count 4 (logical CPUs).
        assertThat(fixture("no-version.csv").only(CpuInfo.class)).isEqualTo(new CpuInfo("codecarbon", Optional.of("Intel Core i7-6600U"), Optional.of(4)));
        // padded-header.csv holds two machines; the first run's CPU is the file's, as its first card is its hardware.
        assertThat(fixture("padded-header.csv").only(CpuInfo.class)).isEqualTo(new CpuInfo("codecarbon", Optional.of("Intel Xeon Gold"), Optional.of(24)));
    }

    @Test void startIsTheStopTimestampMinusDuration() throws IOException {
        ToolEnergyReport r = fixture("v2.2.2.csv").all(ToolEnergyReport.class).get(0);
        assertThat(r.start()).contains(Instant.parse("2023-07-24T11:47:23Z"));
    }

    @Test void gpuModelCountPrefixGivesAcceleratorAndCount() throws IOException {
        ToolEnergyReport r = fixture("v2.7.1.csv").only(ToolEnergyReport.class);
        assertThat(r.accelerator()).contains("NVIDIA A100-SXM4-40GB");
        assertThat(r.acceleratorCount()).contains(4);
    }

    @Test void pueOfOneIsNotApplied() throws IOException {
        assertThat(fixture("v2.7.1.csv").only(ToolEnergyReport.class).pueApplied()).isFalse();
        assertThat(fixture("v2.2.2.csv").all(ToolEnergyReport.class)).noneMatch(ToolEnergyReport::pueApplied);
    }

    @Test void movedColumnsAreFoundByNameAndAPueAboveOneWasApplied() throws IOException {
        Fixture.Read read = fixture("v3.2.3.csv");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.energy().kilowattHours()).isCloseTo(2.4, within(1e-12));
        assertThat(r.pueApplied()).isTrue();
        assertThat(r.accelerator()).contains("NVIDIA H100 80GB HBM3");
        assertThat(r.acceleratorCount()).contains(2);
        assertThat(read.problems()).isEmpty();
    }

    /** The country and cloud columns are the run's logged place, found by name in every header version, padding trimmed. */
    @Test void theCountryAndCloudColumnsAreWhereTheRunWasLogged() throws IOException {
        assertThat(fixture("v2.2.2.csv").all(ToolEnergyReport.class)).allSatisfy(r -> assertThat(r.place()).contains(
                new LoggedPlace("codecarbon", Optional.of("USA"), Optional.of("massachusetts"), Optional.empty(), Optional.empty())));
        // 3.2 moved cloud_provider to the end of the header
        assertThat(fixture("v3.2.3.csv").only(ToolEnergyReport.class).place()).contains(
                new LoggedPlace("codecarbon", Optional.of("DEU"), Optional.empty(), Optional.of("aws"), Optional.of("eu-central-1")));
        assertThat(fixture("padded-header.csv").all(ToolEnergyReport.class)).allSatisfy(r -> assertThat(r.place()).contains(
                new LoggedPlace("codecarbon", Optional.of("DNK"), Optional.empty(), Optional.empty(), Optional.empty())));
        // the rows after a repeated header are read by the new header's columns
        assertThat(fixture("header-change.csv").all(ToolEnergyReport.class)).extracting(r -> r.place().orElseThrow().describe())
                .containsExactly("FRA", "ITA, lazio");
    }

    /** A row without a country, or with a cloud provider but no cloud region, logs no place; a cloud region alone does. */
    @Test void aRowNamingNoCountryAndNoCloudRegionLogsNoPlace() throws IOException {
        String header = "timestamp,project_name,run_id,duration,emissions,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region\n";
        List<ToolEnergyReport> rs = Fixture.readText(reader, dir, header
                + "2024-01-01T01:00:00,p,a,3600,0.1,0.5,,,,,\n"
                + "2024-01-01T02:00:00,p,b,3600,0.1,0.5,,,,gcp,\n"
                + "2024-01-01T03:00:00,p,c,3600,0.1,0.5,,,,gcp,us-central1\n"
                + "2024-01-01T04:00:00,p,d,3600,0.1,0.5,Canada,,quebec,,\n", "emissions.csv").all(ToolEnergyReport.class);
        assertThat(rs).extracting(r -> r.place().map(LoggedPlace::describe).orElse("none"))
                .containsExactly("none", "none", "gcp us-central1", "Canada, quebec");
    }

    @Test void headerWithoutVersionColumnAndEmptyGpuFields() throws IOException {
        Fixture.Read read = fixture("no-version.csv");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.energy().kilowattHours()).isCloseTo(6.64e-09, within(1e-20));
        assertThat(r.accelerator()).isEmpty();
        assertThat(r.acceleratorCount()).isEmpty();
        assertThat(read.problems()).isEmpty();
    }

    @Test void headerRepeatedMidFileSwitchesColumns() throws IOException {
        Fixture.Read read = fixture("header-change.csv");
        List<ToolEnergyReport> rs = read.all(ToolEnergyReport.class);
        assertThat(rs).extracting(ToolEnergyReport::runId).containsExactly(Optional.of("old-1"), Optional.of("new-1"));
        assertThat(rs.get(1).energy().kilowattHours()).isCloseTo(0.003, within(1e-12));
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test void aBadEnergyValueIsAProblemAtItsLine() throws IOException {
        String csv = "timestamp,project_name,run_id,duration,emissions,energy_consumed\n"
                + "2024-01-01T00:00:00,p,a,10,0.1,abc\n"
                + "2024-01-01T00:00:00,p,b,10,0.1,0.5\n";
        Fixture.Read read = Fixture.readText(reader, dir, csv, "emissions.csv");
        assertThat(read.all(ToolEnergyReport.class)).singleElement().satisfies(r -> assertThat(r.runId()).contains("b"));
        assertThat(read.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("energy_consumed");
        });
    }

    @Test void doesNotSniffOtherCsv() throws IOException {
        assertThat(Fixture.sniff(reader, dir, "epoch,step,train_loss\n0,1,0.5\n", "metrics.csv")).isFalse();
    }

    @Test void severalRunsInOneFileAreOneReportEachWithTheirOwnInterval() throws IOException {
        Fixture.Read read = fixture("several-runs.csv");
        List<ToolEnergyReport> rs = read.all(ToolEnergyReport.class);
        assertThat(rs).extracting(ToolEnergyReport::runId)
                .containsExactly(Optional.of("run-a"), Optional.of("run-b"), Optional.of("run-c"));
        assertThat(rs).extracting(r -> r.energy().kilowattHours()).containsExactly(0.0325, 0.065, 0.13);
        assertThat(rs.get(0).start()).contains(Instant.parse("2024-03-01T10:05:00Z"));
        assertThat(rs.get(0).end()).contains(Instant.parse("2024-03-01T10:20:00Z"));
        assertThat(rs.get(2).start()).contains(Instant.parse("2024-03-02T08:00:00Z"));
        assertThat(read.problems()).isEmpty();
    }

    @Test void twoDifferentGpusGluedInGpuModelAreTwoDevices() throws IOException {
        Fixture.Read read = fixture("glued-gpu-list.csv");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.devices()).containsExactly(new Hardware.Part("NVIDIA GeForce RTX 4060", 1),
                new Hardware.Part("NVIDIA GeForce RTX 3080 Ti", 1));
        assertThat(r.accelerator()).contains("NVIDIA GeForce RTX 4060");
        assertThat(r.acceleratorCount()).contains(2);
        assertThat(read.problems()).isEmpty();
    }

    @Test void aGpuCountThatDisagreesWithTheListIsNotedAndTheListKept() throws IOException {
        String csv = "timestamp,project_name,run_id,duration,emissions,energy_consumed,gpu_count,gpu_model\n"
                + "2024-01-01T00:10:00,p,a,600,0.1,0.5,3,2 x NVIDIA A100-SXM4-40GB\n";
        Fixture.Read read = Fixture.readText(reader, dir, csv, "emissions.csv");
        assertThat(read.only(ToolEnergyReport.class).devices()).containsExactly(new Hardware.Part("NVIDIA A100-SXM4-40GB", 2));
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("gpu_count says 3").contains("lists 2");
        });
    }

    @Test void aBareGpuNameCountsGpuCountDevices() throws IOException {
        String csv = "timestamp,project_name,run_id,duration,emissions,energy_consumed,gpu_count,gpu_model\n"
                + "2024-01-01T00:10:00,p,a,600,0.1,0.5,2,Apple M1\n";
        ToolEnergyReport r = Fixture.readText(reader, dir, csv, "emissions.csv").only(ToolEnergyReport.class);
        assertThat(r.devices()).containsExactly(new Hardware.Part("Apple M1", 2));
    }

    @Test void headerCellsPaddedWithSpacesAreFoundByName() throws IOException {
        Fixture.Read read = fixture("padded-header.csv");
        assertThat(sniff("padded-header.csv")).isTrue();
        List<ToolEnergyReport> rs = read.all(ToolEnergyReport.class);
        assertThat(rs).extracting(r -> r.energy().kilowattHours()).containsExactly(0.00166, 0.00126);
        assertThat(rs).extracting(ToolEnergyReport::accelerator)
                .containsExactly(Optional.of("Tesla V100-PCIE-32GB"), Optional.of("NVIDIA GeForce RTX 2070"));
        assertThat(rs).extracting(ToolEnergyReport::acceleratorCount).containsOnly(Optional.of(1));
        assertThat(rs.get(1).start()).contains(Instant.parse("2024-02-10T08:01:00Z"));
        assertThat(read.problems()).isEmpty();
    }

    @Test void theFirstHeaderKeysRunsByExperimentId() throws IOException {
        Fixture.Read read = fixture("v1-experiment-id.csv");
        assertThat(sniff("v1-experiment-id.csv")).isTrue();
        List<ToolEnergyReport> rs = read.all(ToolEnergyReport.class);
        assertThat(rs).extracting(ToolEnergyReport::runId).containsExactly(
                Optional.of("6a7b5c4d-0000-4000-8000-000000000001"), Optional.of("6a7b5c4d-0000-4000-8000-000000000002"));
        assertThat(rs).extracting(r -> r.duration().orElseThrow().value()).containsExactly(0.5, 1.0);
        assertThat(rs).allSatisfy(r -> assertThat(r.devices()).isEmpty());
        assertThat(read.problems()).isEmpty();
    }

    @Test void aTaskFileHoldsOneFigurePerTask() throws IOException {
        Fixture.Read read = fixture("task-file.csv");
        assertThat(sniff("task-file.csv")).isTrue();
        List<ToolEnergyReport> rs = read.all(ToolEnergyReport.class);
        assertThat(rs).extracting(r -> r.energy().kilowattHours()).containsExactly(0.000167, 0.0575);
        assertThat(rs).extracting(r -> r.duration().orElseThrow().seconds()).containsExactly(10.0, 600.0);
        assertThat(read.problems()).isEmpty();
    }

    @Test void aHeaderRepeatedInATaskFileIsStillAHeader() throws IOException {
        List<String> lines = Fixture.lines("codecarbon/task-file.csv");
        String csv = String.join("\n", lines.get(0), lines.get(1), lines.get(0), lines.get(2)) + "\n";
        Fixture.Read read = Fixture.readText(reader, dir, csv, "emissions.csv");
        assertThat(read.all(ToolEnergyReport.class)).hasSize(2);
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    private boolean sniff(String fixture) throws IOException {
        return Fixture.sniff(reader, dir, Fixture.text("codecarbon/" + fixture), "emissions.csv");
    }
}
