package io.carbonpaper.ingest.cluster.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real single-node VictoriaMetrics (Debian's {@code victoria-metrics} package) on a free loopback
 * port with its storage in a temporary folder, backfilled through its
 * {@code /api/v1/import/prometheus} endpoint. Tests that need it are skipped when the binary is
 * missing, and fail instead when {@code CI=true}, as {@link LocalPrometheus} does.
 */
final class LocalVictoriaMetrics implements AutoCloseable {
    private static final String BINARY = "victoria-metrics";
    private final Process process;
    private final URI url;

    private LocalVictoriaMetrics(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Skips the calling test when victoria-metrics is missing, or fails it on CI. */
    static void requireBinary() {
        LocalServer.require("victoria-metrics is required on CI (apt-get install victoria-metrics; .ci/run does it)",
                "victoria-metrics not installed; skipping tests against a real VictoriaMetrics", BINARY);
    }

    /**
     * Starts a server with its data under {@code dir} and imports {@code openMetrics} (the
     * samples' timestamps in seconds, as {@link DcgmSeries#openMetrics()} writes them), then
     * flushes, so every sample is visible to the first query.
     */
    static LocalVictoriaMetrics start(Path dir, String openMetrics) throws IOException, InterruptedException {
        requireBinary();
        Path data = Files.createDirectories(dir.resolve("data"));
        int port = LocalServer.freePort();
        Path log = dir.resolve("victoria-metrics.log");
        Process p = LocalServer.launch(new ProcessBuilder(BINARY, "-storageDataPath=" + data, "-httpListenAddr=127.0.0.1:" + port,
                // The generated series lie in 2023; the default retention (one month) would drop them on import.
                "-retentionPeriod=100y",
                // Answers come from the samples, never from a response cache filled before the import was visible.
                "-search.disableCache"), dir, log);
        URI url = URI.create("http://127.0.0.1:" + port);
        LocalServer.awaitReady("victoria-metrics", p, url.resolve("/health"), log);
        LocalVictoriaMetrics server = new LocalVictoriaMetrics(p, url);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/import/prometheus"))
                .POST(HttpRequest.BodyPublishers.ofString(exposition(openMetrics), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() / 100 != 2) fail("import into victoria-metrics failed: HTTP " + imported.statusCode() + " " + imported.body());
        HttpResponse<String> flushed = http.send(HttpRequest.newBuilder(url.resolve("/internal/force_flush")).build(), HttpResponse.BodyHandlers.ofString());
        if (flushed.statusCode() != 200) fail("victoria-metrics force_flush failed: HTTP " + flushed.statusCode() + " " + flushed.body());
        return server;
    }

    /**
     * OpenMetrics text (timestamps in seconds, {@code # EOF} at the end) as the Prometheus text
     * exposition format VictoriaMetrics imports: timestamps in milliseconds, no {@code # EOF}.
     */
    static String exposition(String openMetrics) {
        StringBuilder sb = new StringBuilder(openMetrics.length() + openMetrics.length() / 16);
        for (String line : openMetrics.split("\n")) {
            if (line.isEmpty() || line.equals("# EOF")) continue;
            sb.append(line);
            if (!line.startsWith("#")) sb.append("000"); // the last field, the timestamp, from seconds to milliseconds
            sb.append('\n');
        }
        return sb.toString();
    }

    URI url() { return url; }

    @Override public void close() { LocalServer.stop(process); }
}
