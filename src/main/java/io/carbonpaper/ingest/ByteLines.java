package io.carbonpaper.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without making a String per line: each line is handed to a
 * {@link Handler} as a range of a shared buffer, without its {@code \n} or {@code \r\n}. The
 * buffer is reused, so a handler must copy what it keeps. A line longer than {@link #MAX_LINE}
 * bytes (binary data, a file without newlines) is reported by {@link Handler#tooLong} and
 * skipped, so memory stays bounded whatever the input.
 */
final class ByteLines {
    static final int MAX_LINE = 1 << 20;
    private static final int CHUNK = 1 << 20;

    interface Handler {
        void line(byte[] buf, int start, int end, long lineNumber) throws IOException;

        void tooLong(long lineNumber) throws IOException;
    }

    private ByteLines() {}

    /** Reads {@code in} to its end, calling {@code handler} once per line (1-based numbers). */
    static void read(InputStream in, Handler handler) throws IOException {
        byte[] buf = new byte[MAX_LINE + CHUNK];
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
                } else if (start > 0 && end > buf.length - CHUNK / 2) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                scan = end;
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) eof = true;
                else end += r;
                continue;
            }
            if (skipping) skipping = false;
            else handler.line(buf, start, trimCr(buf, start, nl), ++line);
            start = scan = nl + 1;
        }
    }

    private static int trimCr(byte[] buf, int start, int end) {
        return end > start && buf[end - 1] == '\r' ? end - 1 : end;
    }
}
