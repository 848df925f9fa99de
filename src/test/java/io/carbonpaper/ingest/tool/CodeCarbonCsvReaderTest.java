package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
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
        assertThat(findings).hasSize(2).allMatch(f -> f instanceof ToolEnergyReport);
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
}
