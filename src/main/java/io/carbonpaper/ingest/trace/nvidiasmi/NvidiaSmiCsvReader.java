package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.ingest.source.ChunkedLines;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.trace.TraceIntegrator;
import io.carbonpaper.ingest.trace.TraceProblems;
import io.carbonpaper.model.TraceSummary;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the CSV that {@code nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits] -l N}
 * (or {@code -lms N}) writes: one row per GPU per sample.
 *
 * <p>Columns are found by the header's names, in any order and subset: {@code timestamp},
 * {@code index}, {@code uuid}, {@code name} and the power column ({@code power.draw}, else
 * {@code power.draw.average}, else {@code power.draw.instant}); other columns are ignored. Units
 * may be present ({@code power.draw [W]}, {@code 251.30 W}) or not ({@code nounits}). Lines before
 * the first header (the {@code nvidia-smi} banner table some scripts log first) are skipped; a
 * header repeated later (logging restarted) is accepted again and may change the columns.
 *
 * <p>Timestamps are nvidia-smi's {@code YYYY/MM/DD HH:MM:SS.mmm} in the host's local time without
 * zone, read as a local date-time with UTC arithmetic so that midnight is exact; ISO-8601 with or
 * without an offset is accepted too. The local clock jumping back by about an hour (daylight
 * saving ending) is reported as a warning and the rest of the file is shifted by that hour so the
 * repeated hour is neither lost nor counted twice; a jump forward shows as a gap.
 *
 * <p>Devices are keyed by the column that makes (time, device) unique ({@link DeviceColumnChoice}):
 * {@code index}, {@code uuid}, {@code pci.bus_id} or a script's own {@code gpu} column, else by
 * position within the rows of one timestamp. Rows that still repeat a (time, device) pair are
 * counted and reported as a warning, never dropped silently. {@code [N/A]}, {@code [Not Supported]}, {@code [Insufficient Permissions]} and
 * {@code [Unknown Error]} are missing values (never zero), counted by reason. A GPU name may contain
 * commas: the name field absorbs the commas beyond the header's field count.
 *
 * <p>The hot path works on bytes: lines are split in a reused buffer, numbers and the fixed
 * timestamp layout are parsed by hand ({@link ByteFields}) and device keys are cached, and memory
 * does not grow with the file. Every row is decoded by one {@link RowDecoder}. A large plain file
 * is read in chunks on every core ({@link ChunkedLines}): workers decode rows into a {@link
 * DecodedChunk}, and the rows are applied in file order by the same state that reads a file
 * sequentially ({@link CsvReading}); any line that is not a plain data row under the
 * file's first header (a header, a malformed row, a clock jump, an implausible value) sends the
 * rest of its chunk through the sequential path, so both give the same result, problems included.
 */
public final class NvidiaSmiCsvReader implements LogReader {
    public static final String FORMAT = "nvidia-smi-csv";

    /** Plain files at least this large are read in chunks on every core. */
    static final long CHUNKED_FROM_BYTES = 16L << 20;
    private static final int CHUNK_BYTES = 4 << 20;

    private final long chunkedFrom;
    private final int chunkBytes;
    private final int threads;

    public NvidiaSmiCsvReader() { this(CHUNKED_FROM_BYTES, CHUNK_BYTES, Runtime.getRuntime().availableProcessors()); }

    /**
     * A reader that reads plain files of at least {@code chunkedFrom} bytes in chunks of {@code
     * chunkBytes} on {@code threads} threads, the reading one and {@code threads - 1} workers
     * (sequentially when {@code threads} is 1). Tests use
     * tiny chunks to drive every file through the chunked path.
     */
    NvidiaSmiCsvReader(long chunkedFrom, int chunkBytes, int threads) {
        this.chunkedFrom = chunkedFrom;
        this.chunkBytes = chunkBytes;
        this.threads = threads;
    }

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        for (String line : source.headText().split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.contains("power.draw") && l.indexOf(',') >= 0
                    && (l.contains("timestamp") || l.contains("index") || l.contains("name"))
                    && Header.parse(line.trim()) != null) return true;
        }
        return false;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        Start start = threads > 1 ? chunkedStart(source) : null;
        CsvReading p = new CsvReading(problems, TraceIntegrator.forFile(source, FORMAT), start == null ? null : start.header());
        if (start != null) {
            // threads - 1 workers: this thread decodes too while it waits for the next chunk (ChunkedLines).
            new ChunkedLines<>(source, chunkBytes, threads - 1, DecodedChunk::new, (buf, length, rows) -> rows.decode(buf, length, start.header()))
                    .read(start.end(), p);
        } else {
            try (InputStream in = source.open()) {
                p.lines(in, 0);
            }
        }
        p.finish();
        if (p.header == null && !p.sawHeader) {
            throw new InputException(0, "no nvidia-smi CSV header found: expected a line like "
                    + "'timestamp, index, name, power.draw [W]' (from --query-gpu=... --format=csv); "
                    + "a --format=csv,noheader file cannot be read on its own, its columns are unknown");
        }
        if (p.integrator.isEmpty() && p.headerWithoutTime > 0) throw new InputException(p.headerWithoutTime, CsvReading.NO_TIMESTAMP);
        if (p.integrator.isEmpty()) {
            problems.error(0, "no usable power samples" + (p.missingPower > 0 ? " (" + p.missingPower + " rows without a power value)" : ""));
            problems.finish();
            return;
        }
        if (p.names.size() > 1) {
            problems.note(0, "several GPU models in one trace: " + String.join(", ", p.names) + "; the first is used for catalog matching");
        }
        TraceSummary summary = p.integrator.finish(Optional.empty(), p.names.stream().findFirst());
        Long repeats = summary.missingByReason().get(TraceIntegrator.DUPLICATE);
        if (repeats != null) {
            problems.warning(0, repeats + " rows repeat the time of an earlier row of the same device, and no column of the header "
                    + "tells them apart (devices are keyed by " + (p.keyColumn == null ? "their position among the rows of one time" : p.keyColumn)
                    + "); they are not integrated. Add uuid or pci.bus_id to --query-gpu so each device has a key of its own");
        }
        problems.finish();
        sink.accept(summary);
    }

    /** Chunked reading: the first chunk ends at {@code end}, just after the first header line. */
    private record Start(long end, Header header) {}

    /**
     * Where chunked reading starts (just after the first header line, which must lie within the
     * file's head and name a time, a power and a device column), or null when the file is read
     * sequentially: too small, compressed, or not in that shape.
     */
    private Start chunkedStart(InputSource source) throws IOException {
        if (!source.isPlain() || source.size() < chunkedFrom) return null;
        byte[] head = source.head();
        int start = 0;
        long lineNo = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] != '\n') continue;
            lineNo++;
            int s = ByteFields.trimStart(head, start, i), e = i > s && head[i - 1] == '\r' ? i - 1 : i;
            start = i + 1;
            Header h = Header.ofLine(head, s, e, lineNo);
            if (h == null) continue;
            boolean plain = h.power >= 0 && h.timestamp >= 0 && h.deviceColumn() >= 0;
            if (!plain) return null;
            Header keyed = DeviceColumnChoice.over(h, head, i + 1, head.length, source.headOffset() + head.length >= source.size());
            return keyed == null ? null : new Start(source.headOffset() + i + 1L, keyed);
        }
        return null;
    }
}
