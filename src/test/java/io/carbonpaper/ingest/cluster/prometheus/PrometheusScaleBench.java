package io.carbonpaper.ingest.cluster.prometheus;

import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.settings.PrometheusSource;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the prometheus source's time grows with experiments and with the length of their ranges,
 * against a local server holding a week of 15 s samples from 4 GPUs. Run on demand:
 * {@code mvn -o test -Dtest=PrometheusScaleBench -Dcarbonpaper.bench=true}; it prints the
 * figures docs/prometheus.md quotes (best of three runs), and checks every answer is the series' exact energy (the
 * timings themselves are only printed: no timed assertion).
 */
@EnabledIfSystemProperty(named = "carbonpaper.bench", matches = "true")
class PrometheusScaleBench {
    private static final long T0 = 1_700_000_000L;
    private static final int STEP = 15;
    private static final int DAYS = 7;
    private static final int GPUS = 4;
    private static final double WATTS = 250; // constant power: every range's energy is known exactly

    @TempDir static Path dir;
    private static LocalPrometheus server;
    private static PrometheusSource source;

    @BeforeAll
    static void start() throws Exception {
        LocalPrometheus.requireBinaries();
        Path om = dir.resolve("server/series.om");
        Files.createDirectories(om.getParent());
        long samples = DAYS * 86_400L / STEP + 1;
        try (BufferedWriter w = Files.newBufferedWriter(om, StandardCharsets.UTF_8)) {
            w.write("# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n");
            for (int g = 0; g < GPUS; g++) {
                String labels = "{gpu=\"" + g + "\",modelName=\"Tesla V100-SXM2-32GB\",Hostname=\"node1\"}";
                for (long i = 0; i < samples; i++)
                    w.write("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + labels + " " + (long) (i * STEP * WATTS * 1000) + " " + (T0 + i * STEP) + "\n");
            }
            w.write("# EOF\n");
        }
        long t = System.nanoTime();
        server = LocalPrometheus.start(dir.resolve("server"), om);
        System.out.printf(Locale.ROOT, "bench: backfilled and started %d samples in %.1f s%n", samples * GPUS, (System.nanoTime() - t) / 1e9);
        source = new PrometheusSource(server.url(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30), 0, Map.of("Hostname", "{name}"),
                Optional.of(STEP), PrometheusSource.DEFAULT_DEVICE_LABELS, PrometheusSource.DEFAULT_COUNTER, PrometheusSource.DEFAULT_POWER);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void timeGrowsWithExperimentsNotWithSamples() throws Exception {
        PrometheusEnricher enricher = PrometheusEnricher.open(source, dir);
        run(enricher, 5, 3600); // warm-up: JIT, connections, the server's caches
        for (int n : new int[] {10, 100, 400}) report("experiments", n, 3600, best(enricher, n, 3600));
        for (long range : new long[] {3600, 86_400, 7 * 86_400 - 3600}) report("range", 20, range, best(enricher, 20, range));
    }

    /** The best of three runs: the machine is shared, and the least disturbed run is the one that measures the program. */
    private static double best(PrometheusEnricher enricher, int n, long range) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) best = Math.min(best, run(enricher, n, range));
        return best;
    }

    private static void report(String what, int n, long range, double seconds) {
        System.out.printf(Locale.ROOT, "bench: %-11s n=%4d range=%7d s (%6d samples/series): %6.2f s total, %5.1f ms per experiment%n",
                what, n, range, range / STEP, seconds, 1000 * seconds / n);
    }

    private static double run(PrometheusEnricher enricher, int n, long range) {
        List<Experiment> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = T0 + (i * 600L) % (DAYS * 86_400L - range); // starts on the 15 s grid: no extrapolation
            in.add(experiment("bench-" + i, Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + range)));
        }
        long t = System.nanoTime();
        List<Experiment> out = enricher.enrich(in);
        double seconds = (System.nanoTime() - t) / 1e9;
        for (Experiment e : out) {
            assertThat(e.problems()).isEmpty();
            TraceSummary trace = e.traces().get(0);
            assertThat(trace.total().joules()).isCloseTo(GPUS * WATTS * range, org.assertj.core.api.Assertions.within(1e-6 * GPUS * WATTS * range));
            assertThat(trace.chart().size()).isLessThanOrEqualTo(GPUS * (PrometheusEnricher.CHART_POINTS + 1));
        }
        return seconds;
    }

    private static Experiment experiment(String key, Instant start, Instant end) {
        return ExperimentBuilder.experiment().key(key).name("node1").group("bench").hoursSource("").start(start).end(end).build();
    }
}
