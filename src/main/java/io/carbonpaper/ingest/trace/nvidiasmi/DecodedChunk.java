package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.ingest.source.ByteLines;
import io.carbonpaper.ingest.trace.TraceIntegrator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One chunk's data rows, decoded by a worker with the {@link RowDecoder} under the header the file
 * starts with, up to the first line that is not a plain data row: a header, a row the decoder
 * refuses, a row with an ISO timestamp or an implausible power. That line and the rest of the
 * chunk are left to the sequential path ({@link #stopLine}), which says what they mean. Reused
 * from chunk to chunk.
 */
final class DecodedChunk {
    final RowDecoder decoder = new RowDecoder();
    Header header;
    int count;
    long[] micros = new long[1024];
    double[] watts = new double[1024];
    byte[] missing = new byte[1024];  // RowDecoder placeholder, or -1 for a number
    int[] device = new int[1024];     // RowDecoder device id
    int[] lineStart = new int[1024];  // offset of the row's line in the chunk
    int[] lineNo = new int[1024];     // 1-based within the chunk
    /** Lines in the chunk, when decoded to its end. */
    int lines;
    /** The first line not decoded (0 when none) and its offset in the chunk. */
    int stopLine, stopOffset;
    private final List<String> names = new ArrayList<>();
    private final int[] nameRows = new int[16];  // the row at which each of names first appeared

    /** Decodes {@code b[0, length)}, whole lines, under {@code h}. */
    void decode(byte[] b, int length, Header h) {
        header = h;
        count = 0;
        lines = 0;
        stopLine = 0;
        names.clear();
        decoder.forgetName();
        int pos = 0, line = 0;
        while (pos < length) {
            int nl = decoder.scan(b, pos, length);
            line++;
            if (nl - pos >= ByteLines.MAX_LINE || !row(b, pos, nl, line)) {
                stopLine = line;
                stopOffset = pos;
                return;
            }
            pos = nl + 1;
        }
        lines = line;
    }

    /**
     * Decodes the line {@code b[pos, nl)} (a small method of its own, so that it is compiled
     * early rather than left to on-stack replacement of a long loop); false when it is not a
     * plain data row.
     */
    private boolean row(byte[] b, int pos, int nl, int line) {
        RowDecoder d = decoder;
        int s = pos, e = nl > pos && b[nl - 1] == '\r' ? nl - 1 : nl;
        while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
        if (s == e) return true;
        byte c0 = b[s];
        if (c0 >= 'a' && c0 <= 'z') return false;
        int status = d.decode(b, s, e, header);
        if (status == RowDecoder.ROW) {
            if (d.watts > TraceIntegrator.MAX_GPU_WATTS) return false;
        } else if (status != RowDecoder.MISSING) {
            return false;
        }
        if (!d.localClock || d.micros < Plausible.EARLIEST_MICROS || d.micros >= Plausible.LATEST_MICROS) return false;
        d.keepName();
        if (d.name != null) name(d.name);
        add(d.micros, status == RowDecoder.ROW ? d.watts : Double.NaN, status == RowDecoder.ROW ? -1 : d.missing, d.device, pos, line);
        return true;
    }

    private void add(long t, double w, int why, int id, int offset, int line) {
        int i = count;
        if (i == micros.length) {
            int n = 2 * i;
            micros = Arrays.copyOf(micros, n);
            watts = Arrays.copyOf(watts, n);
            missing = Arrays.copyOf(missing, n);
            device = Arrays.copyOf(device, n);
            lineStart = Arrays.copyOf(lineStart, n);
            lineNo = Arrays.copyOf(lineNo, n);
        }
        micros[i] = t;
        watts[i] = w;
        missing[i] = (byte) why;
        device[i] = id;
        lineStart[i] = offset;
        lineNo[i] = line;
        count = i + 1;
    }

    /** As the sequential reading keeps names: a changed, real name is kept (the first 16 distinct suffice). */
    private void name(String n) {
        if (names.size() == nameRows.length || names.contains(n)) return;
        nameRows[names.size()] = count;
        names.add(n);
    }

    /** Adds to {@code into} the names first seen before row {@code upTo}, as the sequential reading would have. */
    void mergeNames(Set<String> into, int upTo) {
        for (int i = 0; i < names.size() && nameRows[i] < upTo; i++) {
            if (into.size() < 16) into.add(names.get(i));
        }
    }
}
