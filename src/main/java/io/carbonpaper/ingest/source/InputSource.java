package io.carbonpaper.ingest.source;


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
    /** The logs folder this file lies in and the file relative to it, when listed from one: opened without following links. */
    private final LogsFolder folder;
    private final Path relative;
    private final java.util.concurrent.atomic.AtomicLong bytesRead;
    private byte[] head;
    private String headText;
    private byte[] whole; // the raw file, when it fits in the head and is not gzip
    private boolean gzip;
    private int bom; // bytes of a UTF-8 byte-order mark before the head
    private volatile String sha256;
    private volatile java.util.concurrent.Future<String> hashing;
    private java.util.concurrent.ExecutorService hashExecutor; // hashInBackground's, until open() starts it
    private boolean hashedInOrder; // a reader feeds the digest itself (digestInOrder)

    public InputSource(Path path, String name) { this(path, name, new java.util.concurrent.atomic.AtomicLong()); }

    /** @param bytesRead counts the raw bytes read by full opens, for a progress display */
    public InputSource(Path path, String name, java.util.concurrent.atomic.AtomicLong bytesRead) {
        this(path, name, bytesRead, io.carbonpaper.model.TraceSettings.DEFAULT);
    }

    /** @param traceSettings how readers of this file integrate power ({@link #traceIntegrator}) */
    public InputSource(Path path, String name, java.util.concurrent.atomic.AtomicLong bytesRead,
                       io.carbonpaper.model.TraceSettings traceSettings) {
        this(null, path, null, name, bytesRead, traceSettings);
    }

    /**
     * A file listed inside {@code folder}: every open goes through {@link LogsFolder#open}, so a
     * file or folder swapped for a link after the listing is refused, not read.
     *
     * @param relative the file relative to the folder's real path
     */
    public InputSource(LogsFolder folder, Path relative, String name, java.util.concurrent.atomic.AtomicLong bytesRead,
                       io.carbonpaper.model.TraceSettings traceSettings) {
        this(Objects.requireNonNull(folder, "folder"), folder.path().resolve(relative), relative, name, bytesRead, traceSettings);
    }

    /**
     * A file read on its own, outside a scan, from the logs folder {@code logs}: a settings file or a
     * manifest, opened as the listed files are (see {@link LogsFolder}).
     *
     * @param relative the file relative to {@code logs}, with '/' separators; also its name in messages
     */
    public static InputSource inside(Path logs, String relative) throws IOException {
        return new InputSource(LogsFolder.of(logs), Path.of(relative), relative, new java.util.concurrent.atomic.AtomicLong(),
                io.carbonpaper.model.TraceSettings.DEFAULT);
    }

    private InputSource(LogsFolder folder, Path path, Path relative, String name, java.util.concurrent.atomic.AtomicLong bytesRead,
                        io.carbonpaper.model.TraceSettings traceSettings) {
        this.folder = folder;
        this.relative = relative;
        this.path = Objects.requireNonNull(path, "path");
        this.name = Objects.requireNonNull(name, "name");
        this.bytesRead = Objects.requireNonNull(bytesRead, "bytesRead");
        this.traceSettings = Objects.requireNonNull(traceSettings, "traceSettings");
    }

    private final io.carbonpaper.model.TraceSettings traceSettings;

    /** The project's settings for traces (gap factor, gap filling), for the integrator of this file's power samples. */
    public io.carbonpaper.model.TraceSettings traceSettings() { return traceSettings; }

    /** The folder of a path relative to the logs root ({@code ""} for a file at the root). */
    public static String folderOf(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /**
     * The SHA-256 of the file's bytes as stored. Computed on the way when a reader reads the file
     * to its end through {@link #open()}, so a large trace is not read twice; otherwise read now.
     */
    public String sha256() throws IOException {
        if (sha256 == null) {
            java.util.concurrent.Future<String> h = hashing;
            if (h == null) sha256 = computeSha256();
            else {
                try {
                    sha256 = h.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while hashing " + name);
                }
            }
        }
        return sha256;
    }

    /**
     * Hashes the file on {@code executor} while a reader reads it through {@link #open()}: for a
     * large file this puts the hash on a second core instead of the reader's (the second pass is
     * served by the page cache, or leads the reader as read-ahead). The hash starts with the first
     * {@link #open()}; a reader that reads the raw file itself and asks for {@link #digestInOrder()}
     * hashes it on the way instead. Call before {@link #open()}.
     */
    public synchronized void hashInBackground(java.util.concurrent.ExecutorService executor) {
        if (sha256 == null && hashing == null && !hashedInOrder) hashExecutor = executor;
    }

    /** Starts the background hash {@link #hashInBackground} asked for, if it has not started. */
    private synchronized boolean hashingApart() {
        if (hashing == null && hashExecutor != null && sha256 == null && !hashedInOrder) {
            hashing = hashExecutor.submit(this::computeSha256);
            hashExecutor = null;
        }
        return hashing != null;
    }

    /**
     * For a reader that reads the raw bytes of the file itself, in order from the first byte to the
     * last ({@link ChunkedLines}): the digest to feed them to, and then to hand back through
     * {@link #hashed}. No background hash is started any more. If the reader stops early, {@link
     * #sha256()} reads the file again.
     */
    synchronized java.security.MessageDigest digestInOrder() {
        hashedInOrder = true;
        hashExecutor = null;
        return sha256Digest();
    }

    /** The digest from {@link #digestInOrder()}, fed every byte of the file in order. */
    void hashed(java.security.MessageDigest md) { sha256 = java.util.HexFormat.of().formatHex(md.digest()); }

    /** Counts raw bytes read by a reader that reads the file itself, for the progress display. */
    void countRead(long n) { bytesRead.addAndGet(n); }

    /** The file's size in bytes as stored. */
    public long size() throws IOException {
        if (folder == null) return Files.size(path);
        try (var c = folder.open(relative)) {
            return c.size();
        }
    }

    /**
     * Another file of the same logs folder that a reader reads beside this one (an MLflow run's
     * params and metrics), opened as this one is: without following links when this file was
     * listed from a logs folder.
     *
     * @param file a path under {@link #path()}'s logs folder, as found by walking from {@link #path()}
     * @throws IOException when {@code file} does not lie in the logs folder
     */
    public InputSource beside(Path file, String name) throws IOException {
        if (folder == null) return new InputSource(file, name, bytesRead, traceSettings);
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(folder.path())) throw new LogsFolder.LinkedException(name + " lies outside the logs folder; not read");
        return new InputSource(folder, folder.path().relativize(abs), name, bytesRead, traceSettings);
    }

    /** The stored bytes, opened as {@link #channel()} is. */
    private InputStream stored() throws IOException {
        return folder == null ? Files.newInputStream(path) : java.nio.channels.Channels.newInputStream(folder.open(relative));
    }

    /**
     * The stored file as a channel, for a reader that reads it itself in pieces; inside a logs
     * folder opened without following links (see {@link LogsFolder}).
     */
    public java.nio.channels.FileChannel channel() throws IOException {
        return folder == null ? java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ) : folder.openFile(relative);
    }

    /** True when the file is stored plain (not gzip): a reader may read it itself, in pieces, at any offset. */
    public boolean isPlain() {
        head();
        return !gzip;
    }

    /** Where {@link #head()} starts in the stored file: 3 after a UTF-8 byte-order mark, else 0. */
    public int headOffset() {
        head();
        return bom;
    }

    private static java.security.MessageDigest sha256Digest() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String computeSha256() throws IOException {
        try (HashingInputStream h = new HashingInputStream(stored(), null, true)) {
            byte[] buf = new byte[1 << 16];
            while (h.read(buf) > 0) { /* drain */ }
            return h.hex();
        }
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
        try (InputStream in = stored()) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** The content, decompressed, with a UTF-8 BOM removed. */
    public InputStream open() throws IOException {
        byte[] w = whole;
        if (w != null) {
            // The head held the whole (uncompressed) file: no second open, which is most of the
            // cost of a folder of thousands of small files.
            bytesRead.addAndGet(w.length);
            if (sha256 == null) sha256 = hex(w);
            int skip = w.length >= 3 && (w[0] & 0xFF) == 0xEF && (w[1] & 0xFF) == 0xBB && (w[2] & 0xFF) == 0xBF ? 3 : 0;
            return new java.io.ByteArrayInputStream(w, skip, w.length - skip);
        }
        InputStream raw = new BufferedInputStream(new HashingInputStream(stored(), this, !hashingApart()), 1 << 16);
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
            // Read the raw start once: for a plain file it is the head, and a small file is kept
            // whole so that open() needs no second open (most of the cost of thousands of small files).
            byte[] raw = new byte[HEAD_BYTES + 3];
            int n = 0;
            boolean eof = false;
            try (InputStream in = stored()) {
                int r = 0;
                while (n < raw.length && (r = in.read(raw, n, raw.length - n)) > 0) n += r;
                eof = r < 0 || (n == raw.length && in.read() < 0);
            } catch (IOException e) {
                // keep what was read: sniffing works on a prefix
            }
            if (n >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
                gzip = true;
                head = gzipHead();
            } else {
                bom = n >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF ? 3 : 0;
                head = Arrays.copyOfRange(raw, bom, Math.min(n, bom + HEAD_BYTES));
                if (eof) whole = Arrays.copyOf(raw, n);
            }
        }
        return head;
    }

    private byte[] gzipHead() {
        byte[] buf = new byte[HEAD_BYTES];
        int n = 0;
        try (InputStream in = openForHead()) {
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) n += r;
        } catch (IOException e) {
            // keep what was read: sniffing works on a prefix
        }
        return Arrays.copyOf(buf, n);
    }

    private static String hex(byte[] bytes) { return java.util.HexFormat.of().formatHex(sha256Digest().digest(bytes)); }

    private InputStream openForHead() throws IOException {
        InputStream raw = new BufferedInputStream(stored(), HEAD_BYTES);
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
        private final boolean hash;
        private boolean done;

        /** @param hash false: only count the bytes (the file is being hashed elsewhere) */
        HashingInputStream(InputStream in, InputSource owner, boolean hash) {
            super(in);
            this.owner = owner;
            this.hash = hash;
            md = sha256Digest();
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                if (hash) md.update((byte) b);
                count(1);
            } else finish();
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                if (hash) md.update(b, off, n);
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
            if (owner != null && hash) owner.sha256 = hex();
        }

        String hex() { return java.util.HexFormat.of().formatHex(md.digest()); }
    }

    /** The head as text (UTF-8, lenient); made once, since every reader's sniff asks for it. */
    public String headText() {
        if (headText == null) headText = new String(head(), StandardCharsets.UTF_8);
        return headText;
    }

    @Override public String toString() { return name; }
}
