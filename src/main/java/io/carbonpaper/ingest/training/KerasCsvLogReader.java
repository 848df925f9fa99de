package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a Keras {@code CSVLogger} file ({@code training_log.csv} style): a header
 * {@code epoch,<metric names sorted>} and one row per epoch. Written by Python's csv module, so
 * lines end in CRLF; a stopped last epoch may hold {@code NA} or empty cells; with
 * {@code append=True} later sessions follow without a new header and the epoch counter restarts
 * at 0. The final metrics are each column's last value in the last session (an {@code NA} cell
 * keeps the session's previous value). CSVLogger writes no times; a hand-written log of the same
 * shape often adds each epoch's duration ({@code epoch_time_sec}, {@code epoch_duration},
 * {@code time_per_epoch_ms}): their sum over every row is the run time, at least (start-up and
 * anything between epochs is not in it), so a power trace of the same run that spans longer wins.
 */
public final class KerasCsvLogReader implements LogReader {
    public static final String FORMAT = "keras-csvlogger";
    private static final Pattern HEADER = Pattern.compile("epoch(,[A-Za-z_][\\w./-]*)+");
    private static final int MAX_WARNINGS = 20;
    /** A column of each epoch's duration, in seconds unless it says {@code ms}. */
    private static final Pattern EPOCH_TIME = Pattern.compile(
            "(?i)(?:epoch_?(?:time|duration|seconds|secs)|(?:time|duration|seconds)_?per_?epoch)(?:_?(sec|secs|seconds|s|ms))?");

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        String[] lines = source.headText().split("\r?\n", 3);
        return lines.length >= 2 && HEADER.matcher(lines[0]).matches() && lines[1].matches("\\d+,.*");
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        try (BufferedReader r = source.reader()) {
            String header = r.readLine();
            if (header == null || !HEADER.matcher(header.strip()).matches())
                throw new InputException(1, "expected a header 'epoch,<metric>,...' as Keras CSVLogger writes it");
            String[] columns = header.strip().split(",");
            int timeColumn = -1;
            for (int c = 1; c < columns.length && timeColumn < 0; c++) if (EPOCH_TIME.matcher(columns[c]).matches()) timeColumn = c;
            double timeScale = timeColumn >= 0 && columns[timeColumn].toLowerCase(java.util.Locale.ROOT).endsWith("ms") ? 1e-3 : 1.0;
            double seconds = 0;
            long timed = 0;
            double[] last = new double[columns.length];
            Arrays.fill(last, Double.NaN);
            long lineNo = 1, rows = 0, previousEpoch = -1, warnings = 0;
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != columns.length) {
                    if (warnings++ < MAX_WARNINGS) sink.problem(Problem.warning(source.name(), lineNo,
                            "expected " + columns.length + " cells (" + header.strip() + "), found " + cells.length + "; row skipped"));
                    continue;
                }
                long epoch;
                try {
                    epoch = Long.parseLong(cells[0].strip());
                } catch (NumberFormatException e) {
                    if (warnings++ < MAX_WARNINGS) sink.problem(Problem.warning(source.name(), lineNo, "epoch '" + cells[0] + "' is not a whole number; row skipped"));
                    continue;
                }
                if (epoch <= previousEpoch) {
                    Arrays.fill(last, Double.NaN);
                    sink.problem(Problem.note(source.name(), lineNo, "epoch counter restarts at " + epoch
                            + ": a later training session was appended; final metrics are the last session's"));
                }
                previousEpoch = epoch;
                rows++;
                for (int c = 1; c < columns.length; c++) {
                    String v = cells[c].strip();
                    if (v.isEmpty() || v.equals("NA") || v.equalsIgnoreCase("nan")) continue;
                    try {
                        last[c] = Double.parseDouble(v);
                        if (c == timeColumn && last[c] >= 0 && Double.isFinite(last[c])) {
                            seconds += last[c] * timeScale;
                            timed++;
                        }
                    } catch (NumberFormatException e) {
                        if (warnings++ < MAX_WARNINGS) sink.problem(Problem.warning(source.name(), lineNo, "'" + columns[c] + "' value '" + v + "' is not a number"));
                    }
                }
            }
            if (warnings > MAX_WARNINGS) sink.problem(Problem.warning(source.name(), 0, warnings + " malformed rows or cells in all"));
            if (rows == 0) throw new InputException(0, "no epoch rows after the header");
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int c = 1; c < columns.length; c++) if (!Double.isNaN(last[c])) metrics.put(columns[c], last[c]);
            Optional<io.carbonpaper.unit.Hours> runtime = timed > 0 && seconds > 0 ? Optional.of(io.carbonpaper.unit.Hours.ofSeconds(seconds)) : Optional.empty();
            String why = runtime.isPresent() ? "sum of " + columns[timeColumn] + " over " + timed + " epochs" : "";
            sink.accept(new TrainingLog(FORMAT, Optional.empty(), Optional.empty(), runtime, why, metrics, Map.of(), null, runtime.isPresent()));
        }
    }
}
