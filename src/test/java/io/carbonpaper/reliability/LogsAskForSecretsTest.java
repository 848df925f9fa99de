package io.carbonpaper.reliability;

import io.carbonpaper.reliability.HostileLogsReportTest.Run;
import io.carbonpaper.task.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 2: a logs folder is untrusted input, and must not make carbonpaper connect to a
 * server of its choosing or send a secret of its choosing. A local socket records what reaches it
 * (and answers nothing). The token is a marker string that must appear nowhere: not on the wire,
 * not on stderr or stdout, not in the site.
 */
class LogsAskForSecretsTest {
    private static final String SECRET = "c2VjcmV0LXRva2VuLXZhbHVl";
    private static final String EXPERIMENT = "name: run\nhost: node1\nhardware: {accelerator: V100, count: 1}\n"
            + "start: 2024-01-15T10:00:00Z\nend: 2024-01-15T11:00:00Z\n";

    @TempDir Path dir;
    private ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(500);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    int n = in.read(buf);
                    received.add(n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // closed, or the client gave up: the next accept tells
                }
            }
        }, "secrets-test-listener");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws IOException { server.close(); }

    private String url() { return "http://127.0.0.1:" + server.getLocalPort(); }

    private Path logs(String config) throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("carbonpaper.yaml"), config);
        Files.createDirectories(logs.resolve("run"));
        Files.writeString(logs.resolve("run/experiment.yaml"), EXPERIMENT);
        return logs;
    }

    private static String site(Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Test
    void aLogsFoldersServerAndTokenAreIgnoredWithAWarningAtTheirLines() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        Path logs = logs("title: downloaded\nprometheus:\n  url: " + url() + "\n  bearer_token_file: " + secret
                + "\n  allow_plain_http_token: true\n  retries: 0\n  timeout_seconds: 1\n  labels: {Hostname: \"{host}\"}\n");
        Path out = dir.resolve("site");
        Run r = HostileLogsReportTest.report(logs.toString(), "--out", out.toString());
        assertThat(r.code()).isNotEqualTo(ExitCode.USAGE);
        assertThat(out.resolve("index.html")).exists();
        assertThat(received).as("nothing may reach a server the logs chose").isEmpty();
        assertThat(r.err()).contains("carbonpaper.yaml:3: ", "carbonpaper.yaml:4: ", "carbonpaper.yaml:5: ", "--set prometheus.url=");
        assertThat(r.err() + r.out() + site(out)).doesNotContain(SECRET);
    }

    @Test
    void theEnvironmentVariableALogsFolderNamesIsNotSent() throws IOException {
        Path logs = logs("prometheus:\n  url: " + url() + "\n  bearer_token_env: HOME\n  retries: 0\n  timeout_seconds: 1\n"
                + "  labels: {Hostname: \"{host}\"}\n");
        Run r = HostileLogsReportTest.report(logs.toString(), "--out", dir.resolve("site").toString());
        assertThat(received).isEmpty();
        assertThat(r.err()).contains("carbonpaper.yaml:3: ", "'prometheus.bearer_token_env' is ignored");
    }

    @Test
    void theUsersServerIsAskedAndAMultiLineTokenFileIsAClearErrorWithoutItsContent() throws IOException {
        Path logs = logs("prometheus:\n  retries: 0\n  timeout_seconds: 1\n  labels: {Hostname: \"{host}\"}\n");
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN KEY-----\n" + SECRET + "\n-----END KEY-----\n");
        Run r = HostileLogsReportTest.report(logs.toString(), "--out", dir.resolve("site").toString(), "--set", "prometheus.url=" + url(),
                "--set", "prometheus.bearer_token_file=" + pem, "--set", "prometheus.allow_plain_http_token=true");
        assertThat(r.code()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err()).contains("holds 3 lines").doesNotContain(SECRET).doesNotContain("BEGIN").doesNotContain("\tat ");
        assertThat(received).isEmpty();
    }

    @Test
    void aTokenOverPlainHttpNeedsTheUsersWordAndALoopbackHost() throws IOException {
        Path logs = logs("prometheus:\n  retries: 0\n  timeout_seconds: 1\n");
        Path token = Files.writeString(dir.resolve("token"), SECRET + "\n");
        Run r = HostileLogsReportTest.report(logs.toString(), "--out", dir.resolve("site").toString(), "--set", "prometheus.url=" + url(),
                "--set", "prometheus.bearer_token_file=" + token);
        assertThat(r.code()).isNotEqualTo(ExitCode.OK);
        assertThat(r.err()).contains("only over https", "allow_plain_http_token=true").doesNotContain(SECRET);
        assertThat(received).isEmpty();
    }

    @Test
    void aConfigFileNamedOnTheCommandLineGivesTheServerAndItsToken() throws IOException {
        Path logs = logs("prometheus:\n  retries: 0\n  timeout_seconds: 1\n  labels: {Hostname: \"{host}\"}\n");
        Files.writeString(dir.resolve("token"), SECRET + "\n");
        Path config = Files.writeString(dir.resolve("mine.yaml"), "prometheus:\n  url: " + url() + "\n  bearer_token_file: token\n"
                + "  allow_plain_http_token: true\n");
        Run r = HostileLogsReportTest.report(logs.toString(), "--out", dir.resolve("site").toString(), "--config", config.toString());
        // The server answers nothing: the experiment's query fails, and the token went to the user's server only.
        assertThat(received).isNotEmpty().allSatisfy(req -> assertThat(req).contains("Authorization: Bearer " + SECRET));
        assertThat(r.err()).contains("Prometheus at " + url()).doesNotContain(SECRET);
    }
}
