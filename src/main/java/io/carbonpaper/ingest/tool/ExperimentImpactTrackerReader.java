package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.trace.TraceIntegrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carbonpaper.model.Problem;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads experiment-impact-tracker's {@code <logdir>/impacttracker/data.json}: JSON lines, one
 * object per sampling iteration, with {@code timestamp} (Unix seconds) and the power the tracker
 * attributed to the process: {@code rapl_estimated_attributable_power_draw} and
 * {@code nvidia_estimated_attributable_power_draw} (watts; the GPU figure is summed over the
 * GPUs the process used). Layout established from the project's data_utils.py / utils.py
 * (Breakend/experiment-impact-tracker); {@code info.pkl} beside it is a Python pickle and is not
 * read, so the run's exact start and end come from the samples.
 *
 * <p>The power series go into a {@link TraceIntegrator} (devices {@code rapl-attributable}, kind
 * {@code cpu}, and {@code nvidia-attributable}, kind {@code gpu}: one entry for all GPUs) and the
 * reader emits the {@link io.carbonpaper.model.TraceSummary}. The tracker's own PUE is applied
 * only in its reports, not in data.json.
 */
public final class ExperimentImpactTrackerReader implements LogReader {
    /**
     * Jackson is built when a file of this format is first read, not when the reader is: every
     * report builds every reader, and loading Jackson costs a tenth of a second of start-up.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final String RAPL = "rapl_estimated_attributable_power_draw";
    private static final String NVIDIA = "nvidia_estimated_attributable_power_draw";

    @Override public String format() { return "experiment-impact-tracker"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText().stripLeading();
        return head.startsWith("{") && head.contains("\"timestamp\"") && (head.contains("\"" + RAPL + "\"") || head.contains("\"" + NVIDIA + "\""));
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        TraceIntegrator trace = TraceIntegrator.forFile(source, format());
        long n = 0, used = 0;
        try (BufferedReader in = source.reader()) {
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.isBlank()) continue;
                JsonNode o;
                try {
                    o = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    if (used == 0 && n == 1) throw new InputException(1, "expected a JSON object per line (impacttracker/data.json)");
                    sink.problem(Problem.error(file, n, "expected a JSON object, line is malformed; skipped"));
                    continue;
                }
                if (o == null || !o.isObject() || !o.path("timestamp").isNumber()) {
                    if (used == 0 && n == 1) throw new InputException(1, "expected a JSON object with a numeric 'timestamp'");
                    sink.problem(Problem.error(file, n, "expected a numeric 'timestamp'; line skipped"));
                    continue;
                }
                long micros = Math.round(o.get("timestamp").asDouble() * 1e6);
                boolean any = false;
                if (o.path(RAPL).isNumber()) {
                    trace.power("rapl-attributable", "cpu", micros, o.get(RAPL).asDouble());
                    any = true;
                }
                if (o.path(NVIDIA).isNumber()) {
                    trace.power("nvidia-attributable", "gpu", micros, o.get(NVIDIA).asDouble());
                    any = true;
                }
                if (any) used++;
                else trace.missing("no attributable power in sample");
            }
        }
        if (n == 0) throw new InputException(0, "empty file: expected impacttracker data.json lines");
        if (trace.isEmpty()) {
            sink.problem(Problem.warning(file, 0, "no samples with attributable power"));
            return;
        }
        sink.accept(trace.finish(Optional.empty(), Optional.empty()));
    }
}
