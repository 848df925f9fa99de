package io.carbonpaper.ingest.cluster.prometheus;

import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.cluster.prometheus.DcgmSeries.Device;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.settings.ProjectConfigReader;
import io.carbonpaper.settings.PrometheusSource;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
 * The prometheus source, unchanged, against a real VictoriaMetrics (issue 20: a history that
 * outgrows one machine belongs in the cluster's long-term store) holding the same generated DCGM
 * series as {@link PrometheusEnricherTest}, asked the same questions ({@link StoreFixture}).
 *
 * <p>VictoriaMetrics' MetricsQL differs from PromQL where it matters here: {@code increase()} does
 * not extrapolate but takes the last sample before the window as its base, and windows are open
 * at the left. So the expected counter energy is the generated series' own energy over the range
 * (every scrape interval ending inside it), aligned to scrapes or not, and the power fallback
 * sums the samples in (start, end]. Both are computed from the generated samples, never from the
 * server; the tolerance only absorbs floating-point rounding.
 */
class VictoriaMetricsEnricherTest {
    @TempDir static Path dir;
    private static LocalVictoriaMetrics server;
    private static Path logs;
    private static Map<String, Experiment> enriched;

    @BeforeAll
    static void startServerAndEnrich() throws Exception {
        server = LocalVictoriaMetrics.start(Files.createDirectories(dir.resolve("server")), SERIES.openMetrics());
        logs = Files.createDirectories(dir.resolve("logs"));
        StoreFixture.writeLogs(logs);
        enriched = StoreFixture.enrich(logs, server.url());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void counterEnergyOnScrapeEdgesIsTheSeriesOwnEnergyAcrossAResetAndAGap() {
        Experiment e = enriched.get("counter-aligned");
        assertThat(e.problems()).isEmpty();
        TraceSummary t = only(e);
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("node1/0", "node1/1", "node1/2");
        assertThat(t.devices()).extracting(DeviceEnergy::method).containsOnly(EnergyMethod.PROMETHEUS_COUNTER);
        long from = DcgmSeries.T0 + 1000, to = DcgmSeries.T0 + 4600;
        for (Device d : List.of(N1G0, N1G1, N1G2)) {
            double expected = SERIES.trueJoules(d, from, to);
            assertThat(joules(t, d)).as("device %s/%d", d.host(), d.gpu()).isCloseTo(expected, within(expected * RELATIVE));
        }
        // 360 samples in (from, to] at 10 s; the gap leaves 330 on node1/1.
        assertThat(t.missingByReason()).containsExactly(Map.entry("scrapes missing on device node1/1 (at least)", 30L));
        assertThat(e.hardware().orElseThrow().accelerator()).isEqualTo("Tesla V100-SXM2-32GB");
        assertThat(e.hours().orElseThrow().value()).isEqualTo(1.0);
        assertThat(t.chart()).hasSizeBetween(3 * 250, 3 * 301);
    }

    @Test
    void counterEnergyBetweenScrapesIsNotExtrapolated() {
        TraceSummary t = only(enriched.get("counter-unaligned"));
        long from = DcgmSeries.T0 + 1005, to = DcgmSeries.T0 + 2505;
        for (Device d : List.of(N1G0, N1G1, N1G2)) {
            // The increase from the last scrape at or before the start (1000 s) to the last before the end (2500 s).
            double expected = SERIES.trueJoules(d, from, to);
            assertThat(joules(t, d)).isCloseTo(expected, within(expected * RELATIVE));
            // Prometheus would extrapolate here; VictoriaMetrics' answer is a different number.
            assertThat(joules(t, d)).isNotCloseTo(DcgmSeries.increase(SERIES.counter(d), from, to, false) / 1000, within(1.0));
        }
    }

    @Test
    void powerGaugeIsSummedOverTheLeftOpenWindowAtTheWholeSecondInterval() {
        Experiment e = enriched.get("power-node2");
        assertThat(e.problems()).isEmpty();
        TraceSummary t = only(e);
        assertThat(t.devices()).extracting(DeviceEnergy::method).containsOnly(EnergyMethod.PROMETHEUS_POWER);
        long from = DcgmSeries.T0, to = DcgmSeries.T0 + 3600;
        for (Device d : List.of(N2G0, N2G1)) {
            double expected = DcgmSeries.sumOverTime(SERIES.power(d), from, to, true) * DcgmSeries.STEP;
            assertThat(joules(t, d)).isCloseTo(expected, within(expected * RELATIVE));
        }
        // 360 samples in a left-open hour: 10 s, as with Prometheus 2's 361 in a closed one.
        assertThat(t.queries()).contains("sum by (Hostname, gpu) (sum_over_time(DCGM_FI_DEV_POWER_USAGE{Hostname=\"node2\"}[3600s] @ "
                + to + ")) * 10");
        assertThat(t.missingByReason()).containsExactly(Map.entry("scrapes missing on device node2/1 (at least)", 10L));
    }

    @Test
    void noSeriesIsAWarningAndTheExperimentKeepsItsOtherEvidence() {
        Experiment e = enriched.get("nowhere");
        assertThat(e.traces()).isEmpty();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.message()).contains(server.url().toString(), "Hostname=\"node9\"");
        });
    }

    @Test
    void aMetricsqlErrorIsAnErrorOfThatExperimentNamingServerAndQuery() {
        Experiment e = enriched.get("bad-promql");
        assertThat(e.traces()).isEmpty();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.file()).isEqualTo("bad-promql/experiment.yaml");
            assertThat(p.message()).contains("Prometheus at " + server.url(), "PromQL error", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{Hostname=\"node1}");
        });
    }

    @Test
    void theReportCarriesTheStoresEnergy() throws IOException {
        Path out = dir.resolve("site");
        StringWriter err = new StringWriter();
        int code = new ReportTask(new PrintWriter(new StringWriter()), new PrintWriter(err), Optional.empty())
                .run(new ReportJob(logs, out, Optional.empty(), false, false, userSide(), false));
        assertThat(code).isEqualTo(ExitCode.INPUT); // bad-promql only
        List<String> rows = Files.readAllLines(out.resolve("tables/training-cost.csv"), StandardCharsets.UTF_8);
        String aligned = rows.stream().filter(r -> r.startsWith("counter-aligned,")).findFirst().orElseThrow();
        assertThat(aligned).endsWith(",prometheus-counter");
        long from = DcgmSeries.T0 + 1000, to = DcgmSeries.T0 + 4600;
        double watts = (SERIES.trueJoules(N1G0, from, to) + SERIES.trueJoules(N1G1, from, to) + SERIES.trueJoules(N1G2, from, to)) / 3600;
        assertThat(Double.parseDouble(aligned.split(",")[3])).isCloseTo(watts, within(watts * 1e-9));
        assertThat(rows).anyMatch(r -> r.startsWith("power-node2,") && r.endsWith(",prometheus-power"));
    }

    private static Map<String, String> userSide() { return StoreFixture.userSide(server.url()); }
}
