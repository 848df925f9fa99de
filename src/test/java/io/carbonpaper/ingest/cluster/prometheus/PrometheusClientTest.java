package io.carbonpaper.ingest.cluster.prometheus;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.settings.PrometheusSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bearer token's handling; queries are tested against a real server in {@link PrometheusEnricherTest}. */
class PrometheusClientTest {
    @TempDir Path dir;

    private static PrometheusSource source(Optional<Path> file, Optional<String> env) {
        return new PrometheusSource(URI.create("http://127.0.0.1:9090"), file, env, Duration.ofSeconds(1), 0, Map.of(), Optional.empty(),
                PrometheusSource.DEFAULT_DEVICE_LABELS, PrometheusSource.DEFAULT_COUNTER, PrometheusSource.DEFAULT_POWER);
    }

    @Test
    void tokenFromAFileIsTrimmed() throws IOException {
        Path f = Files.writeString(dir.resolve("token"), "  abc.def \n");
        assertThat(PrometheusClient.token(source(Optional.of(f), Optional.empty()), k -> null)).contains("abc.def");
    }

    @Test
    void tokenFromTheEnvironment() throws InputException {
        assertThat(PrometheusClient.token(source(Optional.empty(), Optional.of("PROM_TOKEN")), Map.of("PROM_TOKEN", "xyz")::get)).contains("xyz");
        assertThat(PrometheusClient.token(source(Optional.empty(), Optional.empty()), k -> "unused")).isEmpty();
    }

    @Test
    void aMissingOrEmptyTokenIsAClearErrorThatNeverShowsAToken() throws IOException {
        assertThatThrownBy(() -> PrometheusClient.token(source(Optional.of(dir.resolve("absent")), Optional.empty()), k -> null))
                .isInstanceOf(InputException.class).hasMessageContaining("cannot be read");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> PrometheusClient.token(source(Optional.of(empty), Optional.empty()), k -> null))
                .isInstanceOf(InputException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> PrometheusClient.token(source(Optional.empty(), Optional.of("PROM_TOKEN")), k -> null))
                .isInstanceOf(InputException.class).hasMessageContaining("PROM_TOKEN is not set");
    }

    @Test
    void theSourceRecordHoldsNoSecret() throws IOException {
        Path f = Files.writeString(dir.resolve("token"), "very-secret");
        assertThat(source(Optional.of(f), Optional.empty()).toString()).doesNotContain("very-secret");
    }

    @Test
    void aMultiLineOrOddTokenIsAClearErrorThatNeverShowsItsContent() throws IOException {
        // Issue 16 item 2: a multi-line token file reached the HTTP client, whose error printed the whole file.
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN KEY-----\nc2VjcmV0LWxpbmU=\n-----END KEY-----\n");
        assertThatThrownBy(() -> PrometheusClient.token(source(Optional.of(pem), Optional.empty()), k -> null))
                .isInstanceOf(InputException.class).hasMessageContaining("holds 3 lines")
                .hasMessageNotContaining("c2VjcmV0LWxpbmU=").hasMessageNotContaining("BEGIN");
        Path spaced = Files.writeString(dir.resolve("spaced"), "Bearer c2VjcmV0\n");
        assertThatThrownBy(() -> PrometheusClient.token(source(Optional.of(spaced), Optional.empty()), k -> null))
                .isInstanceOf(InputException.class).hasMessageContaining("space at position 7").hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> PrometheusClient.token(source(Optional.empty(), Optional.of("PROM_TOKEN")), Map.of("PROM_TOKEN", "s\u00e9cret\u001b")::get))
                .isInstanceOf(InputException.class).hasMessageContaining("non-ASCII character at position 2").hasMessageNotContaining("cret");
        assertThatThrownBy(() -> PrometheusClient.token(source(Optional.empty(), Optional.of("PROM_TOKEN")), Map.of("PROM_TOKEN", "abc\u0007def")::get))
                .isInstanceOf(InputException.class).hasMessageContaining("control character").hasMessageNotContaining("abc");
    }
}
