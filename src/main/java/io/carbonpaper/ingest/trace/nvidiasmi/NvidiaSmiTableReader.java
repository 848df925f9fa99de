package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.trace.DevicesWithoutPower;
import io.carbonpaper.ingest.trace.TraceIntegrator;
import io.carbonpaper.ingest.trace.TraceProblems;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the default {@code nvidia-smi} output, the box-drawn table, as people save it: one
 * snapshot ({@code nvidia-smi > nvidia-smi.txt}) or many ({@code nvidia-smi -l 5 >> log}).
 * <pre>
 * Sun May 24 14:08:41 2026
 * +-----------------------------------------+------------------------+----------------------+
 * |   0  NVIDIA L40S                    On  |   00000000:8D:00.0 Off |                    0 |
 * | N/A   39C    P0            104W /  325W |     803MiB /  46068MiB |      0%      Default |
 * </pre>
 * Each snapshot begins with its time (C {@code asctime}, host local time, read as UTC like every
 * zoneless time) and lists each GPU on two lines: index, name and bus id, then power draw over cap.
 * Old drivers cut long names short ({@code Tesla V100-PCIE...}); the name is kept without the dots.
 * Devices are keyed by bus id.
 *
 * <p>Two or more timed snapshots with power are a trace, one sample per device per snapshot,
 * integrated like any other ({@link TraceIntegrator}). A single snapshot is not: one draw at one
 * moment says nothing of the hours, so it gives only the devices ({@link DevicesWithoutPower}),
 * with a note. Lines that are not part of a GPU row (the process table, a CSV logged after the
 * table) are passed over.
 */
public final class NvidiaSmiTableReader implements LogReader {
    public static final String FORMAT = "nvidia-smi-table";

    private static final Pattern TIME = Pattern.compile(
            "^\\s*((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4})\\s*$");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    private static final Pattern GPU = Pattern.compile(
            "^\\s*\\|\\s+(\\d{1,3})\\s+(.+?)\\s+(?:On|Off|WDDM|TCC|N/A)\\s*\\|\\s*([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.[0-9A-Fa-f])\\b");
    private static final Pattern POWER = Pattern.compile("(\\d{1,5}(?:\\.\\d+)?)W\\s*/\\s*(?:\\d{1,5}(?:\\.\\d+)?W|N/A)");

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        // A README or Markdown page that shows a snapshot documents a setup; it is not a log of a run.
        String file = source.fileName().toLowerCase(Locale.ROOT);
        if (file.startsWith("readme") || file.endsWith(".md") || file.endsWith(".rst")) return false;
        String head = source.headText();
        return head.contains("NVIDIA-SMI") && head.contains("Pwr:Usage/Cap") && head.lines().limit(400).anyMatch(l -> GPU.matcher(l).find());
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        TraceIntegrator integrator = TraceIntegrator.forFile(source, FORMAT);
        DevicesWithoutPower devices = new DevicesWithoutPower(FORMAT);
        io.carbonpaper.ingest.source.LocalClock clock = integrator.clock();
        long micros = Long.MIN_VALUE;
        int snapshots = 0, timed = 0;
        long powered = 0;
        boolean truncated = false, fresh = false; // fresh: a time line came since the last banner
        Optional<String> firstName = Optional.empty();
        String pending = null; // the bus id of the GPU row whose power line comes next
        long n = 0;
        try (BufferedReader in = source.reader()) {
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                Matcher t = TIME.matcher(line);
                if (t.matches()) {
                    try {
                        micros = clock.utc(LocalDateTime.parse(t.group(1).replaceAll(" +", " "), ASCTIME).toEpochSecond(ZoneOffset.UTC) * 1_000_000L);
                        timed++;
                        fresh = true;
                    } catch (DateTimeParseException e) {
                        problems.warning(n, "expected a time like 'Sun May 24 14:08:41 2026', found '" + t.group(1) + "'; this snapshot is untimed");
                        micros = Long.MIN_VALUE;
                    }
                    pending = null;
                    continue;
                }
                if (line.contains("NVIDIA-SMI") && line.contains("Driver Version")) {
                    snapshots++;
                    if (!fresh) micros = Long.MIN_VALUE; // a snapshot without its own time line
                    fresh = false;
                    continue;
                }
                Matcher g = GPU.matcher(line);
                if (g.find()) {
                    String name = g.group(2).strip();
                    if (name.endsWith("...")) {
                        truncated = true;
                        name = name.substring(0, name.length() - 3).strip();
                    }
                    if (firstName.isEmpty()) firstName = Optional.of(name);
                    devices.name(name);
                    pending = g.group(3).toUpperCase(Locale.ROOT);
                    devices.row(pending, micros);
                    continue;
                }
                if (pending != null) {
                    Matcher p = POWER.matcher(line);
                    boolean found = p.find();
                    if (found && micros != Long.MIN_VALUE) {
                        double w = Double.parseDouble(p.group(1));
                        String implausible = TraceIntegrator.implausible("gpu", w);
                        if (implausible != null) problems.warning(n, implausible);
                        integrator.power(pending, "gpu", micros, w);
                        powered++;
                    } else if (!found && line.contains("/")) {
                        integrator.missing("power N/A in the table");
                    }
                    pending = null;
                }
            }
        }
        if (n == 0) throw new InputException(0, "empty file: expected nvidia-smi table output");
        if (devices.isEmpty()) throw new InputException(0, "no GPU rows ('|   0  <name>  On  | <bus id> ...') in the nvidia-smi table");
        String cut = truncated ? "; the table cuts long names short (ending '...'), so the name may match a catalog entry only in part" : "";
        if (timed >= 2 && powered >= 2 && !integrator.isEmpty()) {
            problems.note(0, snapshots + " nvidia-smi table snapshots (nvidia-smi -l): one power sample per device per snapshot" + cut);
            problems.finish();
            sink.accept(integrator.finish(Optional.empty(), firstName));
            return;
        }
        problems.finish();
        devices.emit(source.name(), sink, (snapshots <= 1 ? "one nvidia-smi table snapshot (a draw at one moment, not a trace)"
                : snapshots + " nvidia-smi table snapshots without times or power") + cut);
    }
}
