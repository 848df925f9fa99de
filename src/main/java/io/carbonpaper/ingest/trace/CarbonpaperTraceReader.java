package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.model.Problem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads carbonpaper's own power trace ({@code trace.csv}, written by {@code carbonpaper record};
 * specified in docs/trace-format.md). Recognised by its first line, {@value #FIRST_LINE}.
 *
 * <p>Rows go into a {@link TraceIntegrator}: {@code energy_j} as an energy counter (which wins over
 * power wherever a device has two or more readings), {@code power_w} as power. A status of
 * {@code shared} marks the trace as shared; any other status on a row without values is counted as
 * a missing sample under that word. A last line without its line end (the recorder was killed
 * between flushes) is reported and left out; every other malformed row is an error at its line,
 * and reading goes on.
 */
public final class CarbonpaperTraceReader implements LogReader {
    public static final String FORMAT = "carbonpaper-trace";
    public static final String FIRST_LINE = "# carbonpaper trace v1";
    /** The column header, in order. */
    public static final List<String> COLUMNS = List.of("time_utc", "device", "kind", "model", "power_w", "energy_j", "status");
    public static final String STATUS_SHARED = "shared";

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get();

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        return head.startsWith(FIRST_LINE) && (head.length() == FIRST_LINE.length()
                || head.charAt(FIRST_LINE.length()) == '\n' || head.charAt(FIRST_LINE.length()) == '\r');
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        LastCharReader tracked = new LastCharReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8));
        try (BufferedReader in = new BufferedReader(tracked, 1 << 16)) {
            String first = in.readLine();
            if (first == null || !first.strip().equals(FIRST_LINE))
                throw new InputException(1, "expected the first line '" + FIRST_LINE + "'");
            long line = 1;
            Optional<String> host = Optional.empty();
            String header;
            while (true) {
                header = in.readLine();
                line++;
                if (header == null) throw new InputException(line, "expected the column header " + String.join(",", COLUMNS));
                if (!header.startsWith("#")) break;
                String comment = header.substring(1).strip();
                if (comment.startsWith("host:")) {
                    String h = comment.substring("host:".length()).strip();
                    if (!h.isEmpty()) host = Optional.of(h);
                }
            }
            if (!header.strip().equals(String.join(",", COLUMNS)))
                throw new InputException(line, "expected the column header " + String.join(",", COLUMNS) + ", found '" + abbreviate(header) + "'");
            long headerLines = line;
            TraceIntegrator integrator = TraceIntegrator.forFile(source, FORMAT);
            Optional<String> model = Optional.empty();
            boolean mixedModels = false;
            try (CSVParser parser = CSV.parse(in)) {
                Iterator<CSVRecord> it = parser.iterator();
                CSVRecord pending = null;
                while (it.hasNext()) {
                    CSVRecord next = it.next();
                    if (pending != null) {
                        Optional<String> m = row(source, pending, headerLines + pending.getRecordNumber(), integrator, sink);
                        if (m.isPresent()) {
                            if (model.isEmpty()) model = m;
                            else if (!model.get().equals(m.get())) mixedModels = true;
                        }
                    }
                    pending = next;
                }
                if (pending != null) {
                    long at = headerLines + pending.getRecordNumber();
                    if (tracked.last != '\n' && tracked.last != '\r') {
                        sink.problem(Problem.warning(source.name(), at,
                                "last line is incomplete (the recording was cut off before it was written in full); left out"));
                    } else {
                        Optional<String> m = row(source, pending, at, integrator, sink);
                        if (m.isPresent() && model.isEmpty()) model = m;
                        else if (m.isPresent() && !model.get().equals(m.get())) mixedModels = true;
                    }
                }
            } catch (UncheckedIOException e) {
                // Commons CSV reports a broken quote (a torn last line) this way; what came before is kept.
                sink.problem(Problem.error(source.name(), 0, "unreadable CSV after the last complete row: " + e.getCause().getMessage()));
            }
            if (integrator.isEmpty()) {
                sink.problem(Problem.warning(source.name(), 0, "trace has no samples"));
                return;
            }
            if (mixedModels) sink.problem(Problem.note(source.name(), 0, "GPUs of different models; the first one, " + model.get() + ", names the accelerator"));
            sink.accept(integrator.finish(host, model));
        }
    }

    /** Feeds one row to the integrator; returns the GPU model it names, if any. */
    private static Optional<String> row(InputSource source, CSVRecord r, long line, TraceIntegrator integrator, FindingSink sink) {
        if (r.size() == 1 && r.get(0).isBlank()) return Optional.empty();
        if (r.size() != COLUMNS.size()) {
            sink.problem(Problem.error(source.name(), line, "expected " + COLUMNS.size() + " fields (" + String.join(",", COLUMNS) + "), found " + r.size()));
            return Optional.empty();
        }
        long micros;
        try {
            Instant t = Instant.parse(r.get(0));
            micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
        } catch (DateTimeParseException | ArithmeticException e) {
            sink.problem(Problem.error(source.name(), line, "time_utc: expected an ISO-8601 UTC time like 2026-11-26T14:00:00.000000Z, found '" + abbreviate(r.get(0)) + "'"));
            return Optional.empty();
        }
        String outside = Plausible.micros(micros);
        if (outside != null) {
            sink.problem(Problem.error(source.name(), line, "time_utc: " + outside));
            return Optional.empty();
        }
        String device = r.get(1).strip(), kind = r.get(2).strip(), status = r.get(6).strip();
        if (device.isEmpty()) {
            sink.problem(Problem.error(source.name(), line, "device: expected a GPU index or package-N / dram-N, found nothing"));
            return Optional.empty();
        }
        if (!kind.equals("gpu") && !kind.equals("cpu") && !kind.equals("dram")) {
            sink.problem(Problem.error(source.name(), line, "kind: expected gpu, cpu or dram, found '" + abbreviate(kind) + "'"));
            return Optional.empty();
        }
        Double watts = number(source, r.get(4), "power_w", line, sink);
        Double joules = number(source, r.get(5), "energy_j", line, sink);
        if (status.equals(STATUS_SHARED)) integrator.markShared();
        if (watts == null && joules == null) {
            integrator.missing(status.isEmpty() || status.equals(STATUS_SHARED) ? "no value" : status);
        } else {
            if (joules != null) integrator.energyCounter(device, kind, micros, joules);
            if (watts != null) {
                String implausible = TraceIntegrator.implausible(kind, watts);
                if (implausible != null) sink.problem(Problem.warning(source.name(), line, "power_w: " + implausible));
                integrator.power(device, kind, micros, watts);
            }
        }
        String model = r.get(3).strip();
        return kind.equals("gpu") && !model.isEmpty() ? Optional.of(model) : Optional.empty();
    }

    /** The number in a field, null when empty; a malformed number is an error and counts as empty. */
    private static Double number(InputSource source, String field, String column, long line, FindingSink sink) {
        String s = field.strip();
        if (s.isEmpty()) return null;
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v) && v >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        sink.problem(Problem.error(source.name(), line, column + ": expected a non-negative number or nothing, found '" + abbreviate(s) + "'"));
        return null;
    }

    private static String abbreviate(String s) { return s.length() > 60 ? s.substring(0, 60) + "..." : s; }

    /** Remembers the last character read, so that a last line without its line end can be told apart. */
    private static final class LastCharReader extends FilterReader {
        int last = '\n';

        LastCharReader(Reader in) { super(in); }

        @Override public int read() throws IOException {
            int c = super.read();
            if (c >= 0) last = c;
            return c;
        }

        @Override public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) last = buf[off + n - 1];
            return n;
        }
    }
}
