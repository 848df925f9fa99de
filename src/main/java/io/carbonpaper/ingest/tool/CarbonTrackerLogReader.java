package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LocalTimestamp;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.LoggedPlace;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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
 * {@code pueApplied} is true. GPU names come from the "components were found" line, and the run's
 * {@link LoggedPlace} from the first line that names the detected location (or the country of its
 * fallback intensity).
 *
 * <p>The standard log ({@code *_carbontracker.log}, no {@code CarbonTracker:} prefix, opening with
 * the version and PUE lines) is recognised too. It holds no consumption block: with the output log
 * beside it, it gives only a note; alone, its {@code Epoch N:} sections (Duration, average power of
 * each component) give the energy, times the PUE it states, with a note. A log without any consumption block and without an {@code Epoch N:} line is a run that
 * ended before its first epoch: a note that says so, not an error.
 */
public final class CarbonTrackerLogReader implements LogReader {
    /**
     * A block's heading: {@code Actual consumption for 3 epoch(s):}, or {@code Actual consumption:} as the
     * command-line tool (carbontracker since September 2023, no epochs) writes it; a comment after it (pasted logs annotated
     * by hand: {@code # these are for 4 epochs}) is kept for a note.
     */
    private static final Pattern BLOCK = Pattern.compile("^\\s*(Actual|Predicted) consumption(?: for (\\d+) epoch\\(s\\))?:\\s*(?:#\\s*(.*?)\\s*)?$");
    private static final Pattern FIELD = Pattern.compile("^\\s*(Time|Energy|CO2eq):\\s*(.*?)\\s*$");
    private static final Pattern STAMP = Pattern.compile("^\\s*(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:,\\d+)?) - ");
    private static final Pattern HMS = Pattern.compile("^(?:(\\d+) days?, )?(\\d+):(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)$");
    private static final Pattern NUMBER_UNIT = Pattern.compile("^([-+0-9.eE]+)\\s*(kWh|g|kg)$");
    private static final String GPUS = "GPU with device(s) ";
    /**
     * Where carbontracker placed the run (geocoder's address of the machine's public IP: city, region,
     * ISO 3166 alpha-2 country): {@code ... at detected location: Copenhagen, Capital Region, DK.}, also
     * without the colon ({@code fetched every 900 s at detected location Copenhagen, Capital Region, DK:}).
     */
    private static final Pattern LOCATION = Pattern.compile("at detected location:? (?:(.+?), )?([A-Z]{2})(?=[.:]|\\s*$)");
    /** The country of its fallback figure, when it could not fetch a live one: {@code Defaulted to average carbon intensity for DK in 2019}. */
    private static final Pattern DEFAULTED = Pattern.compile("Defaulted to average carbon intensity for ([A-Z]{2}) in ");

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
    private static final Pattern DURATION_LINE = Pattern.compile("^\\s*(?:\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:,\\d+)? - )?Duration:\\s*(\\S+)\\s*$");
    private static final Pattern POWER_LINE = Pattern.compile("Average power usage \\(W\\) for (\\w+):\\s*([-+0-9.eE]+)\\s*$");
    private static final Pattern PUE_LINE = Pattern.compile("multiplied by a PUE coefficient of ([0-9]+(?:\\.[0-9]+)?)");
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
        double epochSeconds = 0, joules = 0; // from the standard log's Epoch sections
        Optional<Double> current = Optional.empty(), pue = Optional.empty();
        Optional<LoggedPlace> place = Optional.empty();
        long n = 0;
        try (BufferedReader in = source.reader()) {
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.contains("CarbonTracker") || STD_OPENING.matcher(line).find()) sawTracker = true;
                if (EPOCH_LINE.matcher(line).matches()) {
                    epochs++;
                    current = Optional.empty();
                }
                Matcher du = DURATION_LINE.matcher(line);
                if (du.matches()) {
                    current = duration(du.group(1)).map(Hours::seconds);
                    if (current.isPresent()) epochSeconds += current.get();
                    else sink.problem(Problem.warning(file, n, "expected Duration as H:MM:SS, found '" + du.group(1) + "'"));
                }
                Matcher pw = POWER_LINE.matcher(line);
                if (pw.find() && current.isPresent()) {
                    try {
                        double w = Double.parseDouble(pw.group(2));
                        if (Double.isFinite(w) && w >= 0) joules += w * current.get();
                    } catch (NumberFormatException e) {
                        sink.problem(Problem.warning(file, n, "expected an average power in watts, found '" + pw.group(2) + "'"));
                    }
                }
                if (place.isEmpty() && (line.contains(" location") || line.contains("Defaulted to average"))) place = place(line);
                Matcher pl = PUE_LINE.matcher(line);
                if (pl.find() && pue.isEmpty()) pue = Optional.of(Double.parseDouble(pl.group(1)));
                Matcher st = STAMP.matcher(line);
                if (st.find() && first.isEmpty()) first = LocalTimestamp.parse(st.group(1), source.traceSettings().zone());
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
                    if (b.group(3) != null && !b.group(3).isEmpty())
                        sink.problem(Problem.note(file, n, "a comment after the '" + b.group(1) + " consumption' heading, kept as written: '"
                                + (b.group(3).length() > 120 ? b.group(3).substring(0, 120) + "..." : b.group(3)) + "'"));
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
            } else if (actual == null && predicted == null && (outputLogBeside(source) || joules <= 0)) {
                // The standard log lists epochs; carbontracker writes their consumption to the *_carbontracker_output.log.
                sink.problem(Problem.note(file, n, "carbontracker's standard log (" + epochs + " epoch" + (epochs == 1 ? "" : "s")
                        + "): its consumption is in the *_carbontracker_output.log written beside it"));
            } else if (actual == null && predicted == null) {
                // No output log beside it: the epochs' durations and average powers still give the energy, as carbontracker
                // computes it (power x time per epoch, times its PUE).
                double factor = pue.orElse(1.0);
                String e = epochs + " epoch" + (epochs == 1 ? "" : "s");
                sink.problem(Problem.note(file, n, "no *_carbontracker_output.log beside this standard log: energy from its " + e
                        + " (Duration x average power of each component)" + (pue.isPresent() ? " x its PUE " + pue.get() : ", without PUE (none stated)")));
                sink.accept(new ToolEnergyReport("carbontracker", Energy.ofJoules(joules * factor), Optional.empty(),
                        Optional.of(Hours.ofSeconds(epochSeconds)), first, pue.isPresent(), gpu, gpuCount, Optional.empty(), null,
                        devices(gpu, gpuCount), place));
            } else {
                sink.problem(Problem.warning(file, 0, "no complete 'Actual consumption' or 'Predicted consumption' block (interrupted before the first epoch ended?)"));
            }
            return;
        }
        if (!use.actual) sink.problem(Problem.warning(file, use.line, "no actual consumption; using carbontracker's PREDICTED consumption"));
        sink.accept(new ToolEnergyReport("carbontracker", use.energy.get(), use.co2, use.time, first, true, gpu, gpuCount,
                Optional.empty(), null, devices(gpu, gpuCount), place));
    }

    /** The GPUs of the components line as one kind of device, none when it names none. */
    private static List<Hardware.Part> devices(Optional<String> gpu, Optional<Integer> count) {
        return gpu.isPresent() ? List.of(new Hardware.Part(gpu.get(), count.orElse(1))) : List.of();
    }

    /**
     * The place of a {@link #LOCATION} line: the country code, and the region before it where the
     * address has a city too ({@code Mountain View, California, US}); else the country of a
     * {@link #DEFAULTED} figure; empty for {@code Unknown} and {@code UNDETECTED} (no country code).
     */
    static Optional<LoggedPlace> place(String line) {
        Matcher m = LOCATION.matcher(line);
        if (!m.find()) {
            Matcher d = DEFAULTED.matcher(line);
            return d.find() ? Optional.of(new LoggedPlace("carbontracker", Optional.of(d.group(1)), Optional.empty(), Optional.empty(), Optional.empty()))
                    : Optional.empty();
        }
        Optional<String> region = Optional.empty();
        if (m.group(1) != null) {
            String[] parts = m.group(1).split(",\\s*");
            if (parts.length >= 2) region = Optional.of(parts[parts.length - 1]);
        }
        return Optional.of(new LoggedPlace("carbontracker", Optional.of(m.group(2)), region, Optional.empty(), Optional.empty()));
    }

    /** Whether the output log of the same tracker ({@code ..._carbontracker_output.log}) lies beside this standard log. */
    private static boolean outputLogBeside(InputSource source) {
        String name = source.fileName();
        String stem = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (!stem.endsWith("_carbontracker.log")) return false;
        String output = stem.substring(0, stem.length() - ".log".length()) + "_output.log";
        java.nio.file.Path dir = source.path().toAbsolutePath().getParent();
        return dir != null && (java.nio.file.Files.isRegularFile(dir.resolve(output)) || java.nio.file.Files.isRegularFile(dir.resolve(output + ".gz")));
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
