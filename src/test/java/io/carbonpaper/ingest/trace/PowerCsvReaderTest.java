package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Home-made GPU power logs (docs/real-world.md d01, x01, x02): read by their column names, in three shapes. */
class PowerCsvReaderTest extends ReaderContract {
    private final PowerCsvReader reader = new PowerCsvReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "gpu_metrics.csv"; }
    @Override protected List<String> validLines() { return Fixture.lines("power-csv/long-iso.csv"); }
    @Override protected int headerLineCount() { return 1; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(620.0, 820.0);
    }

    @Test void longFormTakesTheDeviceColumnAndIsoTimes() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "power-csv/long-iso.csv", "gpu_metrics.csv");
        TraceSummary t = r.only(TraceSummary.class);
        assertThat(t.format()).isEqualTo("power-csv");
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        // GPU 0: 305 J + 315 J; GPU 1: 405 J + 415 J (trapezoids over two 1 s intervals).
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(620.0, 820.0);
        assertThat(t.first()).isEqualTo(Instant.parse("2025-09-24T03:48:33Z"));
        assertThat(t.last()).isEqualTo(Instant.parse("2025-09-24T03:48:35Z"));
        assertThat(t.deviceName()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("'timestamp'").contains("'power_W'").contains("'gpu_index'");
        });
    }

    @Test void wideFormIsOneDevicePerColumn() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "power-csv/wide-epoch.csv", "power_log.csv");
        TraceSummary t = r.only(TraceSummary.class);
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).satisfiesExactly(
                j -> assertThat(j).isCloseTo(150.0, within(1e-9)), j -> assertThat(j).isCloseTo(300.0, within(1e-9)));
        assertThat(t.first()).isEqualTo(Instant.ofEpochSecond(1763638585));
        assertThat(t.gaps()).isEmpty();
    }

    @Test void dcgmFieldFormKeepsThePowerRowsAndPassesOverTheOthers() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "power-csv/field-dcgm.csv", "dmon.csv");
        TraceSummary t = r.only(TraceSummary.class);
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(140.0, 70.0);
        assertThat(t.missingByReason()).isEmpty();
        assertThat(t.first()).isEqualTo(Instant.ofEpochSecond(1718783836));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("'TimeStampUs'").contains("throttle_reason_idle (1)").contains("throttle_reason_sw_power_cap (1)"));
    }

    @Test void withoutADeviceColumnTheRowsOfOneTimeAreTheDevicesInOrder() throws IOException {
        Fixture.Read r = Fixture.readText(reader, dir, """
                time,power.W
                2024-05-01 10:00:00,100
                2024-05-01 10:00:00,50
                2024-05-01 10:00:02,100
                2024-05-01 10:00:02,50
                """, "p.csv");
        TraceSummary t = r.only(TraceSummary.class);
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(200.0, 100.0);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("by their order"));
    }

    @Test void milliwattsAndUnitsOnValuesAndNanosecondTimes() throws IOException {
        Fixture.Read r = Fixture.readText(reader, dir, """
                timestamp_ns;device;gpu_power_mW
                1700000000000000000;GPU-a;250000 W
                1700000001000000000;GPU-a;N/A
                1700000002000000000;GPU-a;250000
                """, "nvml.csv");
        TraceSummary t = r.only(TraceSummary.class);
        // 250 W for 2 s; the N/A sample is missing, never 0 W.
        assertThat(t.total().joules()).isCloseTo(500.0, within(1e-9));
        assertThat(t.missingByReason()).containsEntry("gpu_power_mW blank or N/A", 1L);
        assertThat(t.first()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("milliwatts"));
    }

    @Test void epochMillisecondsAreToldFromSecondsByTheirSize() throws IOException {
        Fixture.Read r = Fixture.readText(reader, dir, "ts,gpu,power\n1700000000000,0,100\n1700000001500,0,100\n", "p.csv");
        TraceSummary t = r.only(TraceSummary.class);
        assertThat(t.total().joules()).isCloseTo(150.0, within(1e-9));
    }

    @Test void aBadValueIsReportedAtItsLineAndTheRestKept() throws IOException {
        Fixture.Read r = Fixture.readText(reader, dir, "timestamp,gpu,power_w\n1700000000,0,100\n1700000001,0,abc\n1700000002,0,100\n", "p.csv");
        assertThat(r.only(TraceSummary.class).total().joules()).isCloseTo(200.0, within(1e-9));
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("power_w").contains("abc");
        });
    }

    /** Found by the fuzzer: every sample outside 1970-2100 left a device without samples, and finishing it threw. */
    @Test void samplesAllOutsideTheTimeBoundsAreAProblemNotACrash() throws IOException {
        Fixture.Read r = Fixture.readText(reader, dir, "timestamp_ms,gpu,power\n9000000000000000,0,100\n9000000001000000,0,100\n", "p.csv");
        assertThat(r.findings()).isEmpty();
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("no usable power samples"));
    }

    @Test void theRegistryGivesThemToThisReaderAndOtherCsvsToTheirs() throws IOException {
        ReaderRegistry registry = ReaderRegistry.builtIn();
        assertThat(detect(registry, "power-csv/long-iso.csv", "gpu_metrics.csv")).contains("power-csv");
        assertThat(detect(registry, "power-csv/wide-epoch.csv", "power_log.csv")).contains("power-csv");
        assertThat(detect(registry, "power-csv/field-dcgm.csv", "dmon.csv")).contains("power-csv");
        // nvidia-smi's own CSV stays with the nvidia-smi reader, a metrics CSV without power with nobody.
        assertThat(detectText(registry, "timestamp, index, name, power.draw [W]\n2024/05/01 10:00:00.000, 0, NVIDIA A100-SXM4-40GB, 100.00 W\n",
                "gpu.csv")).contains("nvidia-smi-csv");
        assertThat(detectText(registry, "timestamp,step,loss\n1700000000,1,2.5\n1700000001,2,2.4\n", "metrics_log.csv"))
                .isNotEqualTo(Optional.of("power-csv"));
        assertThat(detectText(registry, "timestamp,value,name\n1700000000,1,x\n", "other.csv")).isNotEqualTo(Optional.of("power-csv"));
    }

    private Optional<String> detect(ReaderRegistry registry, String resource, String name) throws IOException {
        return detectText(registry, Fixture.text(resource), name);
    }

    private Optional<String> detectText(ReaderRegistry registry, String content, String name) throws IOException {
        Path f = dir.resolve("detect").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return registry.detect(new InputSource(f, name)).map(LogReader::format);
    }
}
