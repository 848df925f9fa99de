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

class PrometheusTextReaderTest extends ReaderContract {
    private static final String A100 = "NVIDIA A100-SXM4-80GB";

    @Override protected LogReader reader() { return new PrometheusTextReader(); }

    @Override protected String fileName() { return "dcgm-scrapes.prom"; }

    private static String power(String host, String gpu, String value, long ms) {
        return "DCGM_FI_DEV_POWER_USAGE{gpu=\"" + gpu + "\",UUID=\"GPU-" + host + gpu + "\",Hostname=\"" + host
                + "\",modelName=\"" + A100 + "\"} " + value + " " + ms;
    }

    private static String energy(String host, String gpu, String value, long ms) {
        return "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"" + gpu + "\",Hostname=\"" + host + "\"} " + value + " " + ms;
    }

    /** Two scrapes 10 s apart of two hosts with one GPU each. */
    @Override protected List<String> validLines() {
        return List.of(
                "# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).",
                "# TYPE DCGM_FI_DEV_POWER_USAGE gauge",
                power("n1", "0", "400.000000", 1709287200000L),
                power("n2", "0", "200.000000", 1709287200000L),
                "DCGM_FI_DEV_SM_CLOCK{gpu=\"0\",Hostname=\"n1\"} 1410 1709287200000",
                power("n1", "0", "400.000000", 1709287210000L),
                power("n2", "0", "200.000000", 1709287210000L));
    }

    @Override protected int headerLineCount() { return 2; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.format()).isEqualTo("dcgm-prometheus-text");
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("n1/0", "n2/0");
        assertThat(t.total().joules()).isEqualTo(6000.0);
        assertThat(t.host()).isEmpty();
        assertThat(t.deviceName()).contains(A100);
    }

    private Outcome read(String... lines) throws IOException { return read(join(List.of(lines), "\n")); }

    @Test void theEnergyCounterInMillijoulesWinsOverPower() throws IOException {
        Outcome o = read(power("n1", "0", "400.0", 0), energy("n1", "0", "31035686671", 0),
                power("n1", "0", "400.0", 10_000), energy("n1", "0", "31035696671", 10_000));
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices().get(0).method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(t.total().joules()).isEqualTo(10_000.0 / 1000);
        assertThat(t.host()).contains("n1");
    }

    /** docs/real-world.md r04b: dcgm-exporter's counters configuration names the metrics but holds no sample. */
    @Test void theExportersCountersConfigurationIsNoScrape() throws IOException {
        java.nio.file.Path f = dir.resolve("default-counters.csv");
        java.nio.file.Files.writeString(f, String.join("\n",
                "# Format", "# If line starts with a '#' it is considered a comment", "# DCGM FIELD, Prometheus metric type, help message",
                "DCGM_FI_DEV_POWER_USAGE, gauge, Power draw (in W).",
                "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION, counter, Total energy consumption since boot (in mJ).",
                "DCGM_FI_DEV_DEC_UTIL , gauge, Decoder utilization (in %).", ""));
        assertThat(reader().sniff(new io.carbonpaper.ingest.source.InputSource(f, "default-counters.csv"))).isFalse();
        java.nio.file.Path scrape = dir.resolve("scrape.prom");
        java.nio.file.Files.writeString(scrape, "DCGM_FI_DEV_POWER_USAGE 100.0 1709287200000\n");
        assertThat(reader().sniff(new io.carbonpaper.ingest.source.InputSource(scrape, "scrape.prom"))).isTrue();
    }

    @Test void aSnapshotWithoutTimestampsIsAProblemAndGivesNoEnergy() throws IOException {
        Outcome o = read("# TYPE DCGM_FI_DEV_POWER_USAGE gauge",
                "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\", UUID=\"GPU-604ac76c\"} 409.692000",
                "DCGM_FI_DEV_POWER_USAGE{gpu=\"1\", UUID=\"GPU-604ac76d\"} 23.528000");
        assertThat(o.findings()).isEmpty();
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.message()).contains("no time span");
        });
    }

    @Test void blankSentinelsAreMissing() throws IOException {
        Outcome o = read(energy("n1", "0", "1000", 0), energy("n1", "0", "9223372036854775794", 1000), energy("n1", "0", "3000", 2000));
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.missingByReason()).containsEntry("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION blank (DCGM sentinel)", 1L);
        assertThat(t.total().joules()).isEqualTo(2.0);
    }

    @Test void withoutHostnameDevicesAreKeyedByGpuAndEscapedLabelsAreRead() throws IOException {
        Outcome o = read("DCGM_FI_DEV_POWER_USAGE{gpu=\"3\",pod=\"a \\\"quoted\\\" name\"} 100 0",
                "DCGM_FI_DEV_POWER_USAGE{gpu=\"3\",pod=\"a \\\"quoted\\\" name\"} 100 1000");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("3");
        assertThat(t.total().joules()).isEqualTo(100.0);
    }

    @Test void aMalformedSampleIsReportedWithItsLine() throws IOException {
        Outcome o = read(power("n1", "0", "100", 0), "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\" 100 500", power("n1", "0", "abc", 700), power("n1", "0", "100", 1000));
        assertThat(o.problems()).extracting(Problem::line).containsExactly(2L, 3L);
        assertThat(Fixture.single(o.findings()).total().joules()).isEqualTo(100.0);
    }

    @Test void theBuiltInRegistryPicksThisReader() throws IOException {
        java.nio.file.Path f = dir.resolve(fileName());
        java.nio.file.Files.write(f, join(validLines(), "\n"));
        assertThat(ReaderRegistry.builtIn().detect(new InputSource(f, fileName()))).get().isInstanceOf(PrometheusTextReader.class);
    }

    @Test void fixtureTwoNodesTwoScrapes() throws IOException {
        Outcome o = fixture("dcgm-prometheus/two-nodes-scrapes.prom");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(o.problems()).isEmpty();
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("node1/0", "node2/0");
        assertThat(t.devices()).extracting(DeviceEnergy::method).containsExactly(EnergyMethod.COUNTER, EnergyMethod.TRACE);
        assertThat(t.devices().get(0).energy().joules()).isEqualTo(12_300.0);
        assertThat(t.devices().get(1).energy().joules()).isCloseTo(720.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(t.deviceName()).contains("NVIDIA A100-SXM4-80GB");
    }

    @Test void aCounterResetIsSkippedAndCounted() throws IOException {
        Outcome o = read(energy("n1", "0", "5000", 0), energy("n1", "0", "6000", 1000), energy("n1", "0", "100", 2000), energy("n1", "0", "1100", 3000));
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.total().joules()).isEqualTo(2.0);
        assertThat(t.missingByReason()).containsEntry("energy counter reset", 1L);
    }

    private Outcome fixture(String path) throws IOException {
        try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/" + path)) {
            assertThat(in).as(path).isNotNull();
            return read(in.readAllBytes());
        }
    }
}
