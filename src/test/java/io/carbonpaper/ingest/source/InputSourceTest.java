package io.carbonpaper.ingest.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class InputSourceTest {
    @TempDir Path dir;

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        for (int i = 0; i < n; i++) if (b[i] == 0x1f || (b[i] & 0xFF) == 0xEF) b[i] = 'x'; // no gzip magic, no BOM
        return b;
    }

    private static byte[] readAll(InputSource s) throws IOException {
        try (InputStream in = s.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void filesAroundTheHeadSizeReadTheSameWhetherKeptWholeOrNot() throws Exception {
        for (int n : new int[] {0, 1, InputSource.HEAD_BYTES - 1, InputSource.HEAD_BYTES, InputSource.HEAD_BYTES + 2,
                InputSource.HEAD_BYTES + 3, InputSource.HEAD_BYTES + 4, 3 * InputSource.HEAD_BYTES}) {
            byte[] data = random(n, n);
            Path f = dir.resolve("f" + n);
            Files.write(f, data);
            AtomicLong counted = new AtomicLong();
            InputSource s = new InputSource(f, "f", counted);
            assertThat(s.head()).as("head of %d bytes", n).isEqualTo(java.util.Arrays.copyOf(data, Math.min(n, InputSource.HEAD_BYTES)));
            assertThat(readAll(s)).as("content of %d bytes", n).isEqualTo(data);
            assertThat(s.sha256()).as("hash of %d bytes", n).isEqualTo(sha(data));
            assertThat(counted.get()).as("bytes counted for progress").isEqualTo(n);
        }
    }

    @Test
    void aByteOrderMarkIsSkippedInContentButHashedAsStored() throws Exception {
        byte[] text = "timestamp, index, power.draw [W]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        raw.write(text);
        Path f = dir.resolve("bom.csv");
        Files.write(f, raw.toByteArray());
        InputSource s = new InputSource(f, "bom.csv");
        assertThat(s.headText()).startsWith("timestamp");
        assertThat(readAll(s)).isEqualTo(text);
        assertThat(s.sha256()).isEqualTo(sha(raw.toByteArray()));
    }

    @Test
    void aSmallGzipFileIsStillDecompressed() throws Exception {
        byte[] text = "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text);
        }
        Path f = dir.resolve("t.csv.gz");
        Files.write(f, gz.toByteArray());
        InputSource s = new InputSource(f, "t.csv.gz");
        assertThat(s.head()).isEqualTo(text);
        assertThat(readAll(s)).isEqualTo(text);
        assertThat(s.sha256()).as("the hash is of the file as stored").isEqualTo(sha(gz.toByteArray()));
    }

    @Test
    void hashingOnAnotherThreadGivesTheSameHashAndTheReaderStillCountsBytes() throws Exception {
        byte[] data = random(5 << 20, 3);
        Path f = dir.resolve("big");
        Files.write(f, data);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicLong counted = new AtomicLong();
            InputSource s = new InputSource(f, "big", counted);
            s.hashInBackground(pool);
            assertThat(readAll(s)).isEqualTo(data);
            assertThat(s.sha256()).isEqualTo(sha(data));
            assertThat(counted.get()).isEqualTo(data.length);
        } finally {
            pool.shutdown();
        }
    }
}
