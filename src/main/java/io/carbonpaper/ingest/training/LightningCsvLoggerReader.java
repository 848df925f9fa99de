package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads PyTorch Lightning's CSVLogger {@code metrics.csv}. The header is the union of every
 * logged key (sorted in recent versions; keys may contain {@code /} and {@code -}); rows are
 * sparse, each filling only the keys logged at that step. The final value of a metric is its
 * last non-empty cell. The file has no timestamps, so the log gives no runtime.
 *
 * <p>Recognised by content: a header with {@code epoch} and {@code step} columns whose first data
 * row holds only numbers and empty cells.
 */
public final class LightningCsvLoggerReader implements LogReader {
    @Override public String format() { return "lightning-csv"; }

    @Override public boolean sniff(InputSource source) {
        List<String> lines = source.headText().lines().limit(3).toList();
        if (lines.size() < 2) return false;
        List<String> header = List.of(lines.get(0).strip().split(",", -1));
        if (!header.contains("epoch") || !header.contains("step")) return false;
        String[] row = lines.get(1).strip().split(",", -1);
        if (row.length != header.size()) return false;
        for (String cell : row) if (!cell.isBlank() && parse(cell).isEmpty()) return false;
        return true;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, String> progress = new TreeMap<>();
        List<String> header = null;
        long rows = 0;
        try (Reader in = source.reader(); CSVParser csv = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(in)) {
            long previousEnd = 0;
            for (CSVRecord r : csv) {
                long line = previousEnd + 1;
                previousEnd = csv.getCurrentLineNumber();
                if (header == null) {
                    header = new ArrayList<>();
                    for (String h : r) header.add(h.strip());
                    if (!header.contains("step")) throw new InputException(line, "expected a CSVLogger header with a 'step' column");
                    continue;
                }
                if (r.size() != header.size()) {
                    sink.problem(Problem.error(file, line, "expected " + header.size() + " fields, found " + r.size() + "; row skipped"));
                    continue;
                }
                rows++;
                for (int i = 0; i < r.size(); i++) {
                    String cell = r.get(i).strip();
                    if (cell.isEmpty()) continue;
                    Optional<Double> v = parse(cell);
                    String key = header.get(i);
                    if (v.isEmpty()) {
                        sink.problem(Problem.warning(file, line, "expected a number for '" + key + "', found '" + cell + "'"));
                    } else if (key.equals("epoch") || key.equals("step")) {
                        progress.put(key, cell);
                    } else {
                        metrics.put(key, v.get());
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw new InputException(0, "not readable as CSV: " + e.getCause().getMessage());
        }
        if (header == null) throw new InputException(0, "empty file: expected a CSVLogger header");
        if (rows == 0) {
            sink.problem(Problem.warning(file, 0, "CSVLogger header but no metric rows"));
            return;
        }
        sink.accept(new TrainingLog(format(), Optional.empty(), Optional.empty(), Optional.empty(),
                "no timestamps in metrics.csv", metrics, progress));
    }

    private static Optional<Double> parse(String cell) {
        try {
            double d = Double.parseDouble(cell.strip());
            return Double.isNaN(d) && !cell.strip().equalsIgnoreCase("nan") ? Optional.empty() : Optional.of(d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
