package io.carbonpaper.ingest.cluster.prometheus;

import com.sun.net.httpserver.HttpServer;
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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 10: the 2,000 W per-GPU bound of trace files applied to a Prometheus server's
 * answer. A local server answers as Prometheus would, with the energy the test sets.
 */
class PrometheusPlausibleTest {
    @TempDir Path logs;
    private HttpServer server;
    private volatile String joules;

    @BeforeEach
    void fakePrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = "";
            for (String kv : body.split("&")) if (kv.startsWith("query=")) query = URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
            String data;
            if (exchange.getRequestURI().getPath().endsWith("/query_range")) data = "{\"resultType\":\"matrix\",\"result\":[]}";
            else if (query.contains("count_over_time")) data = vector("241");
            else data = vector(joules);
            byte[] out = ("{\"status\":\"success\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        Path d = Files.createDirectories(logs.resolve("run"));
        Files.writeString(d.resolve("experiment.yaml"), "host: node1\nhardware: {accelerator: A100 SXM4 40GB, count: 1}\n"
                + "start: 2024-01-15T10:00:00Z\nend: 2024-01-15T11:00:00Z\n");
    }

    private static String vector(String value) {
        return "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"gpu\":\"0\",\"Hostname\":\"node1\",\"modelName\":\"NVIDIA A100-SXM4-40GB\"},"
                + "\"value\":[1705316400,\"" + value + "\"]}]}";
    }

    @AfterEach
    void stop() { server.stop(0); }

    private Experiment enrich() throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("prometheus.url", "http://127.0.0.1:" + server.getAddress().getPort());
        all.put("prometheus.labels.Hostname", "{host}");
        IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, all));
        return PrometheusEnricher.open(in.config().prometheus().orElseThrow(), logs).enrich(in.experiments()).get(0);
    }

    @Test void anAnswerAboveWhatAGpuCanDrawIsLeftOutAndSaid() throws IOException {
        joules = "1e308"; // millijoules from the energy counter: a mean of 2.8e301 W over the hour
        Experiment e = enrich();
        assertThat(e.traces()).isEmpty();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.message()).contains("above the 2000 W a GPU can draw").contains("left out");
        });
    }

    @Test void aPlausibleAnswerIsKept() throws IOException {
        joules = "1080000000"; // 1,080,000 J in mJ over 3,600 s: 300 W
        Experiment e = enrich();
        assertThat(e.traces()).singleElement().satisfies(t -> assertThat(t.total().joules()).isEqualTo(1_080_000.0));
        assertThat(e.problems()).noneSatisfy(p -> assertThat(p.message()).contains("a GPU can draw"));
    }
}
