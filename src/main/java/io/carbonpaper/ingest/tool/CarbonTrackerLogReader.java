package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LocalTimestamp;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads carbontracker's {@code *_carbontracker.log} and {@code *_carbontracker_output.log} (and a
 * console capture of the same messages). The figures are in multi-line blocks:
 * <pre>
 * 2022-11-14 15:43:37 - CarbonTracker:
 * Actual consumption for 1 epoch(s):
 * 	Time:	0:00:53
 * 	Energy:	0.003504 kWh
 * 	CO2eq:	0.357451 g
 * </pre>
 * "Actual" blocks are cumulative, so the last one wins; a "Predicted consumption" block is an
 * extrapolation and is used only when the file has no actual block (with a warning saying so). Time is {@code H:MM:SS} with unbounded hours and optional
 * centiseconds. carbontracker multiplies actual and predicted energy by its PUE, so
 * {@code pueApplied} is true. GPU names come from the "components were found" line.
 *
 * <p>The standard log ({@code *_carbontracker.log}, no {@code CarbonTracker:} prefix, opening with
 * the version and PUE lines) is recognised too; it holds no consumption block, so it only gives a
 * note. A log without any consumption block and without an {@code Epoch N:} line is a run that
 * ended before its first epoch: a note that says so, not an error.
 */
public final class CarbonTrackerLogReader implements LogReader {
    private static final Pattern BLOCK = Pattern.compile("^\\s*(Actual|Predicted) consumption for (\\d+) epoch\\(s\\):\\s*$");
    private static final Pattern FIELD = Pattern.compile("^\\s*(Time|Energy|CO2eq):\\s*(.*?)\\s*$");
    private static final Pattern STAMP = Pattern.compile("^\\s*(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:,\\d+)?) - ");
    private static final Pattern HMS = Pattern.compile("^(?:(\\d+) days?, )?(\\d+):(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)$");
    private static final Pattern NUMBER_UNIT = Pattern.compile("^([-+0-9.eE]+)\\s*(kWh|g|kg)$");
    private static final String GPUS = "GPU with device(s) ";

    @Override public String format() { return "carbontracker-log"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        String name = source.fileName();
        boolean named = name.endsWith("_carbontracker.log") || name.endsWith("_carbontracker_output.log");
        if (head.contains("CarbonTracker:") && (named || head.contains(" consumption for ")
                || head.contains("The following components were found"))) return true;
        // The standard log ({@code *_carbontracker.log}) has no 'CarbonTracker:' prefix; it opens with the version and PUE lines.
        return STD_OPENING.matcher(head).find();
    }

    /** The opening lines of carbontracker's standard log. */
    private static final Pattern STD_OPENING = Pattern.compile(
            "(?m)^\\s*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:,\\d+)? - (?:carbontracker version |Only predicted and actual consumptions are multiplied by a PUE)");
    private static final Pattern EPOCH_LINE = Pattern.compile("^\\s*(?:\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:,\\d+)? - )?Epoch (\\d+):\\s*$");

    /** A consumption block being read or complete. */
    private static final class Block {
        final long line;
        final boolean actual;
        Optional<Hours> time = Optional.empty();
        Optional<Energy> energy = Optional.empty();
        Optional<Mass> co2 = Optional.empty();
        int fields;

        Block(long line, boolean actual) {
            this.line = line;
            this.actual = actual;
        }
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Block actual = null, predicted = null, open = null;
        Optional<Instant> first = Optional.empty();
        Optional<String> gpu = Optional.empty();
        Optional<Integer> gpuCount = Optional.empty();
        boolean sawTracker = false;
        int epochs = 0;
        long n = 0;
        try (BufferedReader in = source.reader()) {
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.contains("CarbonTracker") || STD_OPENING.matcher(line).find()) sawTracker = true;
                if (EPOCH_LINE.matcher(line).matches()) epochs++;
                Matcher st = STAMP.matcher(line);
                if (st.find() && first.isEmpty()) first = LocalTimestamp.parse(st.group(1));
                int g = line.indexOf(GPUS);
                if (g >= 0 && gpu.isEmpty()) {
                    String list = line.substring(g + GPUS.length());
                    int end = list.indexOf(". CPU with");
                    if (end < 0) end = list.endsWith(".") ? list.length() - 1 : list.length();
                    String[] names = list.substring(0, end).split(",\\s*");
                    if (names.length > 0 && !names[0].isBlank()) {
                        gpu = Optional.of(names[0].strip());
                        gpuCount = Optional.of(names.length);
                    }
                }
                Matcher b = BLOCK.matcher(line);
                if (b.find()) {
                    close(open, file, sink);
                    open = new Block(n, b.group(1).equals("Actual"));
                    if (open.actual) actual = open; else predicted = open;
                    continue;
                }
                if (open == null) continue;
                Matcher f = FIELD.matcher(line);
                if (!f.find()) continue;
                String value = f.group(2);
                switch (f.group(1)) {
                    case "Time" -> {
                        open.time = duration(value);
                        if (open.time.isEmpty()) sink.problem(Problem.error(file, n, "expected Time as H:MM:SS, found '" + value + "'"));
                    }
                    case "Energy" -> {
                        Optional<Double> kwh = amount(value, "kWh");
                        if (kwh.isEmpty()) sink.problem(Problem.error(file, n, "expected Energy as '<number> kWh', found '" + value + "'"));
                        open.energy = kwh.map(Energy::ofKilowattHours);
                    }
                    default -> {
                        Optional<Double> grams = amount(value, "g");
                        if (grams.isEmpty()) sink.problem(Problem.warning(file, n, "expected CO2eq as '<number> g', found '" + value + "'"));
                        open.co2 = grams.map(Mass::ofGrams);
                    }
                }
                open.fields++;
                if (open.fields == 3) open = null;
            }
        }
        close(open, file, sink);
        if (n == 0) throw new InputException(0, "empty file: expected carbontracker log lines");
        if (!sawTracker) throw new InputException(0, "no 'CarbonTracker:' line: not a carbontracker log");
        Block use = actual != null && actual.energy.isPresent() ? actual : predicted;
        if (use == null || use.energy.isEmpty()) {
            int count = gpuCount.orElse(1);
            String found = gpu.map(g -> " (it found " + g + (count > 1 ? " x" + count : "") + ")").orElse("");
            if (epochs == 0 && actual == null && predicted == null) {
                // A run that died (or was stopped) before its first epoch ended: carbontracker measured nothing worth reporting.
                sink.problem(Problem.note(file, n, "carbontracker started" + found + " but the run ended before its first epoch: "
                        + "no consumption was recorded, so this log adds no energy"));
            } else if (actual == null && predicted == null) {
                // The standard log lists epochs; carbontracker writes their consumption to the *_carbontracker_output.log.
                sink.problem(Problem.note(file, n, "carbontracker's standard log (" + epochs + " epoch" + (epochs == 1 ? "" : "s")
                        + "): its consumption is in the *_carbontracker_output.log written beside it, which this folder should hold"));
            } else {
                sink.problem(Problem.warning(file, 0, "no complete 'Actual consumption' or 'Predicted consumption' block (interrupted before the first epoch ended?)"));
            }
            return;
        }
        if (!use.actual) sink.problem(Problem.warning(file, use.line, "no actual consumption; using carbontracker's PREDICTED consumption"));
        sink.accept(new ToolEnergyReport("carbontracker", use.energy.get(), use.co2, use.time, first, true, gpu,
                gpu.isPresent() ? gpuCount : Optional.empty(), Optional.empty()));
    }

    private static void close(Block b, String file, FindingSink sink) {
        if (b != null && b.fields < 3)
            sink.problem(Problem.warning(file, b.line, "consumption block ends early: expected Time, Energy and CO2eq lines"));
    }

    private static Optional<Double> amount(String value, String unit) {
        Matcher m = NUMBER_UNIT.matcher(value);
        if (!m.matches()) return Optional.empty();
        try {
            double d = Double.parseDouble(m.group(1));
            if (!Double.isFinite(d) || d < 0) return Optional.empty();
            if (unit.equals("g") && m.group(2).equals("kg")) d *= 1000;
            else if (!m.group(2).equals(unit)) return Optional.empty();
            return Optional.of(d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code H:MM:SS[.cc]} with unbounded hours, or Python's {@code N days, H:MM:SS}. */
    static Optional<Hours> duration(String text) {
        Matcher m = HMS.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        double days = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        double s = days * 86400 + Double.parseDouble(m.group(2)) * 3600.0 + Integer.parseInt(m.group(3)) * 60.0 + Double.parseDouble(m.group(4));
        return Optional.of(Hours.ofSeconds(s));
    }
}
