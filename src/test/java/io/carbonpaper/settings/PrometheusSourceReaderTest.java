package io.carbonpaper.settings;

import io.carbonpaper.ingest.source.InputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusSourceReaderTest {
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
                  url: https://thanos.example.org:10902/
                  bearer_token_file: secrets/token
                  timeout_seconds: 2.5
                  retries: 4
                  scrape_interval_seconds: 15
                  labels:
                    job: "{group}"
                    Hostname: "{host}"
                  device_labels: [instance, gpu]
                  counter_metric: dcgm_total_energy
                """, Map.of()).orElseThrow();
        assertThat(s.url()).isEqualTo(URI.create("https://thanos.example.org:10902"));
        assertThat(s.bearerTokenFile()).contains(logs.resolve("secrets/token"));
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
        PrometheusSource s = read("prometheus:\n  url: http://127.0.0.1:9090\n", Map.of()).orElseThrow();
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.scrapeIntervalSeconds()).isEmpty();
        assertThat(s.deviceLabels()).containsExactly("Hostname", "gpu");
        assertThat(s.counterMetric()).isEqualTo("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION");
    }

    @Test
    void commandLineOverridesWinAndCanCreateTheSection() throws IOException {
        PrometheusSource s = read("prometheus:\n  url: http://a:9090\n  labels: {job: \"{group}\"}\n",
                Map.of("prometheus.url", "http://b:9090", "prometheus.labels.Hostname", "{host}", "prometheus.retries", "0")).orElseThrow();
        assertThat(s.url()).isEqualTo(URI.create("http://b:9090"));
        assertThat(s.labels()).containsEntry("job", "{group}").containsEntry("Hostname", "{host}");
        assertThat(s.retries()).isZero();
        assertThat(read(null, Map.of("prometheus.url", "http://c:9090"))).map(PrometheusSource::url).contains(URI.create("http://c:9090"));
    }

    @Test
    void aTokenInTheFileIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> read("prometheus:\n  url: http://a:9090\n  bearer_token: s3cr3t-value\n", Map.of()))
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
        assertThatThrownBy(() -> read("prometheus:\n  url: http://a:9090\n\n  retires: 3\n", Map.of()))
                .isInstanceOf(InputException.class)
                
                .hasMessageContaining("unknown setting 'prometheus.retires'")
                .extracting(e -> ((InputException) e).line()).isEqualTo(4L);
        assertThatThrownBy(() -> read(null, Map.of("prometheus.urll", "http://a")))
                .isInstanceOf(InputException.class).hasMessageContaining("'prometheus.urll' in --set");
    }

    @Test
    void badValuesAreErrorsAtTheirLine() {
        assertThatThrownBy(() -> read("prometheus:\n  labels: {job: x}\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("'prometheus.url' is required");
        assertThatThrownBy(() -> read("prometheus:\n  url: ftp://a\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("http://")
                .extracting(e -> ((InputException) e).line()).isEqualTo(2L);
        assertThatThrownBy(() -> read("prometheus:\n  url: http://user:pw@a:9090\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("must not carry credentials").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> read("prometheus:\n  url: http://a\n  retries: 100\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("between 0 and 10")
                .extracting(e -> ((InputException) e).line()).isEqualTo(3L);
        assertThatThrownBy(() -> read("prometheus:\n  url: http://a\n  timeout_seconds: soon\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> read("prometheus:\n  url: http://a\n  labels:\n    job: x\n    pod: \"{jobid}\"\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown field '{jobid}'")
                .extracting(e -> ((InputException) e).line()).isEqualTo(5L);
        assertThatThrownBy(() -> read("prometheus:\n  url: http://a\n  labels: {\"bad-name\": x}\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("not a Prometheus label name");
        assertThatThrownBy(() -> read("prometheus:\n  url: http://a\n  bearer_token_file: t\n  bearer_token_env: T\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> read("prometheus: http://a\n", Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("must be a mapping");
    }

    @Test
    void placeholdersAreTheExperimentFields() {
        assertThat(PrometheusSourceReader.placeholders("{group}-{key}")).isEqualTo(List.of("group", "key"));
        assertThat(PrometheusSourceReader.placeholders("literal")).isEmpty();
    }
}
