package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.LocalTimestamp;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.CpuInfo;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.LoggedPlace;
import io.carbonpaper.model.Plausible;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.reference.AcceleratorCatalog;
import io.carbonpaper.reference.DeviceCount;
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

/**
 * Reads CodeCarbon's {@code emissions.csv}, every header version seen in the wild: columns are
 * looked up by name because they move between versions ({@code codecarbon_version},
 * {@code experiment_id}, {@code pue}, {@code water_consumed} come and go; {@code cloud_provider}
 * moved to the end in 3.2), and header cells padded with spaces ({@code timestamp           ,})
 * are trimmed. A header line repeated inside the file (an upgraded CodeCarbon appending to an old
 * file) switches to the new column set.
 *
 * <p>One {@link ToolEnergyReport} per {@code run_id} ({@code experiment_id} in 1.x): CodeCarbon appends a cumulative row each
 * time a tracker stops, so the last row of a run wins. Rows without a run id each count. A task
 * file ({@code task_name} column, {@code EmissionsTracker.start_task}) holds one row per task, each
 * its own figure. One file per rank of a multi-process run, and runs one after another in one file,
 * are separate reports; the experiment's hours are the union of their intervals.
 *
 * <p>The country and cloud columns travel with each report as a {@link LoggedPlace}: the grid of a
 * run whose settings name none.
 *
 * <p>{@code timestamp} is written when the tracker stops; the report's start is that time minus
 * {@code duration}. {@code pueApplied} is true only when a {@code pue} column holds a value other
 * than 1 (CodeCarbon multiplies its energy by it). {@code gpu_model} is a device list
 * ({@code 4 x Tesla V100-SXM2-16GB}, or two kinds glued together as some versions write them,
 * {@code 1 x NVIDIA GeForce RTX 40601 x NVIDIA GeForce RTX 3080 Ti}), split with the hardware
 * catalog's help ({@link AcceleratorCatalog#parseDeviceList}).
 */
public final class CodeCarbonCsvReader implements LogReader {
    private static final List<String> REQUIRED = List.of("timestamp", "duration", "emissions", "energy_consumed");

    /** The catalog that tells where glued digits split; loaded only when a device list needs it. */
    private static final class Catalog {
        static final AcceleratorCatalog BUNDLED = AcceleratorCatalog.bundled();
    }

    @Override public String format() { return "codecarbon-csv"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        int nl = head.indexOf('\n');
        if (nl < 0) return false;
        List<String> cols = java.util.Arrays.stream(head.substring(0, nl).strip().split(",")).map(String::strip).toList();
        return cols.containsAll(REQUIRED) && (cols.contains("run_id") || cols.contains("project_name"));
    }

    /** What is kept of a run's last row. */
    private record Row(long line, Energy energy, Optional<Mass> co2, Optional<Hours> duration, Optional<Instant> start,
                       boolean pueApplied, List<Hardware.Part> devices, Optional<String> runId, Optional<String> task,
                       Optional<LoggedPlace> place) {}

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, Row> runs = new LinkedHashMap<>();
        Map<String, Integer> header = null;
        CpuInfo cpu = null; // the first run's CPU: a file is one machine's, as an experiment has one hardware row
        try (Reader in = source.reader();
             CSVParser csv = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(in)) {
            long previousEnd = 0;
            for (CSVRecord r : csv) {
                long line = previousEnd + 1;
                previousEnd = csv.getCurrentLineNumber();
                if (header == null || isHeader(r)) {
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
                Row row = row(r, header, line, file, sink, source.traceSettings().zone());
                if (row == null) continue;
                if (cpu == null) cpu = cpu(r, header);
                String run = row.runId().orElse("line " + line);
                runs.put(row.task().map(t -> run + "\u0000" + t).orElse(run), row);
            }
        } catch (UncheckedIOException e) {
            // Commons CSV wraps malformed quoting in an unchecked exception
            throw new InputException(0, "not readable as CSV: " + e.getCause().getMessage());
        }
        if (header == null) throw new InputException(0, "empty file: expected a CodeCarbon emissions.csv header");
        if (runs.isEmpty()) sink.problem(Problem.warning(file, 0, "CodeCarbon header but no emission rows"));
        for (Row row : runs.values()) {
            sink.accept(new ToolEnergyReport("codecarbon", row.energy(), row.co2(), row.duration(), row.start(), row.pueApplied(),
                    Optional.empty(), Optional.empty(), row.runId(), null, row.devices(), row.place()));
        }
        if (cpu != null) sink.accept(cpu);
    }

    /** {@code cpu_model} and {@code cpu_count} of a row, or null when it names neither (a count that is no whole number is left out). */
    private static CpuInfo cpu(CSVRecord r, Map<String, Integer> h) {
        Optional<String> model = text(r, h, "cpu_model");
        Optional<Integer> cores = Optional.empty();
        try {
            Optional<Double> n = text(r, h, "cpu_count").map(Double::parseDouble);
            if (n.isPresent() && n.get() >= 1 && n.get() < 1e6 && n.get() == Math.rint(n.get())) cores = Optional.of(n.get().intValue());
        } catch (NumberFormatException e) {
            // not a count; the model, if any, still names the CPU
        }
        return model.isEmpty() && cores.isEmpty() ? null : new CpuInfo("codecarbon", model, cores);
    }

    /** A header line repeated inside the file: it names every required column. */
    private static boolean isHeader(CSVRecord r) {
        if (r.size() < REQUIRED.size()) return false;
        List<String> cells = new java.util.ArrayList<>(r.size());
        for (String c : r) cells.add(c.strip());
        return cells.containsAll(REQUIRED);
    }

    private static Map<String, Integer> columns(CSVRecord r) {
        Map<String, Integer> h = new HashMap<>();
        for (int i = 0; i < r.size(); i++) h.putIfAbsent(r.get(i).strip(), i);
        return h;
    }

    private static Row row(CSVRecord r, Map<String, Integer> h, long line, String file, FindingSink sink, java.time.ZoneId zone) {
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
        Optional<Instant> stamp = text(r, h, "timestamp").flatMap(t -> LocalTimestamp.parse(t, zone));
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

        List<Hardware.Part> devices = devices(r, h, line, file, sink);
        return new Row(line, Energy.ofKilowattHours(energy.get()),
                number(r, h, "emissions", line, file, sink).filter(x -> x >= 0).map(Mass::ofKilograms),
                duration.map(Hours::ofSeconds), start, pueApplied, devices, runId(r, h), text(r, h, "task_name"), place(r, h));
    }

    /**
     * Where the row says the run took place: {@code country_iso_code} (else {@code country_name}) and
     * {@code region}, which CodeCarbon fills from the machine's public address or from the country it
     * was given, and {@code cloud_provider} with {@code cloud_region}, filled on a cloud it recognised.
     * Empty when it names neither a country nor a cloud region.
     */
    private static Optional<LoggedPlace> place(CSVRecord r, Map<String, Integer> h) {
        Optional<String> country = text(r, h, "country_iso_code").or(() -> text(r, h, "country_name"));
        Optional<String> provider = text(r, h, "cloud_provider");
        Optional<String> cloudRegion = text(r, h, "cloud_region");
        if (country.isEmpty() && (provider.isEmpty() || cloudRegion.isEmpty())) return Optional.empty();
        return Optional.of(new LoggedPlace("codecarbon", country, text(r, h, "region"), provider, cloudRegion));
    }

    /**
     * The run a row belongs to: {@code run_id}; in the 1.x header, which has no {@code run_id},
     * {@code experiment_id} was the tracker's own id (from 2.x on it names a dashboard experiment
     * that many runs share, and is not used).
     */
    private static Optional<String> runId(CSVRecord r, Map<String, Integer> h) {
        return h.containsKey("run_id") ? text(r, h, "run_id") : text(r, h, "experiment_id");
    }

    /**
     * The GPUs of a row: {@code gpu_model}'s device list; a bare name without {@code N x} counts
     * {@code gpu_count} devices. A count that disagrees with the list is noted and the list kept
     * (it names each device; {@code gpu_count} is a number CodeCarbon derived from it).
     */
    private static List<Hardware.Part> devices(CSVRecord r, Map<String, Integer> h, long line, String file, FindingSink sink) {
        Optional<String> model = text(r, h, "gpu_model");
        if (model.isEmpty()) return List.of();
        Optional<Integer> count = number(r, h, "gpu_count", line, file, sink).filter(n -> n >= 1).map(Double::intValue);
        boolean listed = model.get().matches("(?s)\\s*\\d+\\s*[xX\u00d7]\\s+.*");
        List<DeviceCount> parsed = listed ? Catalog.BUNDLED.parseDeviceList(model.get()) : List.of(new DeviceCount(1, model.get().strip()));
        List<Hardware.Part> parts = new java.util.ArrayList<>();
        for (DeviceCount d : parsed) parts.add(new Hardware.Part(d.name(), listed ? d.count() : count.orElse(1)));
        int total = parts.stream().mapToInt(Hardware.Part::count).sum();
        if (listed && count.isPresent() && count.get() != total)
            sink.problem(Problem.note(file, line, "gpu_count says " + count.get() + " but gpu_model lists " + total
                    + " (" + model.get() + "); the list is used"));
        return parts;
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
