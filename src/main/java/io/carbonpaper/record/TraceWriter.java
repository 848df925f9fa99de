package io.carbonpaper.record;

import io.carbonpaper.ingest.trace.CarbonpaperTraceReader;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes carbonpaper's trace format (docs/trace-format.md; read by {@link CarbonpaperTraceReader}).
 * Rows are buffered and handed to the operating system at least every {@link #FLUSH_EVERY}, so that a
 * killed recorder leaves every row up to the last flush readable. Not thread-safe.
 */
public final class TraceWriter implements Closeable {
    public static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final BufferedWriter out;
    private final StringBuilder row = new StringBuilder(160);
    private long lastFlushNanos = System.nanoTime();
    private long rows;

    private TraceWriter(BufferedWriter out) { this.out = out; }

    /** Creates the file (it must not exist) and writes the header. */
    public static TraceWriter create(Path file, String host, Duration interval, Instant anchor) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16);
        TraceWriter t = new TraceWriter(w);
        w.write(CarbonpaperTraceReader.FIRST_LINE + "\n");
        w.write("# host: " + oneLine(host) + "\n");
        w.write("# interval_ms: " + interval.toMillis() + "\n");
        w.write("# clock: monotonic, anchored to wall time once at " + TIME.format(anchor) + "\n");
        w.write(String.join(",", CarbonpaperTraceReader.COLUMNS) + "\n");
        w.flush();
        return t;
    }

    /**
     * One row. {@code power} in milliwatts, {@code energy} in units of 10^-{@code energyDecimals}
     * joules; -1 leaves a field empty.
     */
    public void row(long micros, String device, String kind, String model, long milliwatts, long energy, int energyDecimals, String status) throws IOException {
        row.setLength(0);
        row.append(TIME.format(AnchoredClock.instant(micros))).append(',');
        csv(row, device).append(',').append(kind).append(',');
        csv(row, model).append(',');
        if (milliwatts >= 0) fixed(row, milliwatts, 3);
        row.append(',');
        if (energy >= 0) fixed(row, energy, energyDecimals);
        row.append(',').append(status).append('\n');
        out.append(row);
        rows++;
    }

    public long rows() { return rows; }

    /** Flushes when {@link #FLUSH_EVERY} has passed since the last flush. */
    public void flushIfDue() throws IOException {
        if (System.nanoTime() - lastFlushNanos >= FLUSH_EVERY.toNanos()) flush();
    }

    public void flush() throws IOException {
        out.flush();
        lastFlushNanos = System.nanoTime();
    }

    @Override public void close() throws IOException { out.close(); }

    /** {@code value / 10^decimals} written exactly, without going through a double. */
    static StringBuilder fixed(StringBuilder sb, long value, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) scale *= 10;
        sb.append(value / scale);
        if (decimals > 0) {
            String frac = Long.toString(value % scale);
            sb.append('.');
            for (int i = frac.length(); i < decimals; i++) sb.append('0');
            sb.append(frac);
        }
        return sb;
    }

    /** RFC 4180 quoting where needed; line breaks become spaces so that one row stays one line. */
    static StringBuilder csv(StringBuilder sb, String s) {
        String v = oneLine(s);
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0) return sb.append(v);
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') sb.append('"');
            sb.append(c);
        }
        return sb.append('"');
    }

    private static String oneLine(String s) { return s.replace('\r', ' ').replace('\n', ' '); }
}
