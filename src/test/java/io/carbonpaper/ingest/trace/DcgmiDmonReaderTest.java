package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.Fixture;

import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.ingest.ReaderRegistry;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DcgmiDmonReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new DcgmiDmonReader(); }

    @Override protected String fileName() { return "dcgmi-dmon.txt"; }

    /** {@code dcgmi dmon -e 155,156}: the TOTEC counter (mJ) gives the energy. */
    @Override protected List<String> validLines() {
        return List.of(
                "#Entity   POWER     TOTEC",
                "ID        W         mJ",
                "GPU 0     250.000   1000000",
                "GPU 1     100.000   2000000",
                "GPU 0     250.000   1250000",
                "GPU 1     N/A       2100000");
    }

    @Override protected int headerLineCount() { return 2; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.format()).isEqualTo("dcgmi-dmon");
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        assertThat(t.devices()).extracting(DeviceEnergy::method).containsOnly(EnergyMethod.COUNTER);
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(250.0, 100.0);
    }

    private Outcome read(String... lines) throws IOException { return read(join(List.of(lines), "\n")); }

    @Test void powerAloneIsIntegratedAtTheDefaultDelayAndTheAssumptionNoted() throws IOException {
        Outcome o = read("#Entity   POWER", "ID        W", "GPU 0     100.0", "GPU 0     300.0", "GPU 0     100.0");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.total().joules()).isEqualTo(400.0);
        assertThat(t.devices().get(0).method()).isEqualTo(EnergyMethod.TRACE);
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("1000 ms");
        });
    }

    @Test void naAndDcgmBlankSentinelsAreMissing() throws IOException {
        Outcome o = read("#Entity   POWER      TOTEC", "ID        W          mJ",
                "GPU 0     100.0      N/A",
                "GPU 0     140737488355328.000  9223372036854775794",
                "GPU 0     100.0      N/A");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.missingByReason()).containsEntry("TOTEC N/A", 2L).containsEntry("TOTEC blank (DCGM sentinel)", 1L)
                .containsEntry("POWER blank (DCGM sentinel)", 1L);
        assertThat(t.total().joules()).isCloseTo(200.0, within(1e-9));
    }

    @Test void repeatedHeadersAreAccepted() throws IOException {
        Outcome o = read("#Entity   POWER", "ID        W", "GPU 0     100.0", "GPU 0     100.0",
                "#Entity   POWER", "ID        W", "GPU 0     100.0");
        assertThat(o.problems()).filteredOn(p -> p.severity() != Problem.Severity.NOTE).isEmpty();
        assertThat(Fixture.single(o.findings()).total().joules()).isEqualTo(200.0);
    }

    @Test void aCounterResetSkipsThatInterval() throws IOException {
        Outcome o = read("#Entity   TOTEC", "ID        mJ", "GPU 0     5000", "GPU 0     6000", "GPU 0     500", "GPU 0     1500");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.total().joules()).isEqualTo(2.0);
        assertThat(t.missingByReason()).containsEntry("energy counter reset", 1L);
    }

    @Test void aRowWithTheWrongNumberOfValuesIsReported() throws IOException {
        Outcome o = read("#Entity   POWER  TOTEC", "ID        W      mJ", "GPU 0     100.0  1000", "GPU 0     100.0", "GPU 0     100.0  2000");
        assertThat(o.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(4));
        assertThat(Fixture.single(o.findings()).total().joules()).isEqualTo(1.0);
    }

    @Test void theBuiltInRegistryPicksThisReader() throws IOException {
        java.nio.file.Path f = dir.resolve(fileName());
        java.nio.file.Files.write(f, join(validLines(), "\n"));
        assertThat(ReaderRegistry.builtIn().detect(new InputSource(f, fileName()))).get().isInstanceOf(DcgmiDmonReader.class);
    }

    @Test void fixtureCounterWinsAndSentinelsAreMissing() throws IOException {
        Outcome o = fixture("dcgmi-dmon/dcgmi-dmon-155-156.txt");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(900.0, 132.0);
        assertThat(t.devices()).extracting(DeviceEnergy::method).containsOnly(EnergyMethod.COUNTER);
        assertThat(t.missingByReason()).containsEntry("POWER N/A", 1L).containsEntry("TOTEC blank (DCGM sentinel)", 1L)
                .containsEntry("POWER blank (DCGM sentinel)", 1L);
    }

    private Outcome fixture(String path) throws IOException {
        try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/" + path)) {
            assertThat(in).as(path).isNotNull();
            return read(in.readAllBytes());
        }
    }
}
