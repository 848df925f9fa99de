package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.InputException;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.unit.Energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code dcgmi dmon -e 155,156,...} output: a header {@code #Entity} followed by the fields'
 * short names ({@code POWER} for field 155, power usage in W; {@code TOTEC} for field 156, total
 * energy consumption in mJ), a units line starting {@code ID}, then rows {@code GPU 0 <values>}
 * (the entity is two tokens). {@code N/A} and DCGM's blank sentinels are missing values. Headers
 * repeat. dcgmi prints no time: rows are taken to be 1000 ms apart ({@code -d}'s default), and the
 * reader says so in a note. Where TOTEC is present its differences give the energy.
 */
public final class DcgmiDmonReader implements LogReader {
    public static final String FORMAT = "dcgmi-dmon";

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        for (String line : source.headText().split("\n")) {
            String l = line.strip();
            if (l.startsWith("#Entity") && (l.contains("POWER") || l.contains("TOTEC"))) return true;
        }
        return false;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        TraceIntegrator integrator = TraceIntegrator.forFile(source, FORMAT);
        SampleClock clock = new SampleClock(1_000_000L);
        boolean sawHeader = false, noted = false;
        int cols = -1, power = -1, energy = -1;
        try (BufferedReader r = source.reader()) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String l = line.strip();
                if (l.isEmpty()) continue;
                String[] f = l.split("\\s+");
                if (f[0].startsWith("#")) {
                    if (f[0].equals("#Entity")) {
                        List<String> names = Arrays.asList(f);
                        sawHeader = true;
                        cols = f.length + 1; // the entity is two tokens in rows: "GPU 0"
                        power = names.indexOf("POWER");
                        energy = names.indexOf("TOTEC");
                        if (power >= 0) power++;
                        if (energy >= 0) energy++;
                        if (power < 0 && energy < 0) problems.error(no, "header has neither POWER (field 155) nor TOTEC (field 156); rows up to the next header are skipped");
                    }
                    continue;
                }
                if (f[0].equals("ID")) continue; // units line
                if (!sawHeader) {
                    problems.error(no, "expected the '#Entity POWER ...' header before data rows");
                    continue;
                }
                if (power < 0 && energy < 0) continue;
                if (f.length != cols) {
                    problems.error(no, "expected an entity (like 'GPU 0') and " + (cols - 2) + " values as in the header, found " + f.length + " tokens");
                    continue;
                }
                if (!f[0].equals("GPU")) {
                    integrator.missing("entity " + f[0] + " (not a whole GPU) skipped");
                    continue;
                }
                String device = f[1];
                if (!noted) {
                    problems.note(no, "dcgmi dmon prints no time: rows are taken to be 1000 ms apart, the default -d; "
                            + "a different -d scales the energy from POWER by the same factor");
                    noted = true;
                }
                long micros = clock.next(device);
                if (power >= 0) {
                    double w = value(f[power], "POWER", DcgmMetrics.POWER, integrator, problems, no);
                    if (!Double.isNaN(w)) {
                        String implausible = TraceIntegrator.implausible("gpu", w);
                        if (implausible != null) problems.warning(no, implausible);
                        integrator.power(device, "gpu", micros, w);
                    }
                }
                if (energy >= 0) {
                    double mj = value(f[energy], "TOTEC", DcgmMetrics.ENERGY, integrator, problems, no);
                    if (!Double.isNaN(mj)) integrator.energyCounter(device, "gpu", micros, Energy.ofMillijoules(mj).joules());
                }
            }
        }
        if (!sawHeader) throw new InputException(0, "no dcgmi dmon header ('#Entity POWER ...') found");
        problems.finish();
        if (integrator.isEmpty()) {
            problems.error(0, "no usable power or energy samples");
            return;
        }
        sink.accept(integrator.finish(Optional.empty(), Optional.empty()));
    }

    /** The number in {@code raw}, or NaN after counting it as missing or reporting it. */
    private static double value(String raw, String column, String metric, TraceIntegrator integrator, TraceProblems problems, long no) {
        if (raw.equals("N/A")) {
            integrator.missing(column + " N/A");
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            problems.error(no, "expected a number or N/A under " + column + ", found '" + raw + "'");
            return Double.NaN;
        }
        if (!Double.isFinite(v)) {
            // dcgmi prints N/A for a blank, never NaN or Infinity: the row is damaged
            problems.error(no, "expected a number or N/A under " + column + ", found '" + raw + "'");
            return Double.NaN;
        }
        if (DcgmMetrics.isBlank(metric, v)) {
            integrator.missing(column + " blank (DCGM sentinel)");
            return Double.NaN;
        }
        return v;
    }
}
