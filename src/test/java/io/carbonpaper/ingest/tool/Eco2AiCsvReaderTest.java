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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Eco2AiCsvReaderTest extends ReaderContract {
    private final Eco2AiCsvReader reader = new Eco2AiCsvReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "emission.csv"; }
    @Override protected List<String> validLines() { return Fixture.lines("eco2ai/emission.csv"); }
    @Override protected int headerLineCount() { return 1; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).hasSize(2).allMatch(f -> f instanceof ToolEnergyReport);
        assertThat(((ToolEnergyReport) findings.get(0)).energy().kilowattHours()).isCloseTo(0.3, within(1e-12));
    }

    private List<ToolEnergyReport> reports() throws IOException {
        return Fixture.read(reader, dir, "eco2ai/emission.csv", "emission.csv").all(ToolEnergyReport.class);
    }

    @Test void rowRewrittenUnderTheSameIdCountsOnce() throws IOException {
        ToolEnergyReport r = reports().get(0);
        assertThat(r.tool()).isEqualTo("eco2ai");
        assertThat(r.runId()).contains("run-1");
        assertThat(r.toolCo2e().orElseThrow().kilograms()).isCloseTo(0.12, within(1e-12));
        assertThat(r.duration().orElseThrow().value()).isCloseTo(1.0, within(1e-12));
        assertThat(r.start()).contains(Instant.parse("2023-05-01T10:00:00Z"));
        assertThat(r.pueApplied()).isFalse();
    }

    /** In training mode an id keeps one row per epoch, each with that epoch's own energy: every epoch counts. */
    @Test void epochRowsOfOneTrainingIdEachCount() throws IOException {
        List<ToolEnergyReport> rs = Fixture.read(reader, dir, "eco2ai/training-epochs.csv", "emission.csv").all(ToolEnergyReport.class);
        assertThat(rs).hasSize(4);
        assertThat(rs.stream().mapToDouble(r -> r.energy().kilowattHours()).sum()).isCloseTo(0.56, within(1e-12));
        assertThat(rs).extracting(r -> r.duration().orElseThrow().value()).containsExactly(0.5, 0.5, 0.25, 0.1);
        assertThat(rs.get(2).start()).contains(Instant.parse("2024-02-10T09:00:00Z"));
    }

    /** Eco2AI's 2022 files: tab-separated with the old column names, then commas with the kWTh energy column. */
    @Test void the2022LayoutsAreRead() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("eco2ai/2022-06-tab.csv"), "emission.csv")).isTrue();
        List<ToolEnergyReport> tab = Fixture.read(reader, dir, "eco2ai/2022-06-tab.csv", "emission.csv").all(ToolEnergyReport.class);
        assertThat(tab).extracting(r -> r.energy().kilowattHours()).containsExactly(0.12, 0.07);
        assertThat(tab.get(1).duration().orElseThrow().value()).isCloseTo(0.25, within(1e-12));
        assertThat(tab.get(0).accelerator()).contains("Tesla T4");
        assertThat(tab.get(1).runId()).contains("gradient boosting, deeper");
        ToolEnergyReport kwth = Fixture.read(reader, dir, "eco2ai/2022-08-kwth.csv", "emission.csv").only(ToolEnergyReport.class);
        assertThat(kwth.energy().kilowattHours()).isCloseTo(0.4, within(1e-12));
        assertThat(kwth.acceleratorCount()).contains(2);
        assertThat(kwth.start()).contains(Instant.parse("2022-08-15T09:00:00Z"));
    }

    @Test void gpuNameWithDeviceCountGivesAccelerator() throws IOException {
        List<ToolEnergyReport> rs = reports();
        assertThat(rs.get(0).accelerator()).contains("NVIDIA A100-SXM4-40GB");
        assertThat(rs.get(0).acceleratorCount()).contains(2);
        assertThat(rs.get(1).accelerator()).isEmpty();
    }

    /** region/country, as Eco2AI writes it (alpha-2 code, slash, region; in parentheses with a user's emission level), is the logged place. */
    @Test void regionCountryIsTheLoggedPlace() throws IOException {
        assertThat(reports()).extracting(r -> r.place().map(io.carbonpaper.model.LoggedPlace::describe).orElse("none"))
                .containsExactly("RU, Moscow", "DE");
        assertThat(Eco2AiCsvReader.place("US/California")).map(io.carbonpaper.model.LoggedPlace::describe).contains("US, California");
        assertThat(Eco2AiCsvReader.place("(FR/None)")).map(io.carbonpaper.model.LoggedPlace::describe).contains("FR");
        assertThat(Eco2AiCsvReader.place("Russia/Moscow")).isEmpty();
        assertThat(Eco2AiCsvReader.place("/")).isEmpty();
    }

    @Test void aDeviceCountBeyondReasonIsNoCount() throws IOException {
        String csv = "project_name,start_time,duration(s),power_consumption(kWh),CO2_emissions(kg),GPU_name\n"
                + "p,2023-01-01 00:00:00,1,0.5,0.1,NVIDIA A100 99999999999 device(s)\n";
        Fixture.Read read = Fixture.readText(reader, dir, csv, "emission.csv");
        assertThat(read.only(ToolEnergyReport.class).acceleratorCount()).isEmpty();
    }

    @Test void aBadEnergyIsAProblemAtItsLine() throws IOException {
        String csv = "project_name,start_time,duration(s),power_consumption(kWh),CO2_emissions(kg)\np,2023-01-01 00:00:00,1,x,0\n";
        Fixture.Read read = Fixture.readText(reader, dir, csv, "emission.csv");
        assertThat(read.findings()).isEmpty();
        assertThat(read.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("power_consumption(kWh)");
        });
    }

    @Test void doesNotSniffCodeCarbon() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("codecarbon/v2.2.2.csv"), "emission.csv")).isFalse();
    }
}
