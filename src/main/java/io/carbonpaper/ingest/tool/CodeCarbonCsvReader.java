package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.LocalTimestamp;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CodeCarbon's {@code emissions.csv}, every header version seen in the wild: columns are
 * looked up by name because they move between versions ({@code codecarbon_version},
 * {@code experiment_id}, {@code pue}, {@code water_consumed} come and go; {@code cloud_provider}
 * moved to the end in 3.2). A header line repeated inside the file (an upgraded CodeCarbon
 * appending to an old file) switches to the new column set.
 *
 * <p>One {@link ToolEnergyReport} per {@code run_id}: CodeCarbon appends a cumulative row each
 * time a tracker stops, so the last row of a run wins. Rows without a run id each count. One
 * file per rank of a multi-process run simply add up downstream.
 *
 * <p>{@code timestamp} is written when the tracker stops; the report's start is that time minus
 * {@code duration}. {@code pueApplied} is true only when a {@code pue} column holds a value other
 * than 1 (CodeCarbon multiplies its energy by it).
 */
public final class CodeCarbonCsvReader implements LogReader {
    private static final List<String> REQUIRED = List.of("timestamp", "duration", "emissions", "energy_consumed");
    private static final Pattern GPU_MODEL = Pattern.compile("^\\s*(\\d+)\\s*x\\s*(.+?)\\s*$");

    @Override public String format() { return "codecarbon-csv"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        int nl = head.indexOf('\n');
        if (nl < 0) return false;
        List<String> cols = List.of(head.substring(0, nl).strip().split(","));
        return cols.containsAll(REQUIRED) && (cols.contains("run_id") || cols.contains("project_name"));
    }

    /** What is kept of a run's last row. */
    private record Row(long line, Energy energy, Optional<Mass> co2, Optional<Hours> duration, Optional<Instant> start,
                       boolean pueApplied, Optional<String> accelerator, Optional<Integer> count, Optional<String> runId) {}

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, Row> runs = new LinkedHashMap<>();
        Map<String, Integer> header = null;
        try (Reader in = source.reader();
             CSVParser csv = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(in)) {
            long previousEnd = 0;
            for (CSVRecord r : csv) {
                long line = previousEnd + 1;
                previousEnd = csv.getCurrentLineNumber();
                if (header == null || (r.size() > 0 && r.get(0).strip().equals("timestamp") && r.size() >= REQUIRED.size())) {
                    Map<String, Integer> h = columns(r);
                    if (!h.keySet().containsAll(REQUIRED)) {
                        if (header == null) throw new InputException(line, "expected a CodeCarbon header naming " + REQUIRED);
                    } else {
                        if (header != null) sink.problem(Problem.note(file, line, "header changes here (CodeCarbon upgraded?); columns re-read by name"));
                        header = h;
                        continue;
                    }
                }
                if (r.size() != header.size()) {
                    sink.problem(Problem.error(file, line, "expected " + header.size() + " fields, found " + r.size() + "; row skipped"));
                    continue;
                }
                Row row = row(r, header, line, file, sink);
                if (row == null) continue;
                runs.put(row.runId().orElse("line " + line), row);
            }
        } catch (UncheckedIOException e) {
            // Commons CSV wraps malformed quoting in an unchecked exception
            throw new InputException(0, "not readable as CSV: " + e.getCause().getMessage());
        }
        if (header == null) throw new InputException(0, "empty file: expected a CodeCarbon emissions.csv header");
        if (runs.isEmpty()) sink.problem(Problem.warning(file, 0, "CodeCarbon header but no emission rows"));
        for (Row row : runs.values()) {
            sink.accept(new ToolEnergyReport("codecarbon", row.energy(), row.co2(), row.duration(), row.start(), row.pueApplied(),
                    row.accelerator(), row.count(), row.runId()));
        }
    }

    private static Map<String, Integer> columns(CSVRecord r) {
        Map<String, Integer> h = new HashMap<>();
        for (int i = 0; i < r.size(); i++) h.putIfAbsent(r.get(i).strip(), i);
        return h;
    }

    private static Row row(CSVRecord r, Map<String, Integer> h, long line, String file, FindingSink sink) {
        Optional<Double> energy = number(r, h, "energy_consumed", line, file, sink);
        if (energy.isEmpty()) {
            sink.problem(Problem.error(file, line, "expected energy_consumed in kWh, found '" + text(r, h, "energy_consumed").orElse("") + "'; row skipped"));
            return null;
        }
        if (energy.get() < 0) {
            sink.problem(Problem.error(file, line, "energy_consumed is negative (" + energy.get() + "); row skipped"));
            return null;
        }
        Optional<Double> seconds = number(r, h, "duration", line, file, sink).filter(s -> s >= 0);
        String implausible = seconds.map(s -> Plausible.seconds("duration", s)).orElse(null);
        if (implausible != null) {
            sink.problem(Problem.warning(file, line, implausible));
            seconds = Optional.empty();
        }
        Optional<Instant> stamp = text(r, h, "timestamp").flatMap(LocalTimestamp::parse);
        if (stamp.isEmpty() && text(r, h, "timestamp").isPresent())
            sink.problem(Problem.warning(file, line, "expected an ISO timestamp, found '" + text(r, h, "timestamp").get() + "'"));
        String outside = stamp.map(Plausible::instant).orElse(null);
        if (outside != null) {
            sink.problem(Problem.warning(file, line, "timestamp: " + outside));
            stamp = Optional.empty();
        }
        final Optional<Double> duration = seconds;
        Optional<Instant> start = stamp.map(t -> duration.map(s -> t.minusMillis(Math.round(s * 1000))).orElse(t));
        boolean pueApplied = number(r, h, "pue", line, file, sink).map(p -> Math.abs(p - 1.0) > 1e-9).orElse(false);

        Optional<String> accelerator = Optional.empty();
        Optional<Integer> count = number(r, h, "gpu_count", line, file, sink).filter(n -> n >= 1).map(Double::intValue);
        Optional<String> model = text(r, h, "gpu_model");
        if (model.isPresent()) {
            Matcher m = GPU_MODEL.matcher(model.get());
            if (m.matches()) {
                accelerator = Optional.of(m.group(2));
                try {
                    int n = Integer.parseInt(m.group(1));
                    if (n >= 1) count = Optional.of(n);
                } catch (NumberFormatException e) {
                    // count stays as gpu_count said
                }
            } else {
                accelerator = model;
            }
        }
        if (accelerator.isEmpty()) count = Optional.empty();
        return new Row(line, Energy.ofKilowattHours(energy.get()),
                number(r, h, "emissions", line, file, sink).filter(x -> x >= 0).map(Mass::ofKilograms),
                duration.map(Hours::ofSeconds), start, pueApplied, accelerator, count, text(r, h, "run_id"));
    }

    private static Optional<String> text(CSVRecord r, Map<String, Integer> h, String column) {
        Integer i = h.get(column);
        if (i == null || i >= r.size()) return Optional.empty();
        String v = r.get(i).strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Double> number(CSVRecord r, Map<String, Integer> h, String column, long line, String file, FindingSink sink) {
        Optional<String> t = text(r, h, column);
        if (t.isEmpty()) return Optional.empty();
        try {
            double d = Double.parseDouble(t.get());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return Optional.of(d);
        } catch (NumberFormatException e) {
            sink.problem(Problem.warning(file, line, "expected a number in column '" + column + "', found '" + t.get().toLowerCase(Locale.ROOT) + "'"));
            return Optional.empty();
        }
    }
}
