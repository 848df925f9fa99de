package io.carbonpaper.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to ask a Prometheus-compatible server (Prometheus,
 * Thanos, Mimir, VictoriaMetrics) that computes each experiment's energy from DCGM exporter series.
 * Holds where the bearer token is, never the token itself, so the record can be printed safely.
 *
 * @param url                   the server's base URL (the part before {@code /api/v1/query})
 * @param bearerTokenFile       a file whose trimmed content is the bearer token
 * @param bearerTokenEnv        an environment variable holding the bearer token
 * @param timeout               per-request timeout
 * @param retries               further tries after a failed request (connection error, 429, 5xx), with doubling backoff
 * @param labels                label name to value template ({@code {group}}, {@code {key}}, ...) giving each experiment's selector
 * @param scrapeIntervalSeconds the scrape interval, when known; otherwise estimated from sample counts
 * @param deviceLabels          labels that tell one device from another ({@code Hostname}, {@code gpu})
 * @param counterMetric         the energy counter in millijoules
 * @param powerMetric           the power gauge in watts
 * @param plainHttpToken        the user allowed a bearer token over plain http to a loopback address
 * @param deadline              the whole Prometheus stage's time: what is not asked by then is not asked
 */
public record PrometheusSource(URI url, Optional<Path> bearerTokenFile, Optional<String> bearerTokenEnv, Duration timeout,
                               int retries, Map<String, String> labels, Optional<Integer> scrapeIntervalSeconds,
                               List<String> deviceLabels, String counterMetric, String powerMetric,
                               boolean plainHttpToken, Duration deadline) {
    /** The default deadline of the whole Prometheus stage. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

    /** Without a token over plain http, with the default deadline. */
    public PrometheusSource(URI url, Optional<Path> bearerTokenFile, Optional<String> bearerTokenEnv, Duration timeout,
                            int retries, Map<String, String> labels, Optional<Integer> scrapeIntervalSeconds,
                            List<String> deviceLabels, String counterMetric, String powerMetric) {
        this(url, bearerTokenFile, bearerTokenEnv, timeout, retries, labels, scrapeIntervalSeconds, deviceLabels, counterMetric,
                powerMetric, false, DEFAULT_DEADLINE);
    }

    public static final String DEFAULT_COUNTER = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
    public static final String DEFAULT_POWER = "DCGM_FI_DEV_POWER_USAGE";
    public static final List<String> DEFAULT_DEVICE_LABELS = List.of("Hostname", "gpu");

    /**
     * True for a host written as a loopback address: {@code localhost}, {@code 127.x.x.x} or {@code ::1}.
     * A name is not resolved: what it resolves to can change between this check and the request.
     */
    public static boolean loopback(String host) {
        if (host == null) return false;
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    public PrometheusSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(deadline, "deadline");
        if (bearerTokenFile.isPresent() && bearerTokenEnv.isPresent())
            throw new IllegalArgumentException("name either a bearer token file or an environment variable, not both");
        if (retries < 0) throw new IllegalArgumentException("retries < 0: " + retries);
        if (deviceLabels.isEmpty()) throw new IllegalArgumentException("device labels must not be empty");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        deviceLabels = List.copyOf(deviceLabels);
    }
}
