package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.ingest.source.ByteLines;
import io.carbonpaper.ingest.source.ChunkedLines;
import io.carbonpaper.ingest.trace.TraceIntegrator;
import io.carbonpaper.ingest.trace.TraceProblems;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The state of reading one nvidia-smi CSV file, line by line ({@link ByteLines}) or chunk by chunk
 * ({@link ChunkedLines}): the header in force, the clock, the devices, the problems and the
 * integrator. Rows are decoded by a {@link RowDecoder} either way; this class applies them in file
 * order, so both paths give the same result.
 */
final class CsvReading implements ByteLines.Handler, ChunkedLines.Sink<DecodedChunk> {
    static final String NO_TIMESTAMP = "header has no timestamp column, so samples cannot be placed in time "
            + "(add timestamp to --query-gpu)";
    private static final long HOUR = 3_600_000_000L;

    final TraceProblems problems;
    final TraceIntegrator integrator;
    final Set<String> names = new LinkedHashSet<>();
    Header header;
    /** The name of the column devices were last keyed by, or null for none (by position). */
    String keyColumn;
    boolean sawHeader;
    long headerWithoutTime;
    long missingPower;

    private final RowDecoder decoder = new RowDecoder();
    /** The first header as chunked reading chose its device column, taken as is when the line comes. */
    private final Header preset;
    /** While the device column is being chosen: the choice and the rows held back until it is made. */
    private DeviceColumnChoice choosing;
    private final java.util.List<byte[]> heldRows = new java.util.ArrayList<>();
    private final java.util.List<Long> heldLines = new java.util.ArrayList<>();
    private long lineBase;   // lines before the stretch ByteLines is reading
    private long lastLine;   // the last line number ByteLines gave in that stretch

    // clock state
    private long shift;            // added after a daylight-saving fall-back
    private long latest = Long.MIN_VALUE;

    // device state
    private long groupMicros = Long.MIN_VALUE;
    private int groupPosition;
    private final String[] byPosition = new String[256];
    private TraceIntegrator.Device[] devices = new TraceIntegrator.Device[0];

    /** Where the timestamps without an offset were written (the setting {@code timezone}): the integrator's. */
    private final io.carbonpaper.ingest.source.LocalClock clock;

    /** @param preset the file's first header with its device column chosen, or null */
    CsvReading(TraceProblems problems, TraceIntegrator integrator, Header preset) {
        this.problems = problems;
        this.integrator = integrator;
        this.preset = preset;
        this.clock = integrator.clock();
    }

    /** Ends the reading: rows held back for the choice of a device column are read now. */
    void finish() { chosen(); }

    /** Reads {@code in} line by line, its lines numbered from {@code linesBefore + 1}; returns how many it had. */
    long lines(InputStream in, long linesBefore) throws IOException {
        lineBase = linesBefore;
        lastLine = 0;
        ByteLines.read(in, this);
        return lastLine;
    }

    @Override public long stream(InputStream in, long linesBefore) throws IOException { return lines(in, linesBefore); }

    @Override public long chunk(byte[] buf, int length, long linesBefore, DecodedChunk rows) throws IOException {
        if (choosing != null || !rows.header.sameColumns(header)) return lines(new ByteArrayInputStream(buf, 0, length), linesBefore);
        if (devices.length < rows.decoder.keyIds()) devices = new TraceIntegrator.Device[rows.decoder.keyIds()];
        Arrays.fill(devices, null);
        for (int i = 0; i < rows.count; i++) {
            if (!apply(rows, i)) {
                // A clock jump of about an hour: the sequential path says what it means, from this row on.
                rows.mergeNames(names, i);
                int line = rows.lineNo[i];
                return line - 1 + lines(new ByteArrayInputStream(buf, rows.lineStart[i], length - rows.lineStart[i]), linesBefore + line - 1);
            }
        }
        rows.mergeNames(names, rows.count);
        if (rows.stopLine == 0) return rows.lines;
        int line = rows.stopLine;
        return line - 1 + lines(new ByteArrayInputStream(buf, rows.stopOffset, length - rows.stopOffset), linesBefore + line - 1);
    }

    /** Applies row {@code i} of a decoded chunk, as {@link #line} would; false (and nothing done) at a clock jump. */
    private boolean apply(DecodedChunk rows, int i) {
        long t = clock.utc(rows.micros[i]) + shift;
        if (latest != Long.MIN_VALUE && hourJump(latest, t)) return false;
        if (t > latest) latest = t;
        int missing = rows.missing[i];
        if (missing >= 0) {
            missingPower++;
            integrator.missing(RowDecoder.missingReason(missing));
            return true;
        }
        int id = rows.device[i];
        TraceIntegrator.Device d = devices[id];
        if (d == null) devices[id] = d = integrator.device(rows.decoder.key(id), "gpu");
        integrator.power(d, t, rows.watts[i]);
        return true;
    }

    @Override public void tooLong(long lineNumber) {
        long no = lineBase + lineNumber;
        lastLine = lineNumber;
        problems.error(no, "line longer than " + ByteLines.MAX_LINE + " bytes skipped: not nvidia-smi CSV");
    }

    @Override public void line(byte[] b, int s, int e, long lineNumber) {
        long no = lineBase + lineNumber;
        lastLine = lineNumber;
        s = ByteFields.trimStart(b, s, e);
        if (s == e) return;
        if (maybeHeader(b, s, e, no)) return;
        if (!sawHeader) return; // banner text before the header
        if (header == null) return; // under a header without a power column (reported once)
        if (choosing != null) {
            heldRows.add(Arrays.copyOfRange(b, s, e));
            heldLines.add(no);
            choosing.add(b, s, e);
            if (choosing.complete()) chosen();
            return;
        }
        row(b, s, e, no);
    }

    /** Makes the pending choice of a device column and reads the rows held back for it. */
    private void chosen() {
        if (choosing == null) return;
        header = choosing.choose();
        keyColumn = header.device < 0 ? null : header.columnName(header.device);
        choosing = null;
        for (int i = 0; i < heldRows.size(); i++) {
            byte[] r = heldRows.get(i);
            row(r, 0, r.length, heldLines.get(i));
        }
        heldRows.clear();
        heldLines.clear();
    }

    private boolean maybeHeader(byte[] b, int s, int e, long no) {
        Header h = Header.ofLine(b, s, e, no);
        if (h == null) return false;
        chosen();
        sawHeader = true;
        if (h.power < 0) {
            problems.error(no, "header has no power.draw column; rows up to the next header are skipped");
            header = null;
        } else if (h.timestamp < 0) {
            problems.error(no, NO_TIMESTAMP + "; rows up to the next header are skipped");
            if (headerWithoutTime == 0) headerWithoutTime = no;
            header = null;
        } else {
            header = preset != null && preset.line == no ? preset : h;
            keyColumn = header.device < 0 ? null : header.columnName(header.device);
            if (header == h && DeviceColumnChoice.needed(h)) choosing = new DeviceColumnChoice(h);
        }
        return true;
    }

    private void row(byte[] b, int s, int e, long no) {
        Header h = header;
        RowDecoder d = decoder;
        d.scan(b, s, e);
        int status = d.decode(b, s, e, h);
        switch (status) {
            case RowDecoder.TOO_MANY -> {
                problems.error(no, "more than " + RowDecoder.MAX_FIELDS + " fields");
                return;
            }
            case RowDecoder.WRONG_COUNT -> {
                problems.error(no, "expected " + h.fields + " comma-separated fields as in the header at line " + h.line
                        + ", found " + d.fieldCount());
                return;
            }
            case RowDecoder.BAD_TIME -> {
                problems.error(no, "expected a timestamp like 2019/05/28 10:15:00.100 or 2024-03-01T10:00:00.123+08:00, found '"
                        + ByteFields.text(b, d.timeStart, d.timeEnd) + "'");
                return;
            }
            default -> { }
        }
        String outside = Plausible.micros(d.micros);
        if (outside != null) {
            problems.error(no, "timestamp '" + ByteFields.text(b, d.timeStart, d.timeEnd) + "': " + outside);
            return;
        }
        long micros = adjustClock(d.micros, d.localClock, no, b, d.timeStart, d.timeEnd);
        if (status == RowDecoder.NO_DEVICE) {
            problems.error(no, "empty device " + h.columnName(h.device));
            return;
        }
        String device = d.device == RowDecoder.BY_POSITION ? positional(micros) : d.key(d.device);
        d.keepName();
        if (d.name != null && names.size() < 16) names.add(d.name);

        if (status == RowDecoder.MISSING) {
            missingPower++;
            integrator.missing(RowDecoder.missingReason(d.missing));
            return;
        }
        if (status == RowDecoder.BAD_POWER) {
            int ps = d.powerStart, pe = d.powerEnd;
            if (pe - ps > 2 && b[ps] == '[' && b[pe - 1] == ']' && pe - ps < 64) {
                missingPower++;
                integrator.missing("power.draw " + ByteFields.text(b, ps, pe));
            } else {
                problems.error(no, "expected power in watts (like 251.30 W, or [N/A]), found '" + ByteFields.text(b, ps, pe) + "'");
            }
            return;
        }
        String implausible = TraceIntegrator.implausible("gpu", d.watts);
        if (implausible != null) problems.warning(no, implausible);
        integrator.power(device, "gpu", micros, d.watts);
    }

    /** Without a device column, the n-th row of one timestamp is device n. */
    private String positional(long micros) {
        if (micros == groupMicros) groupPosition++;
        else {
            groupMicros = micros;
            groupPosition = 0;
        }
        int p = Math.min(groupPosition, byPosition.length - 1);
        String k = byPosition[p];
        if (k == null) byPosition[p] = k = Integer.toString(p);
        return k;
    }

    /**
     * Places a local reading in the settings' zone, then applies the daylight-saving shift and watches the local
     * clock for jumps of about an hour (in the right zone the clock changes are the zone's and no jump is seen).
     */
    private long adjustClock(long micros, boolean localClock, long no, byte[] b, int s, int e) {
        long t = (localClock ? clock.utc(micros) : micros) + shift;
        if (latest != Long.MIN_VALUE && localClock && hourJump(latest, t)) {
            if (latest - t > 0) {
                shift += HOUR;
                t += HOUR;
                problems.warning(no, "the local clock went back by about an hour (to " + ByteFields.text(b, s, e)
                        + "): read as the end of daylight saving; later samples are taken to be one hour later, so the repeated hour "
                        + "is neither lost nor counted twice");
            } else {
                problems.note(no, "the local clock jumped forward by about an hour (to " + ByteFields.text(b, s, e)
                        + "): the start of daylight saving or a pause in logging; the hour is a gap, not bridged");
            }
        }
        if (t > latest) latest = t;
        return t;
    }

    /** Whether the local clock moved by about an hour from {@code latest} to {@code t}: a daylight-saving change. */
    static boolean hourJump(long latest, long t) {
        long back = latest - t;
        // Back by an hour less the sampling interval (up to 15 min), the time of one sample.
        return back >= 45 * 60_000_000L && back <= 61 * 60_000_000L || -back >= 60 * 60_000_000L && -back <= 75 * 60_000_000L;
    }
}
