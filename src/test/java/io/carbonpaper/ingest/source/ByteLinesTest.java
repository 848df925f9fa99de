package io.carbonpaper.ingest.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ByteLinesTest {

    /** Lines as ByteLines hands them over; a too-long line is recorded as "TOO LONG <n>". */
    private static List<String> split(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        ByteLines.read(in, new ByteLines.Handler() {
            @Override public void line(byte[] buf, int start, int end, long no) {
                out.add(summary(no, new String(buf, start, end - start, StandardCharsets.ISO_8859_1)));
            }

            @Override public void tooLong(long no) { out.add("TOO LONG " + no); }
        });
        return out;
    }

    /** Line number, length and hash: long lines stay readable in a failure message. */
    private static String summary(long no, String line) {
        return no + ":" + (line.length() > 100 ? line.length() + ":" + line.hashCode() : line + ":" + line.length() + ":" + line.hashCode());
    }

    /** A stream that returns at most a random number of bytes per read, as pipes and gzip do. */
    private static InputStream choppy(byte[] data, long seed) {
        Random rng = new Random(seed);
        return new FilterInputStream(new java.io.ByteArrayInputStream(data)) {
            @Override public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.max(1, Math.min(len, 1 + rng.nextInt(200_000))));
            }
        };
    }

    @Test
    void linesOfEveryLengthAcrossBufferGrowthAreSplitExactly() throws IOException {
        Random rng = new Random(7);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        int[] lengths = {0, 1, 80, 65_535, 65_536, 65_537, 131_073, 700_000, ByteLines.MAX_LINE - 1, 3, 3 * ByteLines.MAX_LINE, 5};
        long no = 0;
        for (int round = 0; round < 3; round++) {
            for (int len : lengths) {
                StringBuilder sb = new StringBuilder(len);
                for (int i = 0; i < len; i++) sb.append((char) ('a' + rng.nextInt(26)));
                boolean crlf = rng.nextBoolean();
                file.writeBytes((sb + (crlf ? "\r\n" : "\n")).getBytes(StandardCharsets.ISO_8859_1));
                no++;
                if (len == 0) continue; // an empty line is still handed over, as an empty range
                expected.add(len >= ByteLines.MAX_LINE ? "TOO LONG " + no : summary(no, sb.toString()));
            }
            for (int i = 0; i < 20_000; i++) {
                String l = "2019/05/28 23:59:59.900, " + (i % 8) + ", Tesla V100, " + i + ".25 W";
                file.writeBytes((l + "\n").getBytes(StandardCharsets.ISO_8859_1));
                expected.add(summary(++no, l));
            }
        }
        file.writeBytes("last line without newline".getBytes(StandardCharsets.ISO_8859_1));
        expected.add(summary(++no, "last line without newline"));

        for (long seed = 1; seed <= 3; seed++) {
            List<String> got = split(choppy(file.toByteArray(), seed));
            got.removeIf(s -> s.endsWith(":0:0"));
            assertThat(got).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aSmallFileIsReadWhole() throws IOException {
        byte[] data = "a\nbb\r\n\nccc".getBytes(StandardCharsets.US_ASCII);
        assertThat(split(new java.io.ByteArrayInputStream(data))).containsExactly(summary(1, "a"), summary(2, "bb"), summary(3, ""), summary(4, "ccc"));
    }
}
