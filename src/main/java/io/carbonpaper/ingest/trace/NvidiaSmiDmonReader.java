package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.ingest.source.InputException;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code nvidia-smi dmon} output: two {@code #} header lines (column names such as
 * {@code gpu pwr gtemp sm ...}, then units), whitespace-aligned rows, {@code -} for a value the
 * device does not support. Header lines repeat during long runs and may change the columns.
 * With {@code -o D}/{@code -o T} a {@code Date} ({@code YYYYMMDD}) and {@code Time}
 * ({@code HH:MM:SS}, host local time) column place each row in time; a time-only log rolls over
 * midnight when the clock goes back by more than twelve hours. Without a time column the rows are
 * taken to be 1 s apart (dmon's default {@code -d 1}), and the reader says so in a note.
 *
 * <p>dmon run without its power group ({@code -s u}, {@code -s m}: no {@code pwr} column) still
 * tells the devices and, with a time column, the hours: {@link DevicesWithoutPower} passes them on
 * with a note, for an estimate from the TDP.
 */
public final class NvidiaSmiDmonReader implements LogReader {
    public static final String FORMAT = "nvidia-smi-dmon";
    private static final long DAY = 86_400_000_000L;

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        for (String line : source.headText().split("\n")) {
            if (!line.startsWith("#")) continue;
            List<String> t = Arrays.asList(line.substring(1).trim().split("\\s+"));
            if (t.contains("gpu") && t.contains("pwr")) return true;
            // Without pwr (dmon -s u, -s m, ...): dmon's own column names, and its units line below.
            if (t.contains("gpu") && t.stream().anyMatch(DMON_COLUMNS::contains) && source.headText().contains("Idx")) return true;
        }
        return false;
    }

    /** Columns of dmon's metric groups other than power ({@code -s ucvmet}). */
    private static final java.util.Set<String> DMON_COLUMNS = java.util.Set.of("sm", "mem", "enc", "dec", "jpg", "ofa", "mclk", "pclk",
            "gtemp", "mtemp", "fb", "bar1", "ccpm", "rxpci", "txpci", "pviol", "tviol", "sbecc", "dbecc", "pci");

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        TraceIntegrator integrator = TraceIntegrator.forFile(source, FORMAT);
        DevicesWithoutPower unpowered = new DevicesWithoutPower(FORMAT);
        SampleClock assumed = new SampleClock(1_000_000L);
        boolean notedAssumption = false, sawHeader = false;
        int cols = -1, gpu = -1, pwr = -1, date = -1, time = -1;
        long dayOffset = 0, lastTime = Long.MIN_VALUE;
        io.carbonpaper.ingest.source.LocalClock clock = integrator.clock();
        try (BufferedReader r = source.reader()) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String l = line.strip();
                if (l.isEmpty()) continue;
                if (l.startsWith("#")) {
                    List<String> t = Arrays.asList(l.substring(1).trim().split("\\s+"));
                    if (t.contains("gpu")) {
                        sawHeader = true;
                        cols = t.size();
                        gpu = t.indexOf("gpu");
                        pwr = t.indexOf("pwr");
                        date = t.indexOf("Date");
                        time = t.indexOf("Time");
                    }
                    continue; // the units line, or a comment
                }
                if (!sawHeader) {
                    problems.error(no, "expected the '# gpu pwr ...' header line before data rows");
                    continue;
                }
                String[] f = l.split("\\s+");
                if (f.length != cols) {
                    problems.error(no, "expected " + cols + " whitespace-separated columns as in the header, found " + f.length);
                    continue;
                }
                String device = f[gpu];
                long micros;
                if (time >= 0) {
                    try {
                        long tod = LocalTime.parse(f[time]).toNanoOfDay() / 1_000;
                        if (date >= 0) {
                            String d = f[date];
                            if (d.length() != 8) throw new DateTimeException(d);
                            micros = clock.utc(LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
                                    Integer.parseInt(d.substring(6, 8))).toEpochDay() * DAY + tod);
                        } else {
                            if (lastTime != Long.MIN_VALUE && tod + dayOffset < lastTime - DAY / 2) dayOffset += DAY;
                            micros = tod + dayOffset;
                        }
                    } catch (DateTimeException | NumberFormatException e) {
                        problems.error(no, "expected Date as YYYYMMDD and Time as HH:MM:SS, found '"
                                + (date >= 0 ? f[date] + " " : "") + f[time] + "'");
                        continue;
                    }
                    String outside = Plausible.micros(micros);
                    if (outside != null) {
                        problems.error(no, outside);
                        continue;
                    }
                    lastTime = Math.max(lastTime, micros);
                } else {
                    if (!notedAssumption) {
                        problems.note(no, "no Date/Time column (dmon without -o DT): rows are taken to be 1 s apart, dmon's default -d 1; "
                                + "a different -d scales the energy by the same factor");
                        notedAssumption = true;
                    }
                    micros = assumed.next(device);
                }
                if (pwr < 0) {
                    unpowered.row(device, micros);
                    continue;
                }
                String v = f[pwr];
                if (v.equals("-")) {
                    integrator.missing("pwr - (not supported)");
                    continue;
                }
                try {
                    double w = Double.parseDouble(v);
                    String implausible = TraceIntegrator.implausible("gpu", w);
                    if (implausible != null) problems.warning(no, implausible);
                    integrator.power(device, "gpu", micros, w);
                } catch (NumberFormatException e) {
                    problems.error(no, "expected pwr in watts (an integer) or '-', found '" + v + "'");
                }
            }
        }
        if (!sawHeader) throw new InputException(0, "no nvidia-smi dmon header ('# gpu pwr ...') found");
        problems.finish();
        if (integrator.isEmpty() && !unpowered.isEmpty()) {
            unpowered.emit(source.name(), sink, "nvidia-smi dmon without its pwr column (dmon -s without p)");
            return;
        }
        if (!unpowered.isEmpty()) {
            problems.warning(0, unpowered.rows() + " rows under a header without a pwr column are not integrated");
        }
        if (integrator.isEmpty()) {
            problems.error(0, "no usable power samples");
            return;
        }
        sink.accept(integrator.finish(Optional.empty(), Optional.empty()));
    }
}
