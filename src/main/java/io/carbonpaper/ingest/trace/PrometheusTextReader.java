package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.ingest.source.InputException;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads DCGM-exporter metrics in the Prometheus text exposition format: one scrape, or scrapes
 * concatenated over time, with lines like
 * {@code DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-...",Hostname="n1",modelName="NVIDIA A100-SXM4-80GB"} 409.692000 1709287200000}.
 * Only the power and energy series are used (see {@link DcgmMetrics}); {@code # HELP}/{@code # TYPE}
 * comments and other metrics are skipped. The optional timestamp is in milliseconds; samples
 * without one have no place in time, so a snapshot without timestamps gives no energy and says so.
 */
public final class PrometheusTextReader implements LogReader {
    public static final String FORMAT = "dcgm-prometheus-text";

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        if (head.stripLeading().startsWith("{")) return false;
        for (String line : head.split("\n")) {
            String l = line.strip();
            if (isSample(l, DcgmMetrics.POWER) || isSample(l, DcgmMetrics.ENERGY)
                    || l.startsWith("# TYPE " + DcgmMetrics.POWER) || l.startsWith("# HELP " + DcgmMetrics.POWER)
                    || l.startsWith("# TYPE " + DcgmMetrics.ENERGY) || l.startsWith("# HELP " + DcgmMetrics.ENERGY)) return true;
        }
        return false;
    }

    /**
     * A sample line of {@code metric}: the name, then labels or the value. dcgm-exporter's counters
     * configuration ({@code DCGM_FI_DEV_POWER_USAGE, gauge, Power draw (in W).}) names the same
     * metrics but is no scrape.
     */
    private static boolean isSample(String line, String metric) {
        if (!line.startsWith(metric) || line.length() == metric.length()) return false;
        char next = line.charAt(metric.length());
        return next == '{' || next == ' ' || next == '\t';
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        DcgmMetrics metrics = new DcgmMetrics(TraceIntegrator.forFile(source, FORMAT));
        long untimed = 0, dcgmLines = 0, firstUntimed = 0;
        try (BufferedReader r = source.reader()) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String l = line.strip();
                if (l.isEmpty() || l.charAt(0) == '#') continue;
                char c0 = l.charAt(0);
                if (!(Character.isLetter(c0) || c0 == '_' || c0 == ':')) {
                    problems.error(no, "expected a metric name (letters, '_' or ':' first) or a '#' comment, found '"
                            + (l.length() > 40 ? l.substring(0, 40) + "..." : l) + "'");
                    continue;
                }
                String metric = l.startsWith(DcgmMetrics.POWER) ? DcgmMetrics.POWER : l.startsWith(DcgmMetrics.ENERGY) ? DcgmMetrics.ENERGY : null;
                if (metric == null) continue;
                int i = metric.length();
                if (i < l.length() && l.charAt(i) != '{' && l.charAt(i) != ' ' && l.charAt(i) != '\t') continue; // another metric with this prefix
                dcgmLines++;
                Map<String, String> labels = new HashMap<>();
                if (i < l.length() && l.charAt(i) == '{') {
                    i = labels(l, i + 1, labels);
                    if (i < 0) {
                        problems.error(no, "expected labels like {gpu=\"0\",UUID=\"GPU-...\"} after " + metric);
                        continue;
                    }
                }
                String[] rest = l.substring(i).strip().split("[ \t]+");
                if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
                    problems.error(no, "expected a value and an optional timestamp in milliseconds after the labels");
                    continue;
                }
                double value;
                long millis;
                try {
                    value = parseValue(rest[0]);
                    millis = rest.length == 2 ? Long.parseLong(rest[1]) : Long.MIN_VALUE;
                } catch (NumberFormatException e) {
                    problems.error(no, "expected a number and an optional integer timestamp in milliseconds, found '" + l.substring(i).strip() + "'");
                    continue;
                }
                if (millis == Long.MIN_VALUE) {
                    if (untimed++ == 0) firstUntimed = no;
                    continue;
                }
                String outside = Plausible.millis(millis);
                if (outside != null) {
                    problems.error(no, "timestamp " + millis + " ms: " + outside);
                    continue;
                }
                String implausible = metric.equals(DcgmMetrics.POWER) ? TraceIntegrator.implausible("gpu", value) : null;
                if (implausible != null) problems.warning(no, implausible);
                metrics.sample(metric, labels, millis * 1_000L, value);
            }
        }
        if (dcgmLines == 0) throw new InputException(0, "no " + DcgmMetrics.POWER + " or " + DcgmMetrics.ENERGY + " samples");
        if (untimed > 0) {
            problems.warning(firstUntimed, untimed + " samples without a timestamp: a scrape without timestamps has no time span, "
                    + "so it cannot give energy (record scrapes with timestamps, or export a query_range)");
        }
        problems.finish();
        if (!metrics.integrator.isEmpty()) sink.accept(metrics.finish());
    }

    static double parseValue(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    /** Parses {@code name="value",...}} from {@code i}; returns the index after '}' or -1. */
    private static int labels(String l, int i, Map<String, String> out) {
        int n = l.length();
        while (true) {
            while (i < n && (l.charAt(i) == ' ' || l.charAt(i) == ',')) i++;
            if (i >= n) return -1;
            if (l.charAt(i) == '}') return i + 1;
            int eq = l.indexOf('=', i);
            if (eq < 0) return -1;
            String name = l.substring(i, eq).strip();
            i = eq + 1;
            while (i < n && l.charAt(i) == ' ') i++;
            if (i >= n || l.charAt(i) != '"') return -1;
            StringBuilder v = new StringBuilder();
            i++;
            while (i < n && l.charAt(i) != '"') {
                char c = l.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char x = l.charAt(++i);
                    v.append(x == 'n' ? '\n' : x);
                } else {
                    v.append(c);
                }
                i++;
            }
            if (i >= n) return -1;
            out.put(name, v.toString());
            i++;
        }
    }
}
