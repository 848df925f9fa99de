package io.carbonpaper.ingest.source;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkedLinesTest {
    @TempDir Path dir;

    /** A worker's view of a chunk: its lines, as text; the sink numbers them. */
    private static final class Seen {
        final List<String> lines = new ArrayList<>();
        String thread;
    }

    /** What reading a file in chunks handed over, as "number:text" per line, and what ByteLines gives. */
    private record Outcome(List<String> lines, String sha256, long counted, boolean anyChunkDecoded) {}

    private static List<String> sequential(byte[] content) throws IOException {
        List<String> out = new ArrayList<>();
        int bom = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteLines.read(new ByteArrayInputStream(content, bom, content.length - bom), handler(out, 0));
        return out;
    }

    private static ByteLines.Handler handler(List<String> out, long base) {
        return new ByteLines.Handler() {
            @Override public void line(byte[] buf, int start, int end, long no) {
                out.add((base + no) + ":" + new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
            }

            @Override public void tooLong(long no) { out.add((base + no) + ":TOO LONG"); }
        };
    }

    private Outcome chunked(byte[] content, long firstChunkEnd, int chunkBytes, int threads) throws IOException {
        return chunked(dir, content, firstChunkEnd, chunkBytes, threads);
    }

    private static Outcome chunked(Path dir, byte[] content, long firstChunkEnd, int chunkBytes, int threads) throws IOException {
        Path f = dir.resolve("f.txt");
        Files.write(f, content);
        AtomicLong counted = new AtomicLong();
        InputSource source = new InputSource(f, "f.txt", counted);
        List<String> out = new ArrayList<>();
        boolean[] decoded = {false};
        String caller = Thread.currentThread().getName();
        new ChunkedLines<>(source, chunkBytes, threads, Seen::new, (buf, length, seen) -> {
            seen.lines.clear();
            seen.thread = Thread.currentThread().getName();
            // Split as ByteLines does: "\n" ends a line, a trailing "\r" is dropped, a last line may lack "\n".
            int start = 0;
            for (int i = 0; i <= length; i++) {
                if (i == length ? start < length : buf[i] == '\n') {
                    int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    seen.lines.add(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
                    start = i + 1;
                }
            }
        }).read(firstChunkEnd, collecting(out, seen -> {
            assertThat(seen.thread).satisfiesAnyOf(t -> assertThat(t).startsWith("carbonpaper-chunk"), t -> assertThat(t).isEqualTo(caller));
            decoded[0] = true;
        }));
        return new Outcome(out, source.sha256(), counted.get(), decoded[0]);
    }

    /**
     * A sink that adds each line to {@code out} as "number:text", numbered as ByteLines numbers them;
     * {@code check} sees each decoded chunk first.
     */
    private static ChunkedLines.Sink<Seen> collecting(List<String> out, java.util.function.Consumer<Seen> check) {
        return new ChunkedLines.Sink<>() {
            @Override public long chunk(byte[] buf, int length, long linesBefore, Seen seen) {
                check.accept(seen);
                for (int i = 0; i < seen.lines.size(); i++) out.add((linesBefore + i + 1) + ":" + seen.lines.get(i));
                return seen.lines.size();
            }

            @Override public long stream(InputStream in, long linesBefore) throws IOException {
                int before = out.size();
                ByteLines.read(in, handler(out, linesBefore));
                return out.size() - before;
            }
        };
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] randomLines(Random r) {
        StringBuilder sb = new StringBuilder();
        int lines = r.nextInt(300);
        for (int i = 0; i < lines; i++) {
            int len = r.nextInt(10) == 0 ? r.nextInt(400) : r.nextInt(40);
            for (int j = 0; j < len; j++) sb.append((char) ('a' + r.nextInt(26)));
            sb.append(r.nextInt(8) == 0 ? "\r\n" : "\n");
        }
        if (r.nextBoolean()) sb.append("last line without a newline");
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (r.nextInt(6) != 0) return text;
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        return withBom;
    }

    @Property(tries = 300)
    void linesNumbersAndHashAreThoseOfReadingTheWholeFile(@ForAll long seed, @ForAll @IntRange(min = 1, max = 700) int chunk,
                                                          @ForAll @IntRange(min = 1, max = 3) int threads,
                                                          @ForAll @IntRange(min = 0, max = 200) int first) throws Exception {
        byte[] content = randomLines(new Random(seed));
        Path tmp = Files.createTempDirectory("chunked-lines"); // jqwik properties get no @TempDir
        try {
            Outcome o = chunked(tmp, content, first, chunk, threads);
            assertThat(o.lines()).isEqualTo(sequential(content));
            assertThat(o.sha256()).isEqualTo(sha256(content));
            assertThat(o.counted()).isEqualTo(content.length);
        } finally {
            Files.deleteIfExists(tmp.resolve("f.txt"));
            Files.delete(tmp);
        }
    }

    @Test void chunksBeyondTheFirstAreDecodedByWorkers() throws Exception {
        byte[] content = "header\nrow 1\nrow 2\nrow 3\nrow 4\n".getBytes(StandardCharsets.US_ASCII);
        Outcome o = chunked(content, 7, 6, 2);
        assertThat(o.anyChunkDecoded()).isTrue();
        assertThat(o.lines()).containsExactly("1:header", "2:row 1", "3:row 2", "4:row 3", "5:row 4");
    }

    @Test void theCallingThreadDecodesTheChunksNoWorkerHasBegunWhileItWaits() throws Exception {
        // The one worker holds any chunk it takes until the calling thread has decoded one: without the
        // calling thread's help it would hold it for the whole minute, and no chunk would be the caller's.
        Path f = dir.resolve("f.txt");
        StringBuilder text = new StringBuilder("header\n");
        for (int i = 1; i <= 40; i++) text.append("row ").append(i).append('\n');
        Files.writeString(f, text);
        String caller = Thread.currentThread().getName();
        java.util.concurrent.CountDownLatch callerDecoded = new java.util.concurrent.CountDownLatch(1);
        List<String> decoders = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> out = new ArrayList<>();
        new ChunkedLines<>(new InputSource(f, "f.txt"), 12, 1, Seen::new, (buf, length, seen) -> {
            seen.lines.clear();
            seen.thread = Thread.currentThread().getName();
            decoders.add(seen.thread);
            if (seen.thread.equals(caller)) {
                callerDecoded.countDown();
            } else {
                try {
                    callerDecoded.await(1, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.lines.addAll(new String(buf, 0, length, StandardCharsets.US_ASCII).lines().toList());
        }).read(7, collecting(out, seen -> { }));
        assertThat(out).isEqualTo(sequential(text.toString().getBytes(StandardCharsets.US_ASCII)));
        assertThat(decoders).contains(caller);
    }

    @Test void aChunkALineOfMegabytesStretchesIsStreamedNotBuffered() throws Exception {
        String monster = "x".repeat(ByteLines.MAX_LINE + 50_000);
        byte[] content = ("a\n" + monster + "\nb\n").getBytes(StandardCharsets.US_ASCII);
        Outcome o = chunked(content, 2, 16, 2);
        assertThat(o.lines()).isEqualTo(sequential(content)).containsExactly("1:a", "2:TOO LONG", "3:b");
        assertThat(o.sha256()).isEqualTo(sha256(content));
    }

    @Test void aWorkersFailureReachesTheCaller() throws IOException {
        Path f = dir.resolve("f.txt");
        Files.writeString(f, "a\nb\nc\nd\n");
        ChunkedLines<Seen> lines = new ChunkedLines<>(new InputSource(f, "f.txt"), 2, 2, Seen::new, (buf, length, seen) -> {
            throw new IllegalStateException("worker failed");
        });
        assertThatThrownBy(() -> lines.read(2, new ChunkedLines.Sink<>() {
            @Override public long chunk(byte[] buf, int length, long linesBefore, Seen seen) { return 0; }

            @Override public long stream(InputStream in, long linesBefore) throws IOException {
                return in.readAllBytes().length > 0 ? 1 : 0;
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("worker failed");
    }
}
