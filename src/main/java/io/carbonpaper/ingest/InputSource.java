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
    private final java.util.concurrent.atomic.AtomicLong bytesRead;
    private byte[] head;
    private volatile String sha256;

    public InputSource(Path path, String name) { this(path, name, new java.util.concurrent.atomic.AtomicLong()); }

    /** @param bytesRead counts the raw bytes read by full opens, for a progress display */
    public InputSource(Path path, String name, java.util.concurrent.atomic.AtomicLong bytesRead) {
        this.path = Objects.requireNonNull(path, "path");
        this.name = Objects.requireNonNull(name, "name");
        this.bytesRead = Objects.requireNonNull(bytesRead, "bytesRead");
    }

    /**
     * The SHA-256 of the file's bytes as stored. Computed on the way when a reader reads the file
     * to its end through {@link #open()}, so a large trace is not read twice; otherwise read now.
     */
    public String sha256() throws IOException {
        if (sha256 == null) {
            try (InputStream in = new HashingInputStream(Files.newInputStream(path), null)) {
                byte[] buf = new byte[1 << 16];
                HashingInputStream h = (HashingInputStream) in;
                while (h.read(buf) > 0) { /* drain */ }
                sha256 = h.hex();
            }
        }
        return sha256;
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
        InputStream raw = new BufferedInputStream(new HashingInputStream(Files.newInputStream(path), this), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        InputStream in;
        try {
            in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            raw.close();
            // GZIPInputStream throws EOFException without a message when the header itself is cut short
            throw new InputException(0, "gzip file cut short or damaged in its header (a truncated copy?)");
        }
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
            try (InputStream in = openForHead()) {
                int r;
                while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) n += r;
            } catch (IOException e) {
                // keep what was read: sniffing works on a prefix
            }
            head = Arrays.copyOf(buf, n);
        }
        return head;
    }

    private InputStream openForHead() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), HEAD_BYTES);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, HEAD_BYTES), HEAD_BYTES) : raw;
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) in.reset();
        return in;
    }

    /**
     * Hashes and counts the raw bytes as they pass; when the stream reaches its end the digest is
     * kept by the source ({@code owner}), so hashing costs no second pass over the file.
     */
    private static final class HashingInputStream extends java.io.FilterInputStream {
        private final InputSource owner;
        private final java.security.MessageDigest md;
        private boolean done;

        HashingInputStream(InputStream in, InputSource owner) {
            super(in);
            this.owner = owner;
            try {
                md = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                md.update((byte) b);
                count(1);
            } else finish();
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                count(n);
            } else if (n < 0) finish();
            return n;
        }

        @Override public long skip(long n) throws IOException {
            done = true; // skipped bytes are not hashed: this stream's digest is no longer the file's
            return super.skip(n);
        }

        @Override public boolean markSupported() { return false; }

        private void count(int n) { if (owner != null) owner.bytesRead.addAndGet(n); }

        private void finish() {
            if (done) return;
            done = true;
            if (owner != null) owner.sha256 = hex();
        }

        String hex() { return java.util.HexFormat.of().formatHex(md.digest()); }
    }

    /** The head as text (UTF-8, lenient). */
    public String headText() { return new String(head(), StandardCharsets.UTF_8); }

    @Override public String toString() { return name; }
}
