package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.LoggedPlace;
import io.carbonpaper.model.ToolEnergyReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CarbonTrackerLogReaderTest extends ReaderContract {
    private final CarbonTrackerLogReader reader = new CarbonTrackerLogReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "4242.0_2022-11-14T154243Z_carbontracker_output.log"; }
    @Override protected List<String> validLines() { return Fixture.lines("carbontracker/actual-and-predicted_carbontracker_output.log"); }
    @Override protected int headerLineCount() { return 0; }
    /** Half of "CarbonTracker: Finished monitoring." is still a free-text log line; the blocks read end earlier. */
    @Override protected boolean truncationIsDetectable() { return false; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOfSatisfying(ToolEnergyReport.class,
                r -> assertThat(r.energy().kilowattHours()).isCloseTo(0.003504, within(1e-12)));
    }

    private Fixture.Read fixture(String name) throws IOException {
        return Fixture.read(reader, dir, "carbontracker/" + name, name);
    }

    @Test void actualWinsOverPredictedAndPueIsAlreadyApplied() throws IOException {
        ToolEnergyReport r = fixture("actual-and-predicted_carbontracker_output.log").only(ToolEnergyReport.class);
        assertThat(r.tool()).isEqualTo("carbontracker");
        assertThat(r.energy().kilowattHours()).isCloseTo(0.003504, within(1e-12));
        assertThat(r.toolCo2e().orElseThrow().grams()).isCloseTo(0.357451, within(1e-9));
        assertThat(r.duration().orElseThrow().seconds()).isCloseTo(53, within(1e-9));
        assertThat(r.pueApplied()).isTrue();
        assertThat(r.start()).contains(Instant.parse("2022-11-14T15:42:43Z"));
    }

    @Test void aCommentAfterTheActualHeadingKeepsTheActualBlockAndIsNoted() throws IOException {
        Fixture.Read read = fixture("pasted-with-comment.txt");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.energy().kilowattHours()).isCloseTo(0.125, within(1e-12));
        assertThat(r.duration().orElseThrow().seconds()).isCloseTo(45 * 60 + 10, within(1e-9));
        assertThat(read.problems()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("these figures are for all 3 epochs");
        });
        assertThat(read.problems()).noneSatisfy(p -> assertThat(p.message()).contains("PREDICTED"));
    }

    /** The detected location (geocoder's city, region, ISO 2-letter country) is the run's logged place. */
    @Test void theDetectedLocationIsTheLoggedPlace() throws IOException {
        ToolEnergyReport r = fixture("located_carbontracker_output.log").only(ToolEnergyReport.class);
        assertThat(r.place()).contains(new LoggedPlace("carbontracker", Optional.of("US"), Optional.of("Missouri"), Optional.empty(), Optional.empty()));
        assertThat(r.accelerator()).contains("NVIDIA A100-SXM4-40GB");
        assertThat(fixture("actual-and-predicted_carbontracker_output.log").only(ToolEnergyReport.class).place()).isEmpty();
        assertThat(CarbonTrackerLogReader.place("2022-11-14 15:43:37 - Carbon intensities (gCO2/kWh) fetched every 900 s at detected location "
                + "Copenhagen, Capital Region, DK: [102.0]")).map(LoggedPlace::describe).contains("DK, Capital Region");
        assertThat(CarbonTrackerLogReader.place("CarbonTracker: Live carbon intensity could not be fetched at detected location: Unknown. "
                + "Defaulted to average carbon intensity for DK in 2019 of 135.60 gCO2/kWh.")).map(LoggedPlace::describe).contains("DK");
        assertThat(CarbonTrackerLogReader.place("CarbonTracker: Live carbon intensity could not be fetched at detected location: Unknown. "
                + "Defaulted to average carbon intensity for world in 2019 of 475.00 gCO2/kWh.")).isEmpty();
        assertThat(CarbonTrackerLogReader.place("at detected location: Los Angeles, Ca.")).isEmpty();
    }

    /** The command-line tool's heading has no epoch count ({@code Actual consumption:}); its block is the figure all the same. */
    @Test void theCommandLineToolsHeadingWithoutEpochsIsABlock() throws IOException {
        String log = "CarbonTracker: The following components were found: CPU with device(s) cpu:0.\n"
                + "CarbonTracker: Average carbon intensity during training was 151.50 gCO2/kWh at detected location: Aarhus, Central Jutland, DK.\n"
                + "CarbonTracker: \n"
                + "Actual consumption:\n"
                + "\tTime:\t0:00:24\n"
                + "\tEnergy:\t0.000286936393 kWh\n"
                + "\tCO2eq:\t0.043470863590 g\n"
                + "\tThis is equivalent to:\n"
                + "\t0.000404380126 km travelled by car\n"
                + "CarbonTracker: Finished monitoring.\n";
        Fixture.Read read = Fixture.readText(reader, dir, log, "console.txt");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.energy().kilowattHours()).isCloseTo(0.000286936393, within(1e-15));
        assertThat(r.duration().orElseThrow().seconds()).isCloseTo(24, within(1e-9));
        assertThat(r.place()).map(LoggedPlace::describe).contains("DK, Central Jutland");
        assertThat(read.problems()).isEmpty();
    }

    @Test void componentsLineGivesGpuNameAndCount() throws IOException {
        ToolEnergyReport r = fixture("actual-and-predicted_carbontracker_output.log").only(ToolEnergyReport.class);
        assertThat(r.accelerator()).contains("NVIDIA L4");
        assertThat(r.acceleratorCount()).contains(2);
    }

    @Test void predictedIsUsedOnlyWithoutActualAndSaysSo() throws IOException {
        Fixture.Read read = fixture("predicted-only_carbontracker.log");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.energy().kilowattHours()).isCloseTo(40.128676, within(1e-9));
        assertThat(read.problems()).anySatisfy(p -> assertThat(p.message()).contains("PREDICTED"));
    }

    @Test void aRunThatDiedBeforeItsFirstEpochIsANoteNotAnError() throws IOException {
        for (String name : List.of("died-before-epoch1_carbontracker_output.log", "died-before-epoch1_carbontracker.log")) {
            assertThat(reader.sniff(source(name))).as(name).isTrue();
            Fixture.Read read = fixture(name);
            assertThat(read.findings()).as(name).isEmpty();
            assertThat(read.problems()).as(name).singleElement().satisfies(p -> {
                assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
                assertThat(p.message()).contains("ended before its first epoch").contains("NVIDIA GeForce RTX 3090 x2");
            });
        }
    }

    @Test void theStandardLogBesideItsOutputLogOnlyPointsToIt() throws IOException {
        assertThat(reader.sniff(source("two-epochs_carbontracker.log"))).isTrue();
        java.nio.file.Files.writeString(dir.resolve("two-epochs_carbontracker_output.log"),
                Fixture.text("carbontracker/actual-and-predicted_carbontracker_output.log"));
        Fixture.Read read = fixture("two-epochs_carbontracker.log");
        assertThat(read.findings()).isEmpty();
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("2 epochs").contains("_carbontracker_output.log");
        });
    }

    @Test void theStandardLogAloneGivesTheEnergyOfItsEpochsTimesItsPue() throws IOException {
        Fixture.Read read = fixture("two-epochs_carbontracker.log");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        // 300 s x (250 + 40) W + 300 s x (252 + 41) W = 174,900 J, x PUE 1.58 = 276,342 J.
        assertThat(r.energy().joules()).isCloseTo(276_342, within(1e-6));
        assertThat(r.pueApplied()).isTrue();
        assertThat(r.duration().orElseThrow().seconds()).isCloseTo(600, within(1e-9));
        assertThat(r.accelerator()).contains("NVIDIA A100-SXM4-40GB");
        assertThat(r.start()).contains(Instant.parse("2023-06-02T10:00:00Z"));
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("2 epochs").contains("PUE 1.58");
        });
    }

    @Test void aLogMerelyMentioningCarbontrackerIsNotSniffed() throws IOException {
        java.nio.file.Path f = dir.resolve("notes.txt");
        java.nio.file.Files.writeString(f, "We used carbontracker version 1.2 and the PUE coefficient of 1.58.\n");
        assertThat(reader.sniff(new io.carbonpaper.ingest.source.InputSource(f, "notes.txt"))).isFalse();
    }

    private io.carbonpaper.ingest.source.InputSource source(String name) throws IOException {
        java.nio.file.Path f = dir.resolve("sniff-" + name);
        java.nio.file.Files.writeString(f, Fixture.text("carbontracker/" + name));
        return new io.carbonpaper.ingest.source.InputSource(f, name);
    }

    @Test void hoursAreUnbounded() throws IOException {
        ToolEnergyReport r = fixture("predicted-only_carbontracker.log").only(ToolEnergyReport.class);
        assertThat(r.duration().orElseThrow().seconds()).isCloseTo(325 * 3600 + 31 * 60 + 49, within(1e-6));
        assertThat(CarbonTrackerLogReader.duration("0:00:02.50").orElseThrow().seconds()).isCloseTo(2.5, within(1e-9));
        // More hours than a long holds: a number, not a NumberFormatException.
        assertThat(CarbonTrackerLogReader.duration("99999999999999999999:00:00").orElseThrow().seconds()).isCloseTo(3.6e23, within(1e9));
    }

    @Test void consoleCaptureWithSpacesUsesTheLastCumulativeActualBlock() throws IOException {
        Fixture.Read read = fixture("console.txt");
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.energy().kilowattHours()).isCloseTo(0.0002, within(1e-12));
        assertThat(r.accelerator()).isEmpty();
        assertThat(r.start()).isEmpty();
        assertThat(read.problems()).isEmpty();
    }

    @Test void aBadEnergyLineIsAProblemAtItsLine() throws IOException {
        String log = "CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:00:53\n\tEnergy:\tlots kWh\n\tCO2eq:\t0.3 g\n";
        Fixture.Read read = Fixture.readText(reader, dir, log, "x_carbontracker.log");
        assertThat(read.findings()).isEmpty();
        assertThat(read.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
        });
    }

    @Test void sniffsByContentNotOnlyByName() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("carbontracker/console.txt"), "job.out")).isTrue();
        assertThat(Fixture.sniff(reader, dir, "| epoch 001 | loss 3.1\n", "train.log")).isFalse();
    }
}
