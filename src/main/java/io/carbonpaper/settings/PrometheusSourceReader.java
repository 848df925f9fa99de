package io.carbonpaper.settings;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.YamlDocument;
import io.carbonpaper.model.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code prometheus:} section of carbonpaper.yaml and the {@code --set prometheus.KEY=VALUE}
 * overrides that win over it (a {@code --config} file's section arrives as such overrides). As for
 * every project setting, an unknown key or a wrong value is an error at its line. A bearer token is
 * never accepted in the file or on the command line (it would end up in version control or shell
 * history): only a file or an environment variable that holds it.
 *
 * <p>A logs folder is untrusted input. Its carbonpaper.yaml may say how experiments map to series
 * (labels, metrics, timeouts), but not which server carbonpaper connects to, which file or variable
 * it sends as a token, or that a token may go over plain http ({@link #USER_ONLY}): those come only
 * from the user's side, the command line. Such keys in the file are ignored, each with a warning at
 * its line saying how to pass it.
 */
public final class PrometheusSourceReader {
    /** The section's key in carbonpaper.yaml and the prefix of its {@code --set} overrides. */
    public static final String SECTION = "prometheus";

    /** Experiment fields a label template may name, as {@code {field}}. */
    public static final Set<String> FIELDS = Set.of("key", "name", "group", "label", "host");

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_RETRIES = 2;

    private static final Set<String> KEYS = Set.of("url", "bearer_token_file", "bearer_token_env", "timeout_seconds", "retries",
            "labels", "scrape_interval_seconds", "device_labels", "counter_metric", "power_metric", "allow_plain_http_token",
            "deadline_seconds");
    /** Keys that reach outside the logs folder: a logs folder's carbonpaper.yaml may not set them. */
    public static final Set<String> USER_ONLY = Set.of("url", "bearer_token_file", "bearer_token_env", "allow_plain_http_token");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private PrometheusSourceReader() {}

    /**
     * @param doc       carbonpaper.yaml of the logs folder, or null when there is none
     * @param overrides the user's settings: {@code --set} pairs (and a {@code --config} file's section) whose
     *                  key started with {@code prometheus.}, that prefix removed
     * @param ignored   receives a warning for each {@link #USER_ONLY} key found in {@code doc}, which is not used
     * @return empty when the user named no server
     * @throws InputException at the line of the first bad setting (0 for an override)
     */
    public static Optional<PrometheusSource> read(YamlDocument doc, Map<String, String> overrides, List<Problem> ignored) throws InputException {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        JsonNode section = doc == null ? null : doc.node(SECTION);
        if (section == null && overrides.isEmpty()) return Optional.empty();
        if (section != null) {
            if (!section.isObject()) throw new InputException(doc.lineOf(SECTION), "'prometheus' must be a mapping (url, labels, ...)");
            for (Iterator<Map.Entry<String, JsonNode>> it = section.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long line = doc.lineOf(SECTION + "." + e.getKey());
                check(e.getKey(), line, "");
                if (USER_ONLY.contains(e.getKey())) {
                    ignored.add(Problem.warning(ProjectConfigReader.FILE_NAME, line, "'prometheus." + e.getKey() + "' is ignored: a logs folder's "
                            + ProjectConfigReader.FILE_NAME + " may not choose the server carbonpaper connects to or what it sends there. "
                            + "Pass it yourself: --set prometheus." + e.getKey() + "=..., or in a file named by --config"));
                    continue;
                }
                if (e.getValue().isNull()) continue;
                values.put(e.getKey(), e.getValue());
                lines.put(e.getKey(), line);
            }
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String key = o.getKey();
            int dot = key.indexOf('.');
            String top = dot < 0 ? key : key.substring(0, dot);
            check(top, 0, " in --set");
            if (top.equals("labels") && dot > 0) {
                JsonNode labels = values.get("labels");
                var merged = labels != null && labels.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) labels).deepCopy()
                        : JsonNodeFactory.instance.objectNode();
                merged.put(key.substring(dot + 1), o.getValue());
                values.put("labels", merged);
            } else if (dot > 0) {
                throw new InputException(0, "'prometheus." + key + "' in --set: '" + top + "' has no sub-keys");
            } else if (top.equals("device_labels")) {
                var list = JsonNodeFactory.instance.arrayNode();
                for (String s : o.getValue().split(",")) if (!s.isBlank()) list.add(s.trim());
                values.put(top, list);
            } else {
                values.put(top, JsonNodeFactory.instance.textNode(o.getValue()));
            }
            lines.put(top, 0L);
        }
        // The rest of a logs folder's section describes its series; without a server from the user, nothing is asked.
        if (!values.containsKey("url") && overrides.isEmpty()) return Optional.empty();

        URI url = url(values.get("url"), lineOf(lines, "url"));
        Optional<String> tokenFile = text(values, lines, "bearer_token_file");
        Optional<String> tokenEnv = text(values, lines, "bearer_token_env");
        if (tokenFile.isPresent() && tokenEnv.isPresent())
            throw new InputException(lineOf(lines, "bearer_token_env"), "name either 'prometheus.bearer_token_file' or 'prometheus.bearer_token_env', not both");
        if (tokenEnv.isPresent() && !ENV_NAME.matcher(tokenEnv.get()).matches())
            throw new InputException(lineOf(lines, "bearer_token_env"), "'prometheus.bearer_token_env' must name an environment variable, found '" + tokenEnv.get() + "'");
        double timeout = number(values, lines, "timeout_seconds", 0.1, 600).orElse(DEFAULT_TIMEOUT.toMillis() / 1000.0);
        int retries = whole(values, lines, "retries", 0, 10).orElse((long) DEFAULT_RETRIES).intValue();
        Optional<Integer> scrape = whole(values, lines, "scrape_interval_seconds", 1, 3600).map(Long::intValue);
        double deadline = number(values, lines, "deadline_seconds", 1, 86_400).orElse((double) PrometheusSource.DEFAULT_DEADLINE.toSeconds());
        boolean plainHttp = bool(values, lines, "allow_plain_http_token");
        if ((tokenFile.isPresent() || tokenEnv.isPresent()) && url.getScheme().equals("http")) {
            String which = tokenFile.isPresent() ? "bearer_token_file" : "bearer_token_env";
            if (!PrometheusSource.loopback(url.getHost()))
                throw new InputException(lineOf(lines, which), "a bearer token goes only over https, and " + url + " is plain http; "
                        + "use the server's https:// URL");
            if (!plainHttp)
                throw new InputException(lineOf(lines, which), "a bearer token goes only over https, and " + url + " is plain http; "
                        + "for a server on this machine, say so with --set prometheus.allow_plain_http_token=true");
        }
        return Optional.of(new PrometheusSource(url,
                // The user's own file: relative to where they run carbonpaper (a --config file's paths arrive absolute).
                tokenFile.map(f -> Path.of(f).toAbsolutePath().normalize()),
                tokenEnv,
                Duration.ofMillis(Math.round(timeout * 1000)),
                retries,
                labels(values.get("labels"), lineOf(lines, "labels"), doc),
                scrape,
                deviceLabels(values.get("device_labels"), lineOf(lines, "device_labels")),
                metric(values, lines, "counter_metric").orElse(PrometheusSource.DEFAULT_COUNTER),
                metric(values, lines, "power_metric").orElse(PrometheusSource.DEFAULT_POWER),
                plainHttp,
                Duration.ofMillis(Math.round(deadline * 1000))));
    }

    private static boolean bool(Map<String, JsonNode> v, Map<String, Long> lines, String key) throws InputException {
        JsonNode n = v.get(key);
        if (n == null) return false;
        if (n.isBoolean()) return n.asBoolean();
        String t = n.asText().trim();
        if (t.equals("true") || t.equals("false")) return Boolean.parseBoolean(t);
        throw new InputException(lineOf(lines, key), name(key, lineOf(lines, key)) + " must be true or false, found '" + t + "'");
    }

    /**
     * The placeholders of a label template, in order; {@code {{}} and {@code }}} are not special.
     *
     * @throws IllegalArgumentException naming the first placeholder that is not an experiment field
     */
    public static List<String> placeholders(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!FIELDS.contains(m.group(1)))
                throw new IllegalArgumentException("unknown field '{" + m.group(1) + "}' (known: " + String.join(", ", new TreeSet<>(FIELDS).stream().map(f -> "{" + f + "}").toList()) + ")");
            out.add(m.group(1));
        }
        return out;
    }

    private static void check(String key, long line, String where) throws InputException {
        if (key.equals("bearer_token") || key.equals("token") || key.equals("password"))
            throw new InputException(line, "'prometheus." + key + "'" + where + " is refused: a secret must not be written into carbonpaper.yaml or a command line; "
                    + "put the token in a file and name it with 'bearer_token_file', or name an environment variable with 'bearer_token_env'");
        if (!KEYS.contains(key))
            throw new InputException(line, "unknown setting 'prometheus." + key + "'" + where + " (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
    }

    private static long lineOf(Map<String, Long> lines, String key) { return lines.getOrDefault(key, 0L); }

    private static String name(String key, long line) { return "'prometheus." + key + "'" + (line == 0 ? " in --set" : ""); }

    private static URI url(JsonNode n, long line) throws InputException {
        if (n == null) throw new InputException(line, "'prometheus.url' is required: the server's base URL, such as http://prometheus.example:9090");
        if (!n.isTextual()) throw new InputException(line, name("url", line) + " must be text");
        String s = n.asText().trim();
        URI u;
        try {
            u = new URI(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        } catch (URISyntaxException e) {
            throw new InputException(line, name("url", line) + " is not a URL: " + e.getReason());
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null)
            throw new InputException(line, name("url", line) + " must be an http:// or https:// URL with a host, found '" + s + "'");
        if (u.getRawUserInfo() != null)
            throw new InputException(line, name("url", line) + " must not carry credentials; use 'bearer_token_file' or 'bearer_token_env'");
        if (u.getRawQuery() != null || u.getRawFragment() != null)
            throw new InputException(line, name("url", line) + " must not have a query or fragment");
        return u;
    }

    private static Optional<String> text(Map<String, JsonNode> v, Map<String, Long> lines, String key) throws InputException {
        JsonNode n = v.get(key);
        if (n == null) return Optional.empty();
        if (!n.isTextual() || n.asText().isBlank()) throw new InputException(lineOf(lines, key), name(key, lineOf(lines, key)) + " must be non-empty text");
        return Optional.of(n.asText().trim());
    }

    private static Optional<Double> number(Map<String, JsonNode> v, Map<String, Long> lines, String key, double min, double max) throws InputException {
        JsonNode n = v.get(key);
        if (n == null) return Optional.empty();
        long line = lineOf(lines, key);
        double d;
        try {
            d = n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
        } catch (NumberFormatException e) {
            throw new InputException(line, name(key, line) + " must be a number, found '" + n.asText() + "'");
        }
        if (!Double.isFinite(d) || d < min || d > max)
            throw new InputException(line, name(key, line) + " must be between " + min + " and " + max + ", found " + n.asText());
        return Optional.of(d);
    }

    private static Optional<Long> whole(Map<String, JsonNode> v, Map<String, Long> lines, String key, long min, long max) throws InputException {
        JsonNode n = v.get(key);
        if (n == null) return Optional.empty();
        long line = lineOf(lines, key);
        long l;
        try {
            if (n.isNumber() && !n.isIntegralNumber()) throw new NumberFormatException();
            l = n.isIntegralNumber() ? n.asLong() : Long.parseLong(n.asText().trim());
        } catch (NumberFormatException e) {
            throw new InputException(line, name(key, line) + " must be a whole number, found '" + n.asText() + "'");
        }
        if (l < min || l > max) throw new InputException(line, name(key, line) + " must be between " + min + " and " + max + ", found " + l);
        return Optional.of(l);
    }

    private static Optional<String> metric(Map<String, JsonNode> v, Map<String, Long> lines, String key) throws InputException {
        Optional<String> m = text(v, lines, key);
        if (m.isPresent() && !METRIC_NAME.matcher(m.get()).matches())
            throw new InputException(lineOf(lines, key), name(key, lineOf(lines, key)) + " must be a metric name, found '" + m.get() + "'");
        return m;
    }

    private static Map<String, String> labels(JsonNode n, long sectionLine, YamlDocument doc) throws InputException {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) return out;
        if (!n.isObject()) throw new InputException(sectionLine, "'prometheus.labels' must be a mapping of label names to templates, such as {Hostname: \"{host}\"}");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // An entry from --set has no line of its own; one from the file has.
            long line = sectionLine == 0 || doc == null ? sectionLine : doc.lineOf(SECTION + ".labels." + e.getKey());
            if (!LABEL_NAME.matcher(e.getKey()).matches())
                throw new InputException(line, "'prometheus.labels': '" + e.getKey() + "' is not a Prometheus label name");
            if (!e.getValue().isValueNode() || e.getValue().isNull())
                throw new InputException(line, "'prometheus.labels." + e.getKey() + "' must be text, such as \"{group}\"");
            String template = e.getValue().asText();
            try {
                placeholders(template);
            } catch (IllegalArgumentException x) {
                throw new InputException(line, "'prometheus.labels." + e.getKey() + "': " + x.getMessage());
            }
            out.put(e.getKey(), template);
        }
        return out;
    }

    private static List<String> deviceLabels(JsonNode n, long line) throws InputException {
        if (n == null) return PrometheusSource.DEFAULT_DEVICE_LABELS;
        if (!n.isArray() || n.isEmpty()) throw new InputException(line, "'prometheus.device_labels' must be a non-empty list of label names, such as [Hostname, gpu]");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual() || !LABEL_NAME.matcher(e.asText()).matches())
                throw new InputException(line, "'prometheus.device_labels': '" + e.asText() + "' is not a Prometheus label name");
            out.add(e.asText());
        }
        return out;
    }
}
