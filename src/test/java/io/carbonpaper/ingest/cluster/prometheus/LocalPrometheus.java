package io.carbonpaper.ingest.cluster.prometheus;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a free loopback port, its
 * TSDB backfilled with {@code promtool tsdb create-blocks-from openmetrics}. Tests that need it
 * are skipped when the binaries are missing, and fail instead when {@code CI=true}, so CI can
 * never pass without having run them.
 */
final class LocalPrometheus implements AutoCloseable {
    private final Process process;
    private final URI url;
    private final int major;

    private LocalPrometheus(Process process, URI url, int major) {
        this.process = process;
        this.url = url;
        this.major = major;
    }

    /** Skips the calling test when prometheus/promtool are missing, or fails it on CI. */
    static void requireBinaries() {
        LocalServer.require("prometheus and promtool are required on CI (apt-get install prometheus; .ci/run does it)",
                "prometheus/promtool not installed; skipping tests against a real server", "prometheus", "promtool");
    }

    /** Backfills {@code openMetrics} into a TSDB under {@code dir} and starts a server on it. */
    static LocalPrometheus start(Path dir, String openMetrics) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path input = dir.resolve("series.om");
        Files.writeString(input, openMetrics, StandardCharsets.UTF_8);
        return start(dir, input);
    }

    /** As {@link #start(Path, String)}, from an OpenMetrics file already written (large series are streamed to disk). */
    static LocalPrometheus start(Path dir, Path input) throws IOException, InterruptedException {
        requireBinaries();
        Path data = Files.createDirectories(dir.resolve("tsdb"));
        run(dir, List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", input.toString(), data.toString()));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 10s\n", StandardCharsets.UTF_8); // no scrape targets: the TSDB is all there is
        int major = version(dir);
        int port = LocalServer.freePort();
        Path log = dir.resolve("prometheus.log");
        Process p = LocalServer.launch(new ProcessBuilder("prometheus", "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
                "--config.file=" + config,
                // The generated series lie in 2023; time-based retention must not delete them.
                "--storage.tsdb.retention.time=36500d"), dir, log);
        URI url = URI.create("http://127.0.0.1:" + port);
        LocalServer.awaitReady("prometheus", p, url.resolve("/-/ready"), log);
        return new LocalPrometheus(p, url, major);
    }

    URI url() { return url; }

    /** Prometheus 3 made range selectors left-open; the expected values follow the running server. */
    boolean leftOpenRanges() { return major >= 3; }

    @Override public void close() { LocalServer.stop(process); }

    private static int version(Path dir) throws IOException, InterruptedException {
        String out = run(dir, List.of("prometheus", "--version"));
        Matcher m = Pattern.compile("version (\\d+)\\.").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : 2;
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "cmd", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) fail(String.join(" ", command) + " failed with " + p.exitValue() + ":\n" + out);
        return out;
    }
}
