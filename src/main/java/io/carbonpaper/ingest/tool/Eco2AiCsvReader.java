package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.LocalTimestamp;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.LoggedPlace;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Eco2AI's CSV log ({@code emission.csv} by default). Columns, found by name: {@code id}
 * (newer versions), {@code project_name}, {@code experiment_description}, {@code epoch},
 * {@code start_time} ({@code %Y-%m-%d %H:%M:%S}, local, read as UTC), {@code duration(s)},
 * {@code power_consumption(kWh)}, {@code CO2_emissions(kg)}, {@code CPU_name}, {@code GPU_name}
 * ({@code <name> <n> device(s)}), {@code OS}, {@code region/country}, {@code cost}.
 *
 * <p>Eco2AI rewrites the row of a running tracker in place (same {@code id}), so where an
 * {@code id} column exists the last row of an id wins; every other row is one measured run and
 * they add up downstream. In training mode ({@code start_training}, {@code new_epoch}) Eco2AI
 * keeps one id for the whole training and inserts a row per epoch after the id's last one, each
 * with that epoch's own energy and duration (the tracker's consumption and start time are reset
 * at every {@code new_epoch}; sb-ai-lab/Eco2AI emission_track.py, 2022-09 to 2025): rows of an id
 * whose {@code epoch} cells differ are epochs, and each counts. Eco2AI's optional PUE factor is not
 * recorded in the file, so {@code pueApplied} is false. {@code region/country} is the run's
 * {@link LoggedPlace} ({@link #place}).
 *
 * <p>Eco2AI before its rename of 2022-08-31 wrote the energy column as {@code power_consumption(kWTh)};
 * before 2022-08-09 it wrote a tab-separated file headed {@code project_name, experiment_description(model
 * type etc.), start_time, duration(s), power_consumption(kWTh), CO2_emissions(kg), CPU_name, GPU_name, OS,
 * country} (sb-ai-lab/Eco2AI emission_track.py at those dates). Both are read: the old names stand for the
 * new ones ({@link #ALIASES}) and a header line with tabs is split on tabs.
 */
public final class Eco2AiCsvReader implements LogReader {
    private static final List<String> REQUIRED = List.of("start_time", "duration(s)", "power_consumption(kWh)", "CO2_emissions(kg)");
    /** Column names of Eco2AI's 2022 versions, by the name they have had since. */
    private static final Map<String, String> ALIASES = Map.of("power_consumption(kWTh)", "power_consumption(kWh)",
            "experiment_description(model type etc.)", "experiment_description", "country", "region/country");

    private static String column(String header) {
        String h = header.strip();
        return ALIASES.getOrDefault(h, h);
    }

    /** Eco2AI wrote tabs until 2022-08-09, commas since. */
    private static char delimiter(String headerLine) {
        return headerLine.indexOf('\t') >= 0 ? '\t' : ',';
    }
    private static final Pattern GPU = Pattern.compile("^(.*?)\\s*(\\d+) device\\(s\\)\\s*$");

    @Override public String format() { return "eco2ai-csv"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        int nl = head.indexOf('\n');
        if (nl <= 0) return false;
        String first = head.substring(0, nl).strip();
        return java.util.Arrays.stream(first.split(delimiter(first) == '\t' ? "\t" : ",")).map(Eco2AiCsvReader::column).toList()
                .containsAll(REQUIRED);
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, ToolEnergyReport> runs = new LinkedHashMap<>();
        Map<String, Integer> h = null;
        String head = source.headText();
        int nl = head.indexOf('\n');
        char delimiter = delimiter(nl < 0 ? head : head.substring(0, nl));
        try (Reader in = source.reader(); CSVParser csv = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get().parse(in)) {
            long previousEnd = 0;
            for (CSVRecord r : csv) {
                long line = previousEnd + 1;
                previousEnd = csv.getCurrentLineNumber();
                if (h == null) {
                    h = new HashMap<>();
                    for (int i = 0; i < r.size(); i++) h.putIfAbsent(column(r.get(i)), i);
                    if (!h.keySet().containsAll(REQUIRED)) throw new InputException(line, "expected an Eco2AI header naming " + REQUIRED);
                    continue;
                }
                if (r.size() != h.size()) {
                    sink.problem(Problem.error(file, line, "expected " + h.size() + " fields, found " + r.size() + "; row skipped"));
                    continue;
                }
                Optional<Double> kwh = number(r, h, "power_consumption(kWh)");
                if (kwh.isEmpty() || kwh.get() < 0) {
                    sink.problem(Problem.error(file, line, "expected power_consumption(kWh) as a number >= 0, found '"
                            + text(r, h, "power_consumption(kWh)").orElse("") + "'; row skipped"));
                    continue;
                }
                Optional<Double> seconds = number(r, h, "duration(s)").filter(s -> s >= 0);
                Optional<String> accelerator = Optional.empty();
                Optional<Integer> count = Optional.empty();
                Matcher g = GPU.matcher(text(r, h, "GPU_name").orElse(""));
                if (g.matches() && !g.group(1).isBlank() && g.group(2).length() <= 6 && Integer.parseInt(g.group(2)) > 0) { // a million devices is no count
                    accelerator = Optional.of(g.group(1).strip());
                    count = Optional.of(Integer.parseInt(g.group(2)));
                }
                Map<String, Integer> cols = h;
                Optional<String> id = text(r, h, "id");
                ToolEnergyReport report = new ToolEnergyReport("eco2ai", Energy.ofKilowattHours(kwh.get()),
                        number(r, h, "CO2_emissions(kg)").filter(x -> x >= 0).map(Mass::ofKilograms), seconds.map(Hours::ofSeconds),
                        text(r, h, "start_time").flatMap(t -> LocalTimestamp.parse(t, source.traceSettings().zone())), false, accelerator, count,
                        id.or(() -> text(r, cols, "experiment_description")), null,
                        accelerator.isPresent() ? List.of(new Hardware.Part(accelerator.get(), count.orElse(1))) : List.of(),
                        text(r, h, "region/country").flatMap(Eco2AiCsvReader::place));
                runs.put(id.map(i -> i + '\u0000' + text(r, cols, "epoch").orElse("")).orElse("line " + line), report);
            }
        } catch (UncheckedIOException e) {
            throw new InputException(0, "not readable as CSV: " + e.getCause().getMessage());
        }
        if (h == null) throw new InputException(0, "empty file: expected an Eco2AI CSV header");
        if (runs.isEmpty()) sink.problem(Problem.warning(file, 0, "Eco2AI header but no rows"));
        runs.values().forEach(sink::accept);
    }

    /**
     * The place of a {@code region/country} cell, which Eco2AI writes as {@code <alpha-2 code>/<region>}
     * ({@code US/California}, from ipinfo.io's country and region, or the code and region it was given),
     * the code alone, or either in parentheses where the user gave an emission level ({@code (DE)}).
     * A region {@code None} is none; a cell whose first part is no two-letter code names no place.
     */
    static Optional<LoggedPlace> place(String cell) {
        String s = cell.strip();
        if (s.startsWith("(") && s.endsWith(")")) s = s.substring(1, s.length() - 1).strip();
        int slash = s.indexOf('/');
        String code = (slash < 0 ? s : s.substring(0, slash)).strip();
        if (!code.matches("[A-Za-z]{2}")) return Optional.empty();
        Optional<String> region = slash < 0 ? Optional.empty() : Optional.of(s.substring(slash + 1).strip())
                .filter(x -> !x.isEmpty() && !x.equals("None"));
        return Optional.of(new LoggedPlace("eco2ai", Optional.of(code.toUpperCase(java.util.Locale.ROOT)), region, Optional.empty(), Optional.empty()));
    }

    private static Optional<String> text(CSVRecord r, Map<String, Integer> h, String column) {
        Integer i = h.get(column);
        if (i == null || i >= r.size()) return Optional.empty();
        String v = r.get(i).strip();
        return v.isEmpty() || v.equals("N/A") ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Double> number(CSVRecord r, Map<String, Integer> h, String column) {
        try {
            return text(r, h, column).map(Double::parseDouble).filter(Double::isFinite);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
