package io.carbonpaper.ingest.cluster.prometheus;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.cluster.prometheus.DcgmSeries.Device;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.PrometheusSource;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.task.ExitCode;
import io.carbonpaper.task.ReportJob;
import io.carbonpaper.task.ReportTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.N1G0;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.N1G1;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.N1G2;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.N2G0;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.N2G1;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.RELATIVE;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.SERIES;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.at;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.joules;
import static io.carbonpaper.ingest.cluster.prometheus.StoreFixture.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prometheus source against a real Prometheus server whose TSDB holds generated DCGM series
 * (see {@link DcgmSeries}): three counter GPUs on node1 (one with a counter reset, one with a 300 s
 * scrape gap) and two power-only GPUs on node2 (one with a 100 s gap).
 *
 * <p>Expected energies are derived from the generated samples with PromQL's semantics. Where the
 * range's edges fall on samples the server's answer is the exact energy of the series; where they
 * fall between samples, {@code increase()} extrapolates and the test expects the extrapolated
 * value. The tolerance, 1e-9 relative, only absorbs floating-point rounding: every sample is a
 * multiple of 1/2 W or 125 J, so the sums themselves are exact.
 */
class PrometheusEnricherTest {
    @TempDir static Path dir;
    private static LocalPrometheus server;
    private static Path logs;
    private static Map<String, Experiment> enriched;

    @BeforeAll
    static void startServerAndEnrich() throws Exception {
        server = LocalPrometheus.start(dir.resolve("server"), SERIES.openMetrics());
        logs = Files.createDirectories(dir.resolve("logs"));
        StoreFixture.writeLogs(logs);
        StoreFixture.manifest(logs, "start-and-hours", "host: node1\nhardware: {accelerator: V100-SXM2, count: 3}\nstart: " + (DcgmSeries.T0 + 1000)
                + "\nhours: 1\n");
        StoreFixture.manifest(logs, "no-range", "host: node1\nhardware: {accelerator: V100, count: 1}\nhours: 2\n");
        enriched = StoreFixture.enrich(logs, server.url());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void counterEnergyIsTheExactIncreaseAcrossAResetAndAScrapeGap() {
        Experiment e = enriched.get("counter-aligned");
        assertThat(e.problems()).isEmpty();
        TraceSummary t = only(e);
        assertThat(t.format()).isEqualTo("prometheus");
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("node1/0", "node1/1", "node1/2");
        assertThat(t.devices()).extracting(DeviceEnergy::method).containsOnly(EnergyMethod.PROMETHEUS_COUNTER);
        long from = DcgmSeries.T0 + 1000, to = DcgmSeries.T0 + 4600;
        for (Device d : List.of(N1G0, N1G1, N1G2)) {
            double expected = DcgmSeries.increase(SERIES.counter(d), from, to, server.leftOpenRanges()) / 1000;
            assertThat(joules(t, d)).as("device %s/%d", d.host(), d.gpu()).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
            if (!server.leftOpenRanges()) // samples on both edges: no extrapolation, the series' energy exactly
                assertThat(joules(t, d)).isCloseTo(SERIES.trueJoules(d, from, to), within(Math.abs(expected) * RELATIVE));
        }
        // The gap loses no energy (the counter kept counting) but shows as missing scrapes: 30 absent, 29 beyond the closed window's extra sample.
        assertThat(t.missingByReason()).containsOnlyKeys("scrapes missing on device node1/1 (at least)");
        assertThat(t.missingByReason().values().iterator().next()).isBetween(29L, 30L);
        assertThat(e.hardware().orElseThrow().accelerator()).isEqualTo("Tesla V100-SXM2-32GB");
        assertThat(e.hardware().orElseThrow().count()).isEqualTo(3);
        assertThat(e.hours().orElseThrow().value()).isEqualTo(1.0);
        assertThat(t.queries().get(0)).isEqualTo("sum by (Hostname, gpu) (increase(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{Hostname=\"node1\"}[3600s] @ "
                + to + "))");
        assertThat(t.queries()).anyMatch(q -> q.startsWith("query_range start=" + from + " end=" + to + " step=12s: "));
        // 3600 s at 12 s steps: 301 points per device at most, never the 1 080 raw samples.
        assertThat(t.chart()).hasSizeBetween(3 * 250, 3 * 301);
        assertThat(t.chart().stream().filter(p -> p.device().equals("node1/2")).mapToDouble(TraceSummary.ChartPoint::watts).max().orElseThrow())
                .isBetween(200.0, 275.0);
    }

    @Test
    void counterEnergyBetweenSamplesIsPromqlsExtrapolation() {
        Experiment e = enriched.get("counter-unaligned");
        TraceSummary t = only(e);
        long from = DcgmSeries.T0 + 1005, to = DcgmSeries.T0 + 2505;
        for (Device d : List.of(N1G0, N1G1, N1G2)) {
            double expected = DcgmSeries.increase(SERIES.counter(d), from, to, server.leftOpenRanges()) / 1000;
            assertThat(joules(t, d)).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
            // Extrapolating half an interval at each edge stays within one scrape interval's energy of the truth.
            double truth = SERIES.trueJoules(d, from, to);
            assertThat(Math.abs(joules(t, d) - truth)).isLessThanOrEqualTo(d.watts(0) * 2 * DcgmSeries.STEP);
        }
    }

    @Test
    void powerGaugeIsIntegratedByTheServerWhenTheCounterIsAbsent() {
        Experiment e = enriched.get("power-node2");
        assertThat(e.problems()).isEmpty();
        TraceSummary t = only(e);
        assertThat(t.devices()).extracting(DeviceEnergy::method).containsOnly(EnergyMethod.PROMETHEUS_POWER);
        long from = DcgmSeries.T0, to = DcgmSeries.T0 + 3600;
        for (Device d : List.of(N2G0, N2G1)) {
            // The interval is estimated from the gap-free device's sample count: 3600 s / (361 - 1) = 10 s.
            double expected = DcgmSeries.sumOverTime(SERIES.power(d), from, to, server.leftOpenRanges()) * DcgmSeries.STEP;
            assertThat(joules(t, d)).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
        }
        assertThat(t.queries()).anyMatch(q -> q.equals("sum by (Hostname, gpu) (sum_over_time(DCGM_FI_DEV_POWER_USAGE{Hostname=\"node2\"}[3600s] @ "
                + to + ")) * 10"));
        assertThat(t.missingByReason()).containsOnlyKeys("scrapes missing on device node2/1 (at least)");
        assertThat(t.missingByReason().values().iterator().next()).isBetween(9L, 10L);
        assertThat(e.hardware().orElseThrow().accelerator()).isEqualTo("Tesla V100-PCIE-16GB");
    }

    @Test
    void noSeriesIsAWarningAndTheExperimentKeepsItsOtherEvidence() {
        Experiment e = enriched.get("nowhere");
        assertThat(e.traces()).isEmpty();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.file()).isEqualTo("nowhere/experiment.yaml");
            assertThat(p.message()).contains(server.url().toString(), "Hostname=\"node9\"", "increase(");
        });
        assertThat(e.hardware().orElseThrow().accelerator()).isEqualTo("V100");
    }

    @Test
    void aStartInEpochSecondsPlusHoursIsARange() {
        TraceSummary t = only(enriched.get("start-and-hours"));
        assertThat(t.first()).isEqualTo(Instant.ofEpochSecond(DcgmSeries.T0 + 1000));
        assertThat(t.last()).isEqualTo(Instant.ofEpochSecond(DcgmSeries.T0 + 4600));
        assertThat(t.total()).isEqualTo(only(enriched.get("counter-aligned")).total());
    }

    @Test
    void anExperimentWithoutATimeRangeIsNotAskedAbout() {
        Experiment e = enriched.get("no-range");
        assertThat(e.traces()).isEmpty();
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void aPromqlErrorIsAnErrorOfThatExperimentNamingServerAndQuery() {
        Experiment e = enriched.get("bad-promql");
        assertThat(e.traces()).isEmpty();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.message()).contains("Prometheus at " + server.url(), "PromQL error bad_data", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{Hostname=\"node1}");
        });
    }

    @Test
    void anHttpErrorIsReportedWithItsStatus() throws Exception {
        PrometheusSource wrongPath = source(URI.create(server.url() + "/not-prometheus"), 0);
        Experiment e = new PrometheusEnricher(wrongPath, new PrometheusClient(wrongPath, Optional.empty(), Duration.ofMillis(1)), logs)
                .enrich(List.of(ingested("counter-aligned"))).get(0);
        assertThat(e.traces()).isEmpty();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.message()).contains("HTTP 404", "/not-prometheus", "increase(");
        });
    }

    @Test
    void anUnreachableServerIsRetriedABoundedNumberOfTimes() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        PrometheusSource down = source(URI.create("http://127.0.0.1:" + closed), 2);
        Experiment e = new PrometheusEnricher(down, new PrometheusClient(down, Optional.empty(), Duration.ofMillis(1)), logs)
                .enrich(List.of(ingested("counter-aligned"))).get(0);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.message()).contains("http://127.0.0.1:" + closed, "unreachable", "after 3 tries", "increase(");
        });
    }

    @Test
    void theReportComesOutWithPrometheusEnergySourcesAndRerunnableQueries() throws IOException {
        Path out = dir.resolve("site");
        StringWriter err = new StringWriter();
        int code = new ReportTask(new PrintWriter(new StringWriter()), new PrintWriter(err), Optional.empty())
                .run(new ReportJob(logs, out, Optional.empty(), false, false, userSide(), false));
        // bad-promql is not estimated, so the exit code says so, but every other experiment is in the report.
        assertThat(code).isEqualTo(ExitCode.INPUT);
        assertThat(err.toString()).contains("bad-promql/experiment.yaml: Prometheus at " + server.url());
        String csv;
        try (Stream<Path> files = Files.list(out.resolve("tables"))) {
            csv = files.map(PrometheusEnricherTest::read).reduce("", String::concat);
        }
        assertThat(csv).contains("prometheus-counter", "prometheus-power", "tdp");
        Path page;
        try (Stream<Path> pages = Files.list(out.resolve("experiments"))) {
            page = pages.filter(p -> p.getFileName().toString().startsWith("counter-aligned")).findFirst().orElseThrow();
        }
        assertThat(read(page)).contains("sum by (Hostname, gpu) (increase(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{Hostname=&quot;node1&quot;}[3600s] @ "
                + (DcgmSeries.T0 + 4600) + "))");
    }

    @Test
    void overridingTheUrlOnTheCommandLinePointsTheSourceElsewhere() throws IOException {
        IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, Map.of("prometheus.url", "http://127.0.0.1:1/")));
        assertThat(in.config().prometheus().orElseThrow().url()).isEqualTo(URI.create("http://127.0.0.1:1"));
        assertThat(in.config().prometheus().orElseThrow().labels()).containsEntry("Hostname", "{host}");
    }

    private static Experiment ingested(String key) throws IOException {
        return new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, userSide())).experiments().stream()
                .filter(x -> x.key().equals(key)).findFirst().orElseThrow();
    }

    /** What the user passes: {@code --set prometheus.url=...}. */
    private static Map<String, String> userSide() { return StoreFixture.userSide(server.url()); }

    private static PrometheusSource source(URI url, int retries) {
        return new PrometheusSource(url, Optional.empty(), Optional.empty(), Duration.ofSeconds(5), retries, Map.of("Hostname", "{host}"),
                Optional.of(10), PrometheusSource.DEFAULT_DEVICE_LABELS, PrometheusSource.DEFAULT_COUNTER, PrometheusSource.DEFAULT_POWER);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
