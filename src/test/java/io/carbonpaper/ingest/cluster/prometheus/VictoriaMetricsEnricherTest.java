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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prometheus source, unchanged, against a real VictoriaMetrics (issue 20: a history that
 * outgrows one machine belongs in the cluster's long-term store) holding the same generated DCGM
 * series as {@link PrometheusEnricherTest}: three counter GPUs on node1 (one with a counter reset,
 * one with a 300 s scrape gap) and two power-only GPUs on node2 (one with a 100 s gap).
 *
 * <p>VictoriaMetrics' MetricsQL differs from PromQL where it matters here: {@code increase()} does
 * not extrapolate but takes the last sample before the window as its base, and windows are open
 * at the left. So the expected counter energy is the generated series' own energy over the range
 * (every scrape interval ending inside it), aligned to scrapes or not, and the power fallback
 * sums the samples in (start, end]. Both are computed from the generated samples, never from the
 * server; the tolerance only absorbs floating-point rounding.
 */
class VictoriaMetricsEnricherTest {
    private static final double RELATIVE = 1e-9;
    private static final Device N1G0 = new Device("node1", 0, "Tesla V100-SXM2-32GB", true, 300, -1, -1);
    private static final Device N1G1 = new Device("node1", 1, "Tesla V100-SXM2-32GB", true, -1, 400, 430);
    private static final Device N1G2 = Device.plain("node1", 2, "Tesla V100-SXM2-32GB");
    private static final Device N2G0 = new Device("node2", 0, "Tesla V100-PCIE-16GB", false, -1, -1, -1);
    private static final Device N2G1 = new Device("node2", 1, "Tesla V100-PCIE-16GB", false, -1, 100, 110);
    private static final DcgmSeries SERIES = new DcgmSeries(List.of(N1G0, N1G1, N1G2, N2G0, N2G1));

    @TempDir static Path dir;
    private static LocalVictoriaMetrics server;
    private static Path logs;
    private static Map<String, Experiment> enriched;

    @BeforeAll
    static void startServerAndEnrich() throws Exception {
        server = LocalVictoriaMetrics.start(Files.createDirectories(dir.resolve("server")), SERIES.openMetrics());
        logs = Files.createDirectories(dir.resolve("logs"));
        write("carbonpaper.yaml", "prometheus:\n  retries: 0\n  labels:\n    Hostname: \"{host}\"\n");
        manifest("counter-aligned", "host: node1\nstart: " + at(1000) + "\nend: " + at(4600) + "\n");
        manifest("counter-unaligned", "host: node1\nstart: " + at(1005) + "\nend: " + at(2505) + "\n");
        manifest("power-node2", "prometheus_selector: '{Hostname=\"node2\"}'\nstart: " + at(0) + "\nend: " + at(3600) + "\n");
        manifest("nowhere", "host: node9\nhardware: {accelerator: V100, count: 1}\nhours: 1\nstart: " + at(0) + "\nend: " + at(3600) + "\n");
        manifest("bad-promql", "prometheus_selector: 'Hostname=\"node1'\nhardware: {accelerator: V100, count: 1}\nstart: " + at(0)
                + "\nend: " + at(3600) + "\n");
        IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, userSide()));
        PrometheusSource source = in.config().prometheus().orElseThrow();
        enriched = new TreeMap<>();
        for (Experiment e : PrometheusEnricher.open(source, logs).enrich(in.experiments())) enriched.put(e.key(), e);
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

    private static Map<String, String> userSide() { return Map.of("prometheus.url", server.url().toString()); }

    private static TraceSummary only(Experiment e) {
        assertThat(e.traces()).hasSize(1);
        return e.traces().get(0);
    }

    private static double joules(TraceSummary t, Device d) {
        return t.devices().stream().filter(x -> x.device().equals(d.host() + "/" + d.gpu())).findFirst().orElseThrow().energy().joules();
    }

    private static String at(long offset) { return Instant.ofEpochSecond(DcgmSeries.T0 + offset).toString(); }

    private static void write(String name, String text) throws IOException {
        Path p = logs.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static void manifest(String key, String yaml) throws IOException { write(key + "/experiment.yaml", "name: " + key + "\n" + yaml); }
}
