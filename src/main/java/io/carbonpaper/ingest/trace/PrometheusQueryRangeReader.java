package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the answer of the Prometheus HTTP API {@code /api/v1/query_range} for DCGM series:
 * {@code {"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[<unix seconds>,"<value>"],...]}]}}}
 * (shape from the Prometheus HTTP API documentation). Series are told apart by their
 * {@code __name__} label (see {@link DcgmMetrics}); series without one (the result of an
 * expression) are ignored and counted. The JSON is streamed with Jackson's {@link JsonParser},
 * so memory stays flat however many points the answer holds. An instant query's {@code vector}
 * has one point per series and no time span: it gives no energy, and the reader says so.
 */
public final class PrometheusQueryRangeReader implements LogReader {
    public static final String FORMAT = "dcgm-prometheus-query-range";
    /**
     * A query_range answer nests five levels and holds short strings; deeper nesting, longer
     * numbers or strings are a JSON bomb or not Prometheus, and are refused with a message. The
     * document itself may be long: it is streamed. Built when such a file is first read, not
     * when the reader is: every report builds every reader, and loading Jackson costs a tenth of
     * a second of start-up.
     */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxNestingDepth(32).maxNumberLength(64).maxStringLength(1 << 20).maxNameLength(4096).build())
                .build();
    }

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        return head.stripLeading().startsWith("{") && head.contains("\"resultType\"") && head.contains("DCGM_FI_DEV_");
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        State st = new State(new DcgmMetrics(TraceIntegrator.forFile(source, FORMAT)), problems);
        try (InputStream in = source.open(); JsonParser p = Json.FACTORY.createParser(in)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) throw new InputException(line(p), "expected a JSON object {\"status\": ..., \"data\": ...}");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (field) {
                        case "status" -> st.status = p.getValueAsString();
                        case "error" -> st.error = p.getValueAsString();
                        case "data" -> {
                            if (t != JsonToken.START_OBJECT) throw new InputException(line(p), "expected \"data\" to be an object");
                            data(p, st);
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                throw new InputException(e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr()), "malformed JSON: " + e.getOriginalMessage());
            }
        }
        if ("error".equals(st.status)) throw new InputException(0, "Prometheus answered with an error: " + st.error);
        if (st.series == 0) throw new InputException(0, "no result series: expected data.result with DCGM power or energy series");
        if (st.unnamed > 0) problems.note(0, st.unnamed + " series without a __name__ label (an expression's result) ignored");
        if (st.instant > 0) {
            problems.warning(0, "an instant query result has one sample per series and no time span, so it cannot give energy; "
                    + "export a query_range instead");
        }
        problems.finish();
        if (!st.metrics.integrator.isEmpty()) sink.accept(st.metrics.finish());
    }

    private static final class State {
        final DcgmMetrics metrics;
        final TraceProblems problems;
        String status, error;
        long series, unnamed, instant;

        State(DcgmMetrics metrics, TraceProblems problems) {
            this.metrics = metrics;
            this.problems = problems;
        }
    }

    private static void data(JsonParser p, State st) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("result") && t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) series(p, st);
            } else {
                p.skipChildren();
            }
        }
    }

    private static void series(JsonParser p, State st) throws IOException {
        st.series++;
        Map<String, String> labels = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("metric") && t == JsonToken.START_OBJECT) {
                labels = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    labels.put(k, p.getValueAsString());
                }
            } else if ((field.equals("values") || field.equals("value")) && t == JsonToken.START_ARRAY) {
                String name = labels == null ? null : labels.get("__name__");
                if (labels == null) {
                    st.problems.error(line(p), "\"" + field + "\" before \"metric\": the series cannot be named, skipped");
                    p.skipChildren();
                } else if (!DcgmMetrics.isPowerOrEnergy(name)) {
                    if (name == null) st.unnamed++;
                    p.skipChildren();
                } else if (field.equals("value")) {
                    st.instant++;
                    point(p, st, name, labels, false);
                } else {
                    while (p.nextToken() == JsonToken.START_ARRAY) point(p, st, name, labels, true);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** One {@code [<unix seconds>, "<value>"]} pair; the parser is on its START_ARRAY. */
    private static void point(JsonParser p, State st, String name, Map<String, String> labels, boolean integrate) throws IOException {
        long line = line(p);
        JsonToken t1 = p.nextToken();
        double seconds = t1.isNumeric() ? p.getDoubleValue() : Double.NaN;
        JsonToken t2 = p.nextToken();
        String raw = t2 == JsonToken.VALUE_STRING || (t2 != null && t2.isNumeric()) ? p.getValueAsString() : null;
        if (t2 != JsonToken.END_ARRAY && t2 != null) {
            while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren();
        }
        if (Double.isNaN(seconds) || raw == null) {
            st.problems.error(line, "expected a point [<unix seconds>, \"<value>\"]");
            return;
        }
        double value;
        try {
            value = PrometheusTextReader.parseValue(raw);
        } catch (NumberFormatException e) {
            st.problems.error(line, "expected a number as the point's value, found '" + raw + "'");
            return;
        }
        if (!integrate) return; // an instant sample has no span to integrate over
        String outside = Plausible.epochSeconds(seconds);
        if (outside != null) {
            st.problems.error(line, outside);
            return;
        }
        String implausible = name.equals(DcgmMetrics.POWER) ? TraceIntegrator.implausible("gpu", value) : null;
        if (implausible != null) st.problems.warning(line, implausible);
        st.metrics.sample(name, labels, Math.round(seconds * 1e6), value);
    }

    private static long line(JsonParser p) { return Math.max(0, p.currentLocation().getLineNr()); }
}
