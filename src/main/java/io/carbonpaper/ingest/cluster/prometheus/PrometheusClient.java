package io.carbonpaper.ingest.cluster.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.settings.PrometheusSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a Prometheus-compatible server (the {@code /api/v1/query} and {@code /api/v1/query_range}
 * HTTP API that Prometheus, Thanos, Mimir and VictoriaMetrics share) to evaluate PromQL. Requests
 * are form-encoded POSTs, so long selectors never hit URL limits. A connection failure, a timeout,
 * 429 or a 5xx answer is retried a bounded number of times with doubling backoff; a PromQL error
 * or another 4xx is not (asking again gives the same answer). Redirects are not followed, so a
 * bearer token only ever goes to the configured server. The token never appears in a message.
 */
public final class PrometheusClient {
    /** A query answer larger than this is refused: energy answers are one number per device. */
    static final long MAX_BODY_BYTES = 64L << 20;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Requests in a row that got no answer in time, after which the server is not asked again in this run. */
    static final int BREAKER = 3;

    private final PrometheusSource source;
    private final Optional<String> token;
    private final Duration backoff;
    private final HttpClient http;
    /** System.nanoTime() at which the whole Prometheus stage ends: later queries are not sent. */
    private final long deadlineNanos;
    /** Requests in a row, over all queries and threads, that got no answer within the timeout. */
    private final AtomicInteger timeoutsInARow = new AtomicInteger();

    PrometheusClient(PrometheusSource source, Optional<String> token, Duration backoff) {
        this.source = source;
        this.token = token;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(source.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.deadlineNanos = System.nanoTime() + Math.min(source.deadline().toNanos(), Long.MAX_VALUE / 4);
    }

    /**
     * A client for the source, with its bearer token read now (from the file or the environment).
     *
     * @throws InputException when the token file or variable is named but cannot be read or is empty
     */
    public static PrometheusClient open(PrometheusSource source) throws InputException {
        return new PrometheusClient(source, token(source, System::getenv), Duration.ofMillis(500));
    }

    static Optional<String> token(PrometheusSource source, java.util.function.Function<String, String> env) throws InputException {
        if (source.bearerTokenFile().isPresent()) {
            var file = source.bearerTokenFile().get();
            String t;
            try {
                if (Files.size(file) > 64 * 1024) throw new InputException(0, "prometheus.bearer_token_file " + file + " is larger than a token can be");
                t = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new InputException(0, "prometheus.bearer_token_file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            if (t.isEmpty()) throw new InputException(0, "prometheus.bearer_token_file " + file + " is empty");
            return Optional.of(checked(t, "prometheus.bearer_token_file " + file));
        }
        if (source.bearerTokenEnv().isPresent()) {
            String t = env.apply(source.bearerTokenEnv().get());
            if (t == null || t.isBlank())
                throw new InputException(0, "prometheus.bearer_token_env: environment variable " + source.bearerTokenEnv().get() + " is not set or empty");
            return Optional.of(checked(t.trim(), "prometheus.bearer_token_env: environment variable " + source.bearerTokenEnv().get()));
        }
        return Optional.empty();
    }

    /**
     * The token when it is one line of printable ASCII, as an HTTP header value must be; otherwise
     * an error that says what is wrong with it (how many lines, which kind of character), never its content.
     */
    static String checked(String token, String what) throws InputException {
        long lines = token.lines().count();
        if (lines > 1)
            throw new InputException(0, what + " holds " + lines + " lines; a bearer token is one line (is this the right file?)");
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e)
                throw new InputException(0, what + " holds a " + (c < 0x20 || c == 0x7f ? "control character" : c == ' ' ? "space" : "non-ASCII character")
                        + " at position " + (i + 1) + "; a bearer token is printable ASCII without spaces");
        }
        return token;
    }

    /** The server as messages name it: its URL, which never carries credentials. */
    public String server() { return source.url().toString(); }

    /** One element of an instant vector. */
    public record Sample(Map<String, String> labels, double value) {}

    /** One series of a range query's matrix: times in epoch seconds, and their values. */
    public record Series(Map<String, String> labels, double[] times, double[] values) {}

    /** Why a query got no answer, said with the server and the query. */
    public static final class QueryException extends Exception {
        private static final long serialVersionUID = 1L;

        QueryException(String message) { super(message); }
    }

    /**
     * Evaluates {@code query} at {@code time} (epoch seconds): an instant vector, possibly empty.
     *
     * @param warnings receives the answer's warnings (Thanos says "partial response" there when a
     *                 store did not answer: the figure may then be too low)
     */
    public List<Sample> instant(String query, long time, List<String> warnings) throws QueryException {
        JsonNode data = call("/api/v1/query", form("query", query, "time", Long.toString(time)), query, warnings);
        if (!data.path("resultType").asText().equals("vector"))
            throw new QueryException(where(query) + "expected an instant vector, got '" + data.path("resultType").asText() + "'");
        List<Sample> out = new ArrayList<>();
        for (JsonNode r : data.path("result")) out.add(new Sample(labels(r.path("metric")), number(r.path("value").path(1), query)));
        return out;
    }

    /** Evaluates {@code query} from {@code start} to {@code end} every {@code step} seconds. */
    public List<Series> range(String query, long start, long end, long step, List<String> warnings) throws QueryException {
        JsonNode data = call("/api/v1/query_range", form("query", query, "start", Long.toString(start), "end", Long.toString(end),
                "step", step + "s"), query, warnings);
        if (!data.path("resultType").asText().equals("matrix"))
            throw new QueryException(where(query) + "expected a range matrix, got '" + data.path("resultType").asText() + "'");
        List<Series> out = new ArrayList<>();
        for (JsonNode r : data.path("result")) {
            JsonNode values = r.path("values");
            double[] t = new double[values.size()];
            double[] v = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                t[i] = values.get(i).path(0).asDouble();
                v[i] = number(values.get(i).path(1), query);
            }
            out.add(new Series(labels(r.path("metric")), t, v));
        }
        return out;
    }

    private JsonNode call(String path, String body, String query, List<String> warnings) throws QueryException {
        URI uri = URI.create(source.url() + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        String last = "";
        int tries = source.retries() + 1;
        for (int attempt = 1; attempt <= tries; attempt++) {
            if (attempt > 1) sleep(attempt - 1);
            if (timeoutsInARow.get() >= BREAKER)
                throw new QueryException(where(query) + "not asked: the server gave no answer to " + BREAKER
                        + " requests in a row, so it is not asked again in this run" + (last.isEmpty() ? "" : "; before, " + last));
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0)
                throw new QueryException(where(query) + "not asked: the Prometheus stage's deadline of " + seconds(source.deadline())
                        + " s has passed (set prometheus.deadline_seconds)" + (last.isEmpty() ? "" : "; before, " + last));
            // No request outlives the stage's deadline.
            Duration timeout = source.timeout().toNanos() <= left ? source.timeout() : Duration.ofNanos(Math.max(left, 1_000_000));
            HttpRequest request = b.timeout(timeout).build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                timeoutsInARow.incrementAndGet();
                last = "no answer within " + seconds(timeout) + " s";
                continue;
            } catch (ConnectException e) {
                last = "unreachable (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")";
                continue;
            } catch (IOException e) {
                last = "unreachable (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryException(where(query) + "interrupted");
            }
            timeoutsInARow.set(0);
            int status = response.statusCode();
            JsonNode json;
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes((int) Math.min(MAX_BODY_BYTES + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > MAX_BODY_BYTES)
                    throw new QueryException(where(query) + "answer larger than " + (MAX_BODY_BYTES >> 20) + " MiB");
                json = bytes.length == 0 ? null : parse(bytes);
            } catch (IOException e) {
                last = "answer broke off (" + e.getClass().getSimpleName() + ")";
                continue;
            }
            if (json != null && json.path("status").asText().equals("error")) {
                String err = "PromQL error " + json.path("errorType").asText("?") + ": " + json.path("error").asText("");
                if (retryable(status)) {
                    last = "HTTP " + status + ", " + err;
                    continue;
                }
                throw new QueryException(where(query) + err);
            }
            if (status / 100 == 3)
                throw new QueryException(where(query) + "HTTP " + status + " redirect to " + response.headers().firstValue("Location").orElse("?")
                        + "; configure the final URL (redirects are not followed, so the token goes nowhere else)");
            if (status != 200) {
                last = "HTTP " + status + (status == 401 || status == 403 ? " (check the bearer token)" : status == 404 ? " (is the URL the server's base URL?)" : "");
                if (retryable(status)) continue;
                throw new QueryException(where(query) + last);
            }
            if (json == null || !json.path("status").asText().equals("success") || !json.has("data"))
                throw new QueryException(where(query) + "answer is not a Prometheus API response");
            for (JsonNode w : json.path("warnings")) warnings.add(w.asText());
            return json.get("data");
        }
        throw new QueryException(where(query) + last + (tries > 1 ? " after " + tries + " tries" : ""));
    }

    private static boolean retryable(int status) { return status == 429 || status == 502 || status == 503 || status == 504; }

    private String where(String query) { return "Prometheus at " + server() + ", query '" + query + "': "; }

    private void sleep(int retry) {
        long ms = Math.min(MAX_BACKOFF.toMillis(), backoff.toMillis() << Math.min(retry - 1, 20));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%s", d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0));
    }

    private double number(JsonNode n, String query) throws QueryException {
        String s = n.asText();
        switch (s) {
            case "NaN": return Double.NaN;
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new QueryException(where(query) + "value '" + s + "' is not a number");
                }
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String form(String... kv) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i < kv.length; i += 2)
            j.add(URLEncoder.encode(kv[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        return j.toString();
    }
}
