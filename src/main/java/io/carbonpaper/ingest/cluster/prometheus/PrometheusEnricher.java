package io.carbonpaper.ingest.cluster.prometheus;

import io.carbonpaper.concurrent.ParallelMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.settings.ManifestReader;
import io.carbonpaper.settings.PrometheusSourceReader;
import io.carbonpaper.ingest.source.YamlDocument;
import io.carbonpaper.ingest.cluster.prometheus.PrometheusClient.QueryException;
import io.carbonpaper.ingest.cluster.prometheus.PrometheusClient.Sample;
import io.carbonpaper.ingest.cluster.prometheus.PrometheusClient.Series;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.InputFile;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.PrometheusSource;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs after ingest and before estimation: for every experiment with a time range and a label
 * selector, asks the Prometheus server for the energy its devices used, and adds the answer as a
 * {@code prometheus} trace. The server does the aggregation; no raw sample is ever downloaded for
 * the energy figure. Per experiment, evaluated at the range's end with PromQL's {@code @} modifier
 * (so the query text alone reruns it):
 * <ol>
 * <li>{@code sum by (device labels) (increase(COUNTER{sel}[Rs] @ end))}, millijoules: the energy
 *     counter's growth, counter resets handled by the server;</li>
 * <li>{@code sum by (device labels, modelName) (count_over_time(METRIC{sel}[Rs] @ end))}: the
 *     devices, their samples and model, from which scrape gaps are estimated;</li>
 * <li>only when the counter has no series: {@code sum by (device labels) (sum_over_time(POWER{sel}[Rs] @ end)) * interval},
 *     joules, a rectangle-rule integral of the power gauge;</li>
 * <li>one {@code query_range} for the chart, at most about 300 steps.</li>
 * </ol>
 * Experiments that already carry a power trace read from a file are left alone (adding the
 * server's figure would count their energy twice), and so are those that already have an error (they
 * are not estimated); those without a time range or a selector are
 * not asked about. A failed query is an error of that experiment only; no series at all is a
 * warning, and the experiment keeps its other evidence.
 */
public final class PrometheusEnricher {
    /** The chart of an experiment has at most about this many points per series. */
    static final int CHART_POINTS = 300;
    /** More devices than this are charted as one summed series. */
    static final int CHART_DEVICES = 8;
    /** Scrape interval assumed when neither configured nor estimable. */
    static final int DEFAULT_SCRAPE_SECONDS = 30;
    /** Experiments asked about at once: enough to hide a remote store's latency, few enough not to load it. */
    static final int PARALLEL = 4;
    private static final String MANIFEST_FORMAT = new ManifestReader().format();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final PrometheusSource source;
    private final PrometheusClient client;
    private final Path logs;

    public PrometheusEnricher(PrometheusSource source, PrometheusClient client, Path logs) {
        this.source = source;
        this.client = client;
        this.logs = logs;
    }

    /**
     * @throws InputException when the bearer token is named but cannot be read
     */
    public static PrometheusEnricher open(PrometheusSource source, Path logs) throws InputException {
        return new PrometheusEnricher(source, PrometheusClient.open(source), logs);
    }

    /**
     * The experiments, in the same order, those the server knew about with a {@code prometheus}
     * trace added. Up to {@link #PARALLEL} experiments are asked about at once; each one's queries
     * stay in order, and the result does not depend on which answer came first.
     */
    public List<Experiment> enrich(List<Experiment> experiments) {
        if (experiments.size() <= 1) return experiments.stream().map(this::enrich).toList();
        try {
            return ParallelMap.map(experiments, PARALLEL, "carbonpaper-prometheus", "asking Prometheus", e -> {
                try {
                    return enrich(e);
                } catch (RuntimeException x) {
                    // A bug here must not take the other experiments down; say what happened, without a stack trace.
                    return with(e, null, List.of(Problem.error(where(e), 0, "Prometheus source failed: " + x)), Optional.empty());
                }
            });
        } catch (IOException x) {
            // Only an interruption gets here: each experiment's own failure became its problem above.
            throw new IllegalStateException(x.getMessage(), x);
        }
    }

    Experiment enrich(Experiment e) {
        // Measured already (counting it twice would be wrong), or not estimable anyway: nothing to ask.
        if (!e.traces().isEmpty() || e.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) return e;
        List<Problem> problems = new ArrayList<>();
        Optional<InputFile> manifestFile = e.inputs().stream().filter(i -> i.format().equals(MANIFEST_FORMAT)).findFirst();
        String where = where(e);
        ManifestPart m;
        try {
            m = manifestFile.isPresent() ? ManifestPart.read(logs, manifestFile.get().path()) : ManifestPart.NONE;
        } catch (InputException x) {
            return with(e, null, List.of(Problem.error(where, x.line(), x.getMessage())), Optional.empty());
        } catch (IOException x) {
            return e; // the manifest reader already reported an unreadable manifest
        }

        Optional<Instant> start = m.start.or(e::start);
        Optional<Instant> end = m.end.or(e::end);
        if (end.isEmpty() && start.isPresent() && e.hours().isPresent())
            end = Optional.of(start.get().plusMillis(Math.round(e.hours().get().value() * 3_600_000)));
        if (start.isEmpty() || end.isEmpty()) return e;
        long from = ceilSeconds(start.get());
        long to = end.get().getEpochSecond();
        if (to - from < 1) {
            return with(e, null, List.of(Problem.warning(where, m.lineOf("end"), "time range " + start.get() + " to " + end.get()
                    + " is too short to ask Prometheus about")), Optional.empty());
        }

        String selector;
        if (m.selector.isPresent()) {
            selector = m.selector.get();
        } else if (!source.labels().isEmpty()) {
            Map<String, Optional<String>> fields = Map.of("key", Optional.of(e.key()), "name", Optional.of(e.name()),
                    "group", Optional.of(e.group()), "label", e.label(), "host", m.host);
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> l : source.labels().entrySet()) {
                Optional<String> v = fill(l.getValue(), fields);
                if (v.isEmpty()) {
                    return with(e, null, List.of(Problem.warning(where, 0, "Prometheus label " + l.getKey() + "=\"" + l.getValue()
                            + "\" names a field this experiment does not have; its energy was not asked for")), Optional.empty());
                }
                if (sb.length() > 0) sb.append(", ");
                sb.append(l.getKey()).append("=\"").append(escape(v.get())).append('"');
            }
            selector = sb.toString();
        } else {
            return with(e, null, List.of(Problem.warning(where, 0, "no Prometheus selector: set 'prometheus.labels' in carbonpaper.yaml or "
                    + "'prometheus_selector' in experiment.yaml; its energy was not asked for")), Optional.empty());
        }

        try {
            Optional<TraceSummary> trace = query(selector, from, to, problems, where);
            return with(e, trace.orElse(null), problems, Optional.of(Duration.ofSeconds(to - from)));
        } catch (QueryException x) {
            problems.add(Problem.error(where, 0, x.getMessage()));
            return with(e, null, problems, Optional.empty());
        }
    }

    private Optional<TraceSummary> query(String selector, long from, long to, List<Problem> problems, String where) throws QueryException {
        List<String> queries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            return query(selector, from, to, problems, where, queries, warnings);
        } finally {
            for (String w : new java.util.LinkedHashSet<>(warnings))
                problems.add(Problem.warning(where, 0, "Prometheus at " + client.server() + " warned: " + w + " (the figure may be incomplete)"));
        }
    }

    private Optional<TraceSummary> query(String selector, long from, long to, List<Problem> problems, String where, List<String> queries,
                                         List<String> warnings) throws QueryException {
        long range = to - from;
        String by = String.join(", ", source.deviceLabels());
        String window = "[" + range + "s] @ " + to;

        String counterSel = source.counterMetric() + "{" + selector + "}";
        String energyQ = "sum by (" + by + ") (increase(" + counterSel + window + "))";
        queries.add(energyQ);
        List<Sample> energy = client.instant(energyQ, to, warnings);
        EnergyMethod method = EnergyMethod.PROMETHEUS_COUNTER;
        String metricSel = counterSel;
        if (energy.isEmpty()) {
            method = EnergyMethod.PROMETHEUS_POWER;
            metricSel = source.powerMetric() + "{" + selector + "}";
        }
        String countBy = source.deviceLabels().contains("modelName") ? by : by + ", modelName";
        String countQ = "sum by (" + countBy + ") (count_over_time(" + metricSel + window + "))";
        queries.add(countQ);
        List<Sample> counts = client.instant(countQ, to, warnings);
        if (counts.isEmpty()) {
            problems.add(Problem.warning(where, 0, "Prometheus at " + client.server() + " has no " + source.counterMetric() + " or "
                    + source.powerMetric() + " series for {" + selector + "} between " + Instant.ofEpochSecond(from) + " and "
                    + Instant.ofEpochSecond(to) + "; the energy comes from other evidence (query '" + energyQ + "')"));
            return Optional.empty();
        }

        Map<String, Long> samples = new TreeMap<>();
        Map<String, String> models = new TreeMap<>();
        for (Sample s : counts) {
            samples.merge(device(s.labels()), Math.round(s.value()), Long::sum);
            String model = s.labels().getOrDefault("modelName", "");
            if (!model.isEmpty()) models.put(device(s.labels()), model);
        }
        long most = samples.values().stream().mapToLong(Long::longValue).max().orElse(0);
        double interval;
        if (source.scrapeIntervalSeconds().isPresent()) interval = source.scrapeIntervalSeconds().get();
        else if (most >= 2) interval = estimateInterval(range, most);
        else {
            interval = DEFAULT_SCRAPE_SECONDS;
            problems.add(Problem.note(where, 0, "scrape interval unknown; " + DEFAULT_SCRAPE_SECONDS + " s assumed (set prometheus.scrape_interval_seconds)"));
        }

        if (method == EnergyMethod.PROMETHEUS_POWER) {
            String powerQ = "sum by (" + by + ") (sum_over_time(" + metricSel + window + ")) * " + plain(interval);
            queries.add(powerQ);
            energy = client.instant(powerQ, to, warnings);
        }
        Map<String, Energy> byDevice = new TreeMap<>();
        for (Sample s : energy) {
            if (!Double.isFinite(s.value()) || s.value() < 0) {
                problems.add(Problem.warning(where, 0, "Prometheus answered " + s.value() + " for device " + device(s.labels()) + "; left out"));
                continue;
            }
            Energy en = method == EnergyMethod.PROMETHEUS_COUNTER ? Energy.ofMillijoules(s.value()) : Energy.ofJoules(s.value());
            double meanWatts = range > 0 ? en.joules() / range : 0;
            if (meanWatts > io.carbonpaper.model.Plausible.MAX_GPU_WATTS) {
                // The bound every trace file's samples meet, applied to the server's answer (issue 16 item 10).
                problems.add(Problem.warning(where, 0, String.format(java.util.Locale.ROOT,
                        "Prometheus answered %s J for device %s over %d s, a mean of %.4g W, above the %.0f W a GPU can draw; left out",
                        plain(en.joules()), device(s.labels()), range, meanWatts, io.carbonpaper.model.Plausible.MAX_GPU_WATTS)));
                continue;
            }
            byDevice.merge(device(s.labels()), en, Energy::plus);
        }
        if (byDevice.isEmpty()) {
            problems.add(Problem.warning(where, 0, "Prometheus at " + client.server() + " gave no usable energy for {" + selector + "} (query '"
                    + queries.get(queries.size() - 1) + "')"));
            return Optional.empty();
        }

        Instant first = Instant.ofEpochSecond(from);
        Instant last = Instant.ofEpochSecond(to);
        long expected = (long) Math.floor(range / interval);
        Map<String, Long> missing = new TreeMap<>();
        List<DeviceEnergy> devices = new ArrayList<>();
        long used = 0;
        for (Map.Entry<String, Energy> d : byDevice.entrySet()) {
            long n = samples.getOrDefault(d.getKey(), 0L);
            used += n;
            if (n < expected) missing.put("scrapes missing on device " + d.getKey() + " (at least)", expected - n);
            devices.add(new DeviceEnergy(d.getKey(), "gpu", d.getValue(), method, n, first, last));
        }

        List<TraceSummary.ChartPoint> chart = new ArrayList<>();
        long step = Math.max(1, (range + CHART_POINTS - 1) / CHART_POINTS);
        long chartWindow = Math.max(step, (long) Math.ceil(2 * interval));
        String inner = method == EnergyMethod.PROMETHEUS_COUNTER
                ? "rate(" + counterSel + "[" + chartWindow + "s]) / 1000"
                : "avg_over_time(" + metricSel + "[" + chartWindow + "s])";
        boolean perDevice = byDevice.size() <= CHART_DEVICES;
        String chartQ = (perDevice ? "sum by (" + by + ") (" : "sum(") + inner + ")";
        queries.add("query_range start=" + from + " end=" + to + " step=" + step + "s: " + chartQ);
        try {
            for (Series s : client.range(chartQ, from, to, step, warnings)) {
                String dev = perDevice ? device(s.labels()) : "all";
                for (int i = 0; i < s.times().length; i++)
                    chart.add(new TraceSummary.ChartPoint(dev, Instant.ofEpochMilli(Math.round(s.times()[i] * 1000)), s.values()[i]));
            }
        } catch (QueryException x) {
            problems.add(Problem.warning(where, 0, "power chart not drawn: " + x.getMessage()));
        }

        Optional<String> model = models.values().stream().distinct().count() == 1 ? models.values().stream().findFirst() : Optional.empty();
        return Optional.of(new TraceSummary("prometheus", Optional.of(client.server()), model, devices, first, last, used, missing,
                List.of(), false, chart, queries));
    }

    /**
     * The scrape interval, seconds, that puts {@code samples} samples into a window of
     * {@code range} seconds. A scrape every I seconds leaves n samples in the window when
     * (n - 1) I <= R < (n + 1) I: n = R / I + 1 when both edges fall on scrapes and the window is
     * closed (Prometheus 2), n = R / I when it is left-open (Prometheus 3, VictoriaMetrics), fewer
     * after a gap. Scrape intervals are whole seconds in practice, so when exactly one whole number
     * fits, that is the interval; otherwise (few samples, or sub-second scrapes) R / (n - 1), to
     * the millisecond. {@code samples} must be at least 2.
     */
    static double estimateInterval(long range, long samples) {
        long smallest = range / (samples + 1) + 1; // the least I with (n + 1) I > R
        long largest = range / (samples - 1);      // the greatest I with (n - 1) I <= R
        if (smallest == largest) return smallest;
        return Math.round(1000.0 * range / (samples - 1)) / 1000.0;
    }

    private String device(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        for (String l : source.deviceLabels()) {
            String v = labels.getOrDefault(l, "");
            if (v.isEmpty()) continue;
            if (sb.length() > 0) sb.append('/');
            sb.append(v);
        }
        return sb.length() == 0 ? "all" : sb.toString();
    }

    /** Where an experiment's problems point: its manifest (where a fix would go), else its first file, else its key. */
    private static String where(Experiment e) {
        return e.inputs().stream().filter(i -> i.format().equals(MANIFEST_FORMAT)).map(InputFile::path).findFirst()
                .orElse(e.inputs().isEmpty() ? e.key() : e.inputs().get(0).path());
    }

    private Experiment with(Experiment e, TraceSummary trace, List<Problem> problems, Optional<Duration> range) {
        if (trace == null && problems.isEmpty()) return e;
        List<TraceSummary> traces = new ArrayList<>(e.traces());
        List<Problem> all = new ArrayList<>(e.problems());
        all.addAll(problems);
        Optional<Hardware> hardware = e.hardware();
        Optional<Hours> hours = e.hours();
        String hoursSource = e.hoursSource();
        if (trace != null) {
            traces.add(trace);
            if (hardware.isEmpty() && trace.deviceName().isPresent() && trace.acceleratorCount() > 0)
                hardware = Optional.of(new Hardware(trace.deviceName().get(), (int) trace.acceleratorCount(), where(e), 0));
            if (hours.isEmpty() && range.isPresent()) {
                hours = Optional.of(Hours.of(range.get()));
                hoursSource = "Prometheus query range";
            }
        }
        Optional<Instant> start = e.start().or(() -> Optional.ofNullable(trace).map(TraceSummary::first));
        Optional<Instant> end = e.end().or(() -> Optional.ofNullable(trace).map(TraceSummary::last));
        return new Experiment(e.key(), e.name(), e.group(), e.label(), e.isFinal(), hardware, hours, hoursSource, e.declaredPower(),
                e.declaredTdp(), e.overrides(), start, end, traces, e.toolReports(), e.metrics(),
                e.hyperparameters(), e.inputs(), all, e.cpu(), e.folded(), e.jobDetails());
    }

    /** The template with its fields filled in, or empty when it names a field the experiment lacks. */
    static Optional<String> fill(String template, Map<String, Optional<String>> fields) {
        PrometheusSourceReader.placeholders(template);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Optional<String> v = fields.getOrDefault(m.group(1), Optional.empty());
            if (v.isEmpty()) return Optional.empty();
            m.appendReplacement(sb, Matcher.quoteReplacement(v.get()));
        }
        m.appendTail(sb);
        return Optional.of(sb.toString());
    }

    /** A label value inside PromQL double quotes. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static long ceilSeconds(Instant t) { return t.getNano() == 0 ? t.getEpochSecond() : t.getEpochSecond() + 1; }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    /** What the prometheus source reads from an experiment.yaml beyond what the manifest reader keeps. */
    private record ManifestPart(Optional<Instant> start, Optional<Instant> end, Optional<String> selector, Optional<String> host,
                                Map<String, Long> lines) {
        static final ManifestPart NONE = new ManifestPart(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

        long lineOf(String key) { return lines.getOrDefault(key, 0L); }

        static ManifestPart read(Path logs, String relative) throws IOException {
            Path file = logs.resolve(relative);
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return NONE;
            YamlDocument doc;
            try {
                // Opened as the scanner's files are, following no link (LogsFolder): the manifest was listed, not this path.
                doc = YamlDocument.parse(InputSource.inside(logs, relative));
            } catch (InputException | io.carbonpaper.ingest.source.LogsFolder.LinkedException broken) {
                return NONE; // the manifest reader reported it already
            }
            if (!doc.root().isObject()) return NONE;
            Map<String, Long> lines = new LinkedHashMap<>();
            for (String k : List.of("start", "end", "prometheus_selector")) lines.put(k, doc.lineOf(k));
            Optional<String> selector = doc.string("prometheus_selector").map(String::trim);
            if (selector.isPresent()) {
                String s = selector.get();
                if (s.startsWith("{") && s.endsWith("}")) s = s.substring(1, s.length() - 1).trim();
                if (s.isEmpty())
                    throw new InputException(doc.lineOf("prometheus_selector"), "'prometheus_selector' must be label matchers such as "
                            + "'{Hostname=\"node1\", gpu=~\"0|1\"}', found '" + selector.get() + "'");
                selector = Optional.of(s);
            }
            return new ManifestPart(instant(doc, "start"), instant(doc, "end"), selector, doc.string("host"), lines);
        }

        private static Optional<Instant> instant(YamlDocument doc, String key) throws InputException {
            JsonNode n = doc.node(key);
            if (n == null) return Optional.empty();
            try {
                return Optional.of(n.isNumber() ? Instant.ofEpochMilli(Math.round(n.asDouble() * 1000))
                        : java.time.OffsetDateTime.parse(n.asText().trim().replace(' ', 'T')).toInstant());
            } catch (DateTimeParseException x) {
                throw new InputException(doc.lineOf(key), "'" + key + "' must be an ISO-8601 time with offset (2024-01-15T10:00:00Z) or epoch seconds, found '" + n.asText() + "'");
            }
        }
    }
}
