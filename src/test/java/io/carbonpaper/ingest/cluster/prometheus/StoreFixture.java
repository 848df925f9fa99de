package io.carbonpaper.ingest.cluster.prometheus;

import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.cluster.prometheus.DcgmSeries.Device;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.settings.ProjectConfigReader;
import io.carbonpaper.settings.PrometheusSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the prometheus source against a real store ({@link PrometheusEnricherTest},
 * {@link VictoriaMetricsEnricherTest}) share: the generated DCGM series (three counter GPUs on
 * node1, one with a counter reset and one with a 300 s scrape gap; two power-only GPUs on node2,
 * one with a 100 s gap), the logs folder whose manifests ask the store about them, and the
 * helpers that read the answers.
 */
final class StoreFixture {
    /** Relative tolerance: only floating-point rounding (every sample is a multiple of 1/2 W or 125 J). */
    static final double RELATIVE = 1e-9;
    static final Device N1G0 = new Device("node1", 0, "Tesla V100-SXM2-32GB", true, 300, -1, -1);
    static final Device N1G1 = new Device("node1", 1, "Tesla V100-SXM2-32GB", true, -1, 400, 430);
    static final Device N1G2 = Device.plain("node1", 2, "Tesla V100-SXM2-32GB");
    static final Device N2G0 = new Device("node2", 0, "Tesla V100-PCIE-16GB", false, -1, -1, -1);
    static final Device N2G1 = new Device("node2", 1, "Tesla V100-PCIE-16GB", false, -1, 100, 110);
    static final DcgmSeries SERIES = new DcgmSeries(List.of(N1G0, N1G1, N1G2, N2G0, N2G1));

    private StoreFixture() {}

    /**
     * Writes into {@code logs} the project settings and the manifests every store is asked about:
     * a counter range on scrape edges and one between scrapes (node1), the power fallback (node2),
     * a host without series, and a selector that is no valid PromQL.
     */
    static void writeLogs(Path logs) throws IOException {
        // The server is the user's to name (--set), never the logs folder's (issue 16 item 2).
        write(logs, "carbonpaper.yaml", "prometheus:\n  retries: 0\n  labels:\n    Hostname: \"{host}\"\n");
        manifest(logs, "counter-aligned", "host: node1\nstart: " + at(1000) + "\nend: " + at(4600) + "\n");
        manifest(logs, "counter-unaligned", "host: node1\nstart: " + at(1005) + "\nend: " + at(2505) + "\n");
        manifest(logs, "power-node2", "prometheus_selector: '{Hostname=\"node2\"}'\nstart: " + at(0) + "\nend: " + at(3600) + "\n");
        manifest(logs, "nowhere", "host: node9\nhardware: {accelerator: V100, count: 1}\nhours: 1\nstart: " + at(0) + "\nend: " + at(3600) + "\n");
        manifest(logs, "bad-promql", "prometheus_selector: 'Hostname=\"node1'\nhardware: {accelerator: V100, count: 1}\nstart: " + at(0)
                + "\nend: " + at(3600) + "\n");
    }

    /** The experiments of {@code logs}, each enriched from the store at {@code url}, by key. */
    static Map<String, Experiment> enrich(Path logs, URI url) throws IOException {
        IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, userSide(url)));
        PrometheusSource source = in.config().prometheus().orElseThrow();
        Map<String, Experiment> enriched = new TreeMap<>();
        for (Experiment e : PrometheusEnricher.open(source, logs).enrich(in.experiments())) enriched.put(e.key(), e);
        return enriched;
    }

    /** What the user passes: {@code --set prometheus.url=...}. */
    static Map<String, String> userSide(URI url) { return Map.of("prometheus.url", url.toString()); }

    static TraceSummary only(Experiment e) {
        assertThat(e.traces()).hasSize(1);
        return e.traces().get(0);
    }

    static double joules(TraceSummary t, Device d) {
        return t.devices().stream().filter(x -> x.device().equals(d.host() + "/" + d.gpu())).findFirst().orElseThrow().energy().joules();
    }

    static String at(long offset) { return Instant.ofEpochSecond(DcgmSeries.T0 + offset).toString(); }

    static void write(Path logs, String name, String text) throws IOException {
        Path p = logs.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    static void manifest(Path logs, String key, String yaml) throws IOException {
        write(logs, key + "/experiment.yaml", "name: " + key + "\n" + yaml);
    }
}
