package io.carbonpaper.ingest.cluster.prometheus;

import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfigReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 7: a server that accepts connections and never answers cost 66 s for 8
 * experiments (3 tries each, no overall limit). A local socket here accepts and stays silent.
 */
class PrometheusDeadlineTest {
    @TempDir Path logs;
    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void silentServer() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept()); // kept open, never answered
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-prometheus");
        t.setDaemon(true);
        t.start();
        for (int i = 0; i < 8; i++) {
            Path d = Files.createDirectories(logs.resolve("run" + i));
            Files.writeString(d.resolve("experiment.yaml"), "host: node" + i + "\nhardware: {accelerator: V100, count: 1}\n"
                    + "start: 2024-01-15T10:00:00Z\nend: 2024-01-15T11:00:00Z\n");
        }
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        for (Socket s : held) s.close();
    }

    private List<Experiment> enrich(Map<String, String> settings) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("prometheus.url", "http://127.0.0.1:" + server.getLocalPort());
        all.put("prometheus.labels.Hostname", "{host}");
        IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, all));
        return PrometheusEnricher.open(in.config().prometheus().orElseThrow(), logs).enrich(in.experiments());
    }

    private static Problem error(Experiment e) {
        return e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).findFirst().orElseThrow();
    }

    @Test
    void aBreakerStopsAskingAServerThatNeverAnswers() throws IOException {
        long t0 = System.nanoTime();
        List<Experiment> out = enrich(Map.of("prometheus.timeout_seconds", "1", "prometheus.retries", "2"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Without the breaker: two rounds of 4 experiments x (3 timeouts + 1.5 s backoff) = 9 s at least.
        assertThat(seconds).isLessThan(5.0);
        assertThat(out).hasSize(8).allSatisfy(e -> assertThat(error(e).message()).contains("Prometheus at http://127.0.0.1:"));
        assertThat(out).anySatisfy(e -> assertThat(error(e).message()).contains("no answer within 1 s"));
        assertThat(out).anySatisfy(e -> assertThat(error(e).message()).contains("not asked again in this run"));
    }

    @Test
    void theWholeStageHasADeadline() throws IOException {
        long t0 = System.nanoTime();
        List<Experiment> out = enrich(Map.of("prometheus.timeout_seconds", "30", "prometheus.retries", "0", "prometheus.deadline_seconds", "1"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Without the deadline: 30 s per request.
        assertThat(seconds).isLessThan(6.0);
        assertThat(out).hasSize(8).allSatisfy(e -> assertThat(error(e).severity()).isEqualTo(Problem.Severity.ERROR));
        assertThat(out).anySatisfy(e -> assertThat(error(e).message()).containsAnyOf("deadline of 1 s has passed", "no answer within"));
    }
}
