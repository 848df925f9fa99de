package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.Fixture;

import io.carbonpaper.ingest.source.InputException;
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
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusQueryRangeReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new PrometheusQueryRangeReader(); }

    @Override protected String fileName() { return "query_range.json"; }

    /** Power of two hosts' GPU 0 over 30 s at a 15 s step. */
    @Override protected List<String> validLines() {
        return List.of(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[",
                "{\"metric\":{\"__name__\":\"DCGM_FI_DEV_POWER_USAGE\",\"gpu\":\"0\",\"Hostname\":\"n1\",\"modelName\":\"NVIDIA H100 80GB HBM3\"},",
                "\"values\":[[1709287200,\"500\"],[1709287215.000,\"500\"],[1709287230,\"500\"]]},",
                "{\"metric\":{\"__name__\":\"DCGM_FI_DEV_POWER_USAGE\",\"gpu\":\"0\",\"Hostname\":\"n2\",\"modelName\":\"NVIDIA H100 80GB HBM3\"},",
                "\"values\":[[1709287200,\"100\"],[1709287215,\"100\"],[1709287230,\"100\"]]}",
                "]}}");
    }

    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.format()).isEqualTo("dcgm-prometheus-query-range");
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("n1/0", "n2/0");
        assertThat(t.total().joules()).isEqualTo(30 * 600.0);
        assertThat(t.first()).isEqualTo(Instant.ofEpochSecond(1709287200));
        assertThat(t.deviceName()).contains("NVIDIA H100 80GB HBM3");
    }

    private Outcome read(String json) throws IOException { return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

    private static String series(String name, String host, String values) {
        return "{\"metric\":{\"__name__\":\"" + name + "\",\"gpu\":\"0\",\"Hostname\":\"" + host + "\"},\"values\":[" + values + "]}";
    }

    private static String matrix(String... series) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + String.join(",", series) + "]}}";
    }

    @Test void theEnergyCounterSeriesWinsOverPower() throws IOException {
        Outcome o = read(matrix(
                series("DCGM_FI_DEV_POWER_USAGE", "n1", "[100,\"400\"],[110,\"400\"]"),
                series("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "n1", "[100,\"1000000\"],[110,\"1003500\"]")));
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices().get(0).method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(t.total().joules()).isEqualTo(3.5);
        assertThat(t.host()).contains("n1");
    }

    @Test void anErrorAnswerIsRefusedWithPrometheusMessage() throws IOException {
        Outcome o = read("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter 'query'\"}");
        assertThat(o.failure()).isNotNull();
        assertThat(o.failure().getMessage()).contains("invalid parameter 'query'");
    }

    @Test void anInstantVectorHasNoTimeSpanAndSaysSo() throws IOException {
        Outcome o = read("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":"
                + "\"DCGM_FI_DEV_POWER_USAGE\",\"gpu\":\"0\"},\"value\":[1435781451.781,\"409.692\"]}]}}");
        assertThat(o.findings()).isEmpty();
        assertThat(o.problems()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.message()).contains("no time span");
        });
    }

    @Test void seriesWithoutANameAreIgnoredAndCounted() throws IOException {
        Outcome o = read(matrix("{\"metric\":{\"gpu\":\"0\"},\"values\":[[100,\"5\"],[110,\"5\"]]}",
                series("DCGM_FI_DEV_POWER_USAGE", "n1", "[100,\"10\"],[110,\"NaN\"],[120,\"10\"]")));
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.total().joules()).isEqualTo(200.0);
        assertThat(t.missingByReason()).containsEntry("DCGM_FI_DEV_POWER_USAGE NaN or Inf", 1L);
        assertThat(o.problems()).anySatisfy(p -> assertThat(p.message()).contains("without a __name__"));
    }

    @Test void malformedJsonIsRefusedWithItsLine() throws IOException {
        Outcome o = read("{\"status\":\"success\",\n\"data\":{\"resultType\":\"matrix\",\"result\":[\n{\"metric\":{,}}]}}");
        assertThat(o.failure()).isInstanceOf(InputException.class);
        assertThat(((InputException) o.failure()).line()).isEqualTo(3);
    }

    @Test void theBuiltInRegistryPicksThisReader() throws IOException {
        java.nio.file.Path f = dir.resolve(fileName());
        java.nio.file.Files.write(f, join(validLines(), "\n"));
        assertThat(ReaderRegistry.builtIn().detect(new InputSource(f, fileName()))).get().isInstanceOf(PrometheusQueryRangeReader.class);
    }

    @Test void fixtureCounterResetAndUnnamedSeries() throws IOException {
        Outcome o = fixture("dcgm-prometheus/query_range.json");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("node1/0", "node1/1");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(12_800.0, 1_500.0);
        assertThat(t.missingByReason()).containsEntry("energy counter reset", 1L).containsEntry("DCGM_FI_DEV_POWER_USAGE NaN or Inf", 1L);
        assertThat(t.host()).contains("node1");
        assertThat(t.first()).isEqualTo(Instant.ofEpochSecond(1709287200));
        assertThat(o.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("1 series without a __name__"));
    }

    private Outcome fixture(String path) throws IOException {
        try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/" + path)) {
            assertThat(in).as(path).isNotNull();
            return read(in.readAllBytes());
        }
    }
}
