package io.carbonpaper.settings;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.model.Problem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusSourceReaderTest {
    private static final Map<String, String> URL = Map.of("prometheus.url", "http://a");
    @TempDir Path logs;

    private Optional<PrometheusSource> read(String yaml, Map<String, String> overrides) throws IOException {
        if (yaml != null) Files.writeString(logs.resolve("carbonpaper.yaml"), yaml, StandardCharsets.UTF_8);
        else Files.deleteIfExists(logs.resolve("carbonpaper.yaml"));
        return ProjectConfigReader.read(logs, overrides).prometheus();
    }

    @Test
    void noSectionAndNoOverrideMeansNoSource() throws IOException {
        assertThat(read("title: t\n", Map.of())).isEmpty();
        assertThat(read(null, Map.of())).isEmpty();
    }

    @Test
    void aFullSectionIsRead() throws IOException {
        PrometheusSource s = read("""
                title: t
                prometheus:
                  timeout_seconds: 2.5
                  retries: 4
                  scrape_interval_seconds: 15
                  labels:
                    job: "{group}"
                    Hostname: "{host}"
                  device_labels: [instance, gpu]
                  counter_metric: dcgm_total_energy
                """, Map.of("prometheus.url", "https://thanos.example.org:10902/", "prometheus.bearer_token_file", "secrets/token")).orElseThrow();
        assertThat(s.url()).isEqualTo(URI.create("https://thanos.example.org:10902"));
        // The user's own file: relative to where carbonpaper runs, not to the logs.
        assertThat(s.bearerTokenFile()).contains(Path.of("secrets/token").toAbsolutePath());
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.retries()).isEqualTo(4);
        assertThat(s.scrapeIntervalSeconds()).contains(15);
        assertThat(s.labels()).containsExactly(Map.entry("job", "{group}"), Map.entry("Hostname", "{host}"));
        assertThat(s.deviceLabels()).containsExactly("instance", "gpu");
        assertThat(s.counterMetric()).isEqualTo("dcgm_total_energy");
        assertThat(s.powerMetric()).isEqualTo(PrometheusSource.DEFAULT_POWER);
    }

    @Test
    void defaultsAreBoundedRetriesAndDcgmNames() throws IOException {
        PrometheusSource s = read("prometheus:\n  retries: 2\n", Map.of("prometheus.url", "http://127.0.0.1:9090")).orElseThrow();
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.scrapeIntervalSeconds()).isEmpty();
        assertThat(s.deviceLabels()).containsExactly("Hostname", "gpu");
        assertThat(s.counterMetric()).isEqualTo("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION");
    }

    @Test
    void commandLineOverridesWinAndCanCreateTheSection() throws IOException {
        PrometheusSource s = read("prometheus:\n  labels: {job: \"{group}\"}\n",
                Map.of("prometheus.url", "http://b:9090", "prometheus.labels.Hostname", "{host}", "prometheus.retries", "0")).orElseThrow();
        assertThat(s.url()).isEqualTo(URI.create("http://b:9090"));
        assertThat(s.labels()).containsEntry("job", "{group}").containsEntry("Hostname", "{host}");
        assertThat(s.retries()).isZero();
        assertThat(read(null, Map.of("prometheus.url", "http://c:9090"))).map(PrometheusSource::url).contains(URI.create("http://c:9090"));
    }

    @Test
    void aTokenInTheFileIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> read("prometheus:\n  retries: 1\n  bearer_token: s3cr3t-value\n", URL))
                .isInstanceOf(InputException.class)
                
                .hasMessageContaining("bearer_token_file")
                .hasMessageNotContaining("s3cr3t-value")
                .extracting(e -> ((InputException) e).line()).isEqualTo(3L);
        assertThatThrownBy(() -> read(null, Map.of("prometheus.url", "http://a:9090", "prometheus.bearer_token", "s3cr3t-value")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void unknownKeysAreErrorsAtTheirLine() {
        assertThatThrownBy(() -> read("prometheus:\n  retries: 1\n\n  retires: 3\n", URL))
                .isInstanceOf(InputException.class)
                
                .hasMessageContaining("unknown setting 'prometheus.retires'")
                .extracting(e -> ((InputException) e).line()).isEqualTo(4L);
        assertThatThrownBy(() -> read(null, Map.of("prometheus.urll", "http://a")))
                .isInstanceOf(InputException.class).hasMessageContaining("'prometheus.urll' in --set");
    }

    @Test
    void badValuesAreErrorsAtTheirLine() {
        assertThatThrownBy(() -> read("prometheus:\n  labels: {job: x}\n", Map.of("prometheus.retries", "1")))
                .isInstanceOf(InputException.class).hasMessageContaining("'prometheus.url' is required");
        assertThatThrownBy(() -> read(null, Map.of("prometheus.url", "ftp://a")))
                .isInstanceOf(InputException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> read(null, Map.of("prometheus.url", "http://user:pw@a:9090")))
                .isInstanceOf(InputException.class).hasMessageContaining("must not carry credentials").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> read("prometheus:\n  timeout_seconds: 1\n  retries: 100\n", URL))
                .isInstanceOf(InputException.class).hasMessageContaining("between 0 and 10")
                .extracting(e -> ((InputException) e).line()).isEqualTo(3L);
        assertThatThrownBy(() -> read("prometheus:\n  timeout_seconds: soon\n", URL))
                .isInstanceOf(InputException.class).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> read("prometheus:\n  retries: 1\n  labels:\n    job: x\n    pod: \"{jobid}\"\n", URL))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown field '{jobid}'")
                .extracting(e -> ((InputException) e).line()).isEqualTo(5L);
        assertThatThrownBy(() -> read("prometheus:\n  labels: {\"bad-name\": x}\n", URL))
                .isInstanceOf(InputException.class).hasMessageContaining("not a Prometheus label name");
        assertThatThrownBy(() -> read(null, Map.of("prometheus.url", "https://a", "prometheus.bearer_token_file", "t", "prometheus.bearer_token_env", "T")))
                .isInstanceOf(InputException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> read("prometheus: http://a\n", URL))
                .isInstanceOf(InputException.class).hasMessageContaining("must be a mapping");
    }

    @Test
    void aLogsFolderCannotChooseTheServerOrTheTokenOnlyTheUserCan() throws IOException {
        // Issue 16 item 2: a downloaded logs folder named a server and a token file, and carbonpaper sent the file there.
        Files.writeString(logs.resolve("carbonpaper.yaml"), """
                title: t
                prometheus:
                  url: http://127.0.0.1:9
                  bearer_token_file: /etc/hostname
                  bearer_token_env: HOME
                  allow_plain_http_token: true
                  retries: 1
                """, StandardCharsets.UTF_8);
        List<Problem> ignored = new ArrayList<>();
        assertThat(ProjectConfigReader.readProject(logs, Map.of(), ignored).prometheus()).isEmpty();
        assertThat(ignored).extracting(Problem::line).containsExactly(3L, 4L, 5L, 6L);
        assertThat(ignored).allSatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.file()).isEqualTo("carbonpaper.yaml");
            assertThat(p.message()).contains("is ignored", "--set prometheus.", "--config");
        });
        // The user's server is used; the folder's series settings still apply, its token settings do not.
        ignored.clear();
        PrometheusSource s = ProjectConfigReader.readProject(logs, Map.of("prometheus.url", "https://prom.example.org"), ignored).prometheus().orElseThrow();
        assertThat(s.url()).isEqualTo(URI.create("https://prom.example.org"));
        assertThat(s.retries()).isEqualTo(1);
        assertThat(s.bearerTokenFile()).isEmpty();
        assertThat(s.bearerTokenEnv()).isEmpty();
        assertThat(s.plainHttpToken()).isFalse();
        assertThat(ignored).hasSize(4);
    }

    @Test
    void aTokenGoesOnlyOverHttpsUnlessTheUserAllowsALoopbackServer() throws IOException {
        Map<String, String> token = Map.of("prometheus.bearer_token_env", "PROM_TOKEN");
        assertThatThrownBy(() -> read(null, with(token, "prometheus.url", "http://prom.example.org:9090")))
                .isInstanceOf(InputException.class).hasMessageContaining("only over https").hasMessageContaining("https://");
        assertThatThrownBy(() -> read(null, with(with(token, "prometheus.url", "http://10.0.0.1:9090"), "prometheus.allow_plain_http_token", "true")))
                .isInstanceOf(InputException.class).hasMessageContaining("only over https");
        assertThatThrownBy(() -> read(null, with(token, "prometheus.url", "http://127.0.0.1:9090")))
                .isInstanceOf(InputException.class).hasMessageContaining("allow_plain_http_token=true");
        assertThat(read(null, with(with(token, "prometheus.url", "http://127.0.0.1:9090"), "prometheus.allow_plain_http_token", "true")))
                .map(PrometheusSource::plainHttpToken).contains(true);
        assertThat(read(null, with(with(token, "prometheus.url", "http://[::1]:9090"), "prometheus.allow_plain_http_token", "true"))).isPresent();
        assertThat(read(null, with(token, "prometheus.url", "https://prom.example.org"))).isPresent();
        // Without a token, plain http is fine.
        assertThat(read(null, Map.of("prometheus.url", "http://prom.example.org:9090"))).isPresent();
        assertThat(PrometheusSource.loopback("127.0.0.1.evil.example")).isFalse();
        assertThat(PrometheusSource.loopback("localhost")).isTrue();
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }

    @Test
    void placeholdersAreTheExperimentFields() {
        assertThat(PrometheusSourceReader.placeholders("{group}-{key}")).isEqualTo(List.of("group", "key"));
        assertThat(PrometheusSourceReader.placeholders("literal")).isEmpty();
    }
}
