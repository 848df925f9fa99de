package io.carbonpaper.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without making a String per line: each line is handed to a
 * {@link Handler} as a range of a shared buffer, without its {@code \n} or {@code \r\n}. The
 * buffer is reused, so a handler must copy what it keeps. A line longer than {@link #MAX_LINE}
 * bytes (binary data, a file without newlines) is reported by {@link Handler#tooLong} and
 * skipped, so memory stays bounded whatever the input.
 */
public final class ByteLines {
    public static final int MAX_LINE = 1 << 20;
    private static final int CHUNK = 1 << 20;
    /** First buffer size: a small file (most logs) costs no more; the buffer grows while reads keep filling it. */
    private static final int FIRST = 1 << 16;

    public interface Handler {
        void line(byte[] buf, int start, int end, long lineNumber) throws IOException;

        void tooLong(long lineNumber) throws IOException;
    }

    private ByteLines() {}

    /** Reads {@code in} to its end, calling {@code handler} once per line (1-based numbers). */
    public static void read(InputStream in, Handler handler) throws IOException {
        // A small file (available() is its exact size for files read whole) gets a buffer its size.
        byte[] buf = new byte[(int) Math.max(4096, Math.min(FIRST, (long) in.available() + 1))];
        int start = 0, end = 0, scan = 0;
        long line = 0;
        boolean eof = false, skipping = false;
        while (true) {
            int nl = -1;
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') { nl = i; break; }
            }
            if (nl < 0) {
                if (eof) {
                    if (start < end && !skipping) handler.line(buf, start, trimCr(buf, start, end), ++line);
                    return;
                }
                if (end - start >= MAX_LINE) {
                    if (!skipping) handler.tooLong(++line);
                    skipping = true;
                    start = end = 0;
                } else if (start > 0 && end > buf.length - buf.length / 4) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.length) buf = Arrays.copyOf(buf, Math.min(MAX_LINE + CHUNK, 2 * buf.length)); // a long line
                scan = end;
                int want = buf.length - end;
                int r = in.read(buf, end, want);
                if (r < 0) eof = true;
                else {
                    end += r;
                    // A read that filled the buffer: a large file, so read in bigger pieces.
                    if (r == want && buf.length < MAX_LINE + CHUNK) {
                        buf = grow(buf, start, end);
                        end -= start;
                        scan -= start;
                        start = 0;
                    }
                }
                continue;
            }
            if (skipping) skipping = false;
            else handler.line(buf, start, trimCr(buf, start, nl), ++line);
            start = scan = nl + 1;
        }
    }

    /** A buffer twice as large holding {@code buf[start, end)} at its beginning. */
    private static byte[] grow(byte[] buf, int start, int end) {
        byte[] bigger = new byte[Math.min(MAX_LINE + CHUNK, 2 * buf.length)];
        System.arraycopy(buf, start, bigger, 0, end - start);
        return bigger;
    }

    private static int trimCr(byte[] buf, int start, int end) {
        return end > start && buf[end - 1] == '\r' ? end - 1 : end;
    }
}
