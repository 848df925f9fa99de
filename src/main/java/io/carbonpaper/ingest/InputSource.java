package io.carbonpaper.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * One input file, opened as many times as readers need it. Gzip is undone transparently
 * (recognised by its magic bytes, not its name), and a UTF-8 byte-order mark is skipped.
 */
public final class InputSource {
    /** How much of a file sniffing looks at. */
    public static final int HEAD_BYTES = 8192;

    private final Path path;
    private final String name;
    private byte[] head;

    public InputSource(Path path, String name) {
        this.path = Objects.requireNonNull(path, "path");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The file on disk. */
    public Path path() { return path; }

    /** The path relative to the logs folder, with '/' separators: what messages and the report show. */
    public String name() { return name; }

    /** The file name without folders and without a trailing {@code .gz}. */
    public String fileName() {
        String f = path.getFileName().toString();
        return f.endsWith(".gz") ? f.substring(0, f.length() - 3) : f;
    }

    public boolean isGzip() throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** The content, decompressed, with a UTF-8 BOM removed. */
    public InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) in.reset();
        return in;
    }

    /** A UTF-8 text reader over {@link #open()}; malformed bytes become U+FFFD rather than failing. */
    public BufferedReader reader() throws IOException {
        return new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Up to {@link #HEAD_BYTES} of decompressed content; a truncated gzip yields what could be read. */
    public byte[] head() {
        if (head == null) {
            byte[] buf = new byte[HEAD_BYTES];
            int n = 0;
            try (InputStream in = open()) {
                int r;
                while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) n += r;
            } catch (IOException e) {
                // keep what was read: sniffing works on a prefix
            }
            head = Arrays.copyOf(buf, n);
        }
        return head;
    }

    /** The head as text (UTF-8, lenient). */
    public String headText() { return new String(head(), StandardCharsets.UTF_8); }

    @Override public String toString() { return name; }
}
