package io.carbonpaper.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Reads a large plain file in line-aligned chunks: worker threads decode chunks side by side, and
 * the calling thread takes each chunk, decoded, in file order. The caller's {@link Sink} applies
 * everything that depends on what came before (a running clock, the header in force, problems in
 * line order), so a reader that uses this gives exactly what its sequential reading gives, on more
 * than one core. While the chunk it needs next is not decoded yet, the calling thread decodes the
 * chunks no worker has begun, in file order, rather than wait: so {@code threads} workers and the
 * calling thread keep {@code threads + 1} cores busy (issue 20: on two cores one worker beside the
 * calling thread read the 24-hour trace with less CPU than two, which left three threads to share them).
 *
 * <p>A chunk ends just after the first {@code \n} at or beyond its nominal size, so every line lies
 * in one chunk and chunks are found without reading ahead of the workers. The file's start (up to
 * {@code firstChunkEnd}: a banner and the header) and any chunk that outgrows its buffer (a line of
 * megabytes in a broken file) are streamed to the sink instead, so memory stays bounded: at most
 * {@code threads + 2} chunk buffers are alive. The SHA-256 of the file is computed on the way, in
 * order, and handed to the {@link InputSource}; so is the progress count.
 *
 * @param <D> what a worker decodes a chunk into; one per buffer, reused from chunk to chunk
 */
public final class ChunkedLines<D> {
    /**
     * Decodes {@code buf[0, length)}, whole lines, into {@code into}. Runs on a worker thread, or on
     * the calling thread while it would wait.
     */
    public interface Worker<D> {
        void decode(byte[] buf, int length, D into);
    }

    /** Takes the chunks in file order, on the calling thread. */
    public interface Sink<D> {
        /**
         * A chunk of whole lines, {@code buf[0, length)}, decoded by a worker.
         *
         * @param linesBefore lines of the file before this chunk
         * @return the number of lines in the chunk (what {@link ByteLines} would number them)
         */
        long chunk(byte[] buf, int length, long linesBefore, D decoded) throws IOException;

        /** A stretch of whole lines to read as a stream, as {@link #chunk} returning its line count. */
        long stream(InputStream in, long linesBefore) throws IOException;
    }

    /** How far past a chunk's nominal end a line may run before the chunk is streamed instead. */
    private static final int SLACK = ByteLines.MAX_LINE + 4096;

    private final InputSource source;
    private final int chunkBytes;
    private final int threads;
    private final Supplier<D> states;
    private final Worker<D> worker;

    /**
     * @param chunkBytes the nominal chunk size (at least 1; tests use tiny chunks)
     * @param threads    worker threads besides the calling thread (at least 1)
     * @param states     makes the per-buffer decode state
     */
    public ChunkedLines(InputSource source, int chunkBytes, int threads, Supplier<D> states, Worker<D> worker) {
        if (chunkBytes < 1 || threads < 1) throw new IllegalArgumentException("chunkBytes and threads must be positive");
        this.source = source;
        this.chunkBytes = chunkBytes;
        this.threads = threads;
        this.states = states;
        this.worker = worker;
    }

    /** One buffer and its decode state: owned by one worker, then by the sink, then free again. */
    private final class Slot {
        byte[] buf = new byte[0];
        final D state = states.get();
        int length;
    }

    /**
     * Reads the whole file: its start streamed (without a UTF-8 byte-order mark) up to the end of the
     * line that holds byte {@code firstChunkEnd - 1} (at least the first line), then the rest in
     * decoded chunks.
     */
    public void read(long firstChunkEnd, Sink<D> sink) throws IOException {
        MessageDigest md = source.digestInOrder();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "carbonpaper-chunk");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel ch = source.channel()) {
            long size = ch.size();
            long lines = 0;
            long first = lineEnd(ch, Math.max(firstChunkEnd, 1) - 1, size);
            try (java.io.PushbackInputStream in = new java.io.PushbackInputStream(new Region(ch, 0, first, md), 3)) {
                byte[] bom = in.readNBytes(3);
                if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) in.unread(bom);
                lines += sink.stream(in, lines);
                in.transferTo(java.io.OutputStream.nullOutputStream()); // every byte hashed, whatever the sink read
            }
            ArrayDeque<Slot> free = new ArrayDeque<>();
            for (int i = 0; i < threads + 2; i++) free.add(new Slot());
            ArrayDeque<Future<Slot>> inFlight = new ArrayDeque<>();
            ArrayDeque<long[]> ranges = new ArrayDeque<>();
            long next = first;
            while (next < size || !inFlight.isEmpty()) {
                while (next < size && !free.isEmpty() && inFlight.size() < threads + 2) {
                    long end = lineEnd(ch, next + chunkBytes - 1, size);
                    long[] range = {next, end};
                    ranges.add(range);
                    next = end;
                    if (end - range[0] > chunkBytes + (long) SLACK) {
                        inFlight.add(java.util.concurrent.CompletableFuture.completedFuture(null)); // streamed in turn
                    } else {
                        Slot slot = free.poll();
                        FutureTask<Slot> task = new FutureTask<>(() -> fill(ch, range[0], range[1], slot));
                        pool.execute(task);
                        inFlight.add(task);
                    }
                }
                long[] range = ranges.poll();
                decodeWhileWaiting(inFlight);
                Slot slot = await(inFlight.poll());
                if (slot == null) {
                    try (InputStream in = new Region(ch, range[0], range[1], md)) {
                        lines += sink.stream(in, lines);
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                } else {
                    md.update(slot.buf, 0, slot.length);
                    source.countRead(slot.length);
                    lines += sink.chunk(slot.buf, slot.length, lines, slot.state);
                    free.add(slot);
                }
            }
            source.hashed(md);
        } finally {
            pool.shutdownNow();
        }
    }

    private Slot fill(FileChannel ch, long from, long to, Slot slot) throws IOException {
        int length = (int) (to - from);
        if (slot.buf.length < length) slot.buf = new byte[Math.max(length, Math.min(chunkBytes + SLACK, chunkBytes + (chunkBytes >> 3)))];
        ByteBuffer bb = ByteBuffer.wrap(slot.buf, 0, length);
        long at = from;
        while (bb.hasRemaining()) {
            int n = ch.read(bb, at);
            if (n < 0) throw new IOException("file shrank while being read");
            at += n;
        }
        slot.length = length;
        worker.decode(slot.buf, length, slot.state);
        return slot;
    }

    /**
     * Until the first chunk in flight is decoded, decodes on the calling thread, in file order, the
     * chunks in flight that no worker has begun: a task runs once, on whichever thread gets to it
     * first ({@link FutureTask#run} does nothing once a worker has it), and its result or failure
     * reaches the caller through its future either way.
     */
    private void decodeWhileWaiting(ArrayDeque<Future<Slot>> inFlight) {
        Future<?> next = inFlight.peek();
        for (Future<?> f : inFlight) {
            if (next.isDone()) return;
            if (f instanceof FutureTask<?> task) task.run();
        }
    }

    /** Just after the first {@code \n} at or after {@code at}, or the end of the file. */
    private static long lineEnd(FileChannel ch, long at, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 14);
        while (at < size) {
            window.clear();
            int n = ch.read(window, at);
            if (n <= 0) break;
            byte[] a = window.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') return at + i + 1;
            }
            at += n;
        }
        return size;
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error x) throw x;
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
    }

    /** {@code [from, to)} of the file as a stream, hashed and counted as it passes. */
    private final class Region extends InputStream {
        private final FileChannel ch;
        private final long to;
        private final MessageDigest md;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        private long at;

        Region(FileChannel ch, long from, long to, MessageDigest md) {
            this.ch = ch;
            this.at = from;
            this.to = to;
            this.md = md;
            buf.limit(0);
        }

        private boolean fill() throws IOException {
            if (buf.hasRemaining()) return true;
            if (at >= to) return false;
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), to - at));
            int n = ch.read(buf, at);
            if (n <= 0) throw new IOException("file shrank while being read");
            at += n;
            buf.flip();
            md.update(buf.array(), 0, buf.limit());
            source.countRead(buf.limit());
            return true;
        }

        @Override public int read() throws IOException {
            return fill() ? buf.get() & 0xFF : -1;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        @Override public int available() {
            return (int) Math.min(Integer.MAX_VALUE, buf.remaining() + (to - at));
        }
    }
}
