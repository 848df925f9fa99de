package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.ingest.source.ByteLines;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every test of {@link NvidiaSmiCsvReaderTest}, the reader contract included, through the chunked
 * path: files of any size are read in chunks of 64 bytes on two workers, so headers, banners,
 * malformed rows and clock jumps fall at chunk starts, middles and ends. Then a property: on
 * messy generated traces, chunked reading at any chunk size gives exactly what sequential reading
 * gives (the summary, every problem with its line, the file's SHA-256).
 */
class NvidiaSmiCsvReaderChunkedTest extends NvidiaSmiCsvReaderTest {
    @Override protected LogReader reader() { return new NvidiaSmiCsvReader(0, 64, 2); }

    private static ChunkedReaders.Reading read(NvidiaSmiCsvReader reader, Path file) throws IOException {
        return ChunkedReaders.read(reader, file, "trace.csv");
    }

    @Property(tries = 300)
    void chunkedReadingGivesExactlyWhatSequentialReadingGives(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int chunk,
                                                              @ForAll @IntRange(min = 2, max = 3) int threads) throws Exception {
        byte[] content = messyTrace(new Random(seed));
        Path dir = Files.createTempDirectory("chunked");
        try {
            Path f = dir.resolve("trace.csv");
            Files.write(f, content);
            ChunkedReaders.Reading sequential = read(new NvidiaSmiCsvReader(Long.MAX_VALUE, chunk, 1), f);
            ChunkedReaders.Reading chunked = read(new NvidiaSmiCsvReader(0, chunk, threads), f);
            assertThat(chunked).isEqualTo(sequential);
            assertThat(chunked.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    @Test void aCleanLargeTraceIsDecodedByTheWorkersNotTheSequentialPath() throws IOException {
        StringBuilder sb = new StringBuilder("timestamp, index, name, power.draw [W]\n");
        LocalDateTime t = LocalDateTime.of(2024, 3, 1, 23, 59, 0);
        for (int i = 0; i < 20_000; i++) {
            for (int g = 0; g < 4; g++) sb.append(STAMP.format(t)).append(", ").append(g).append(", NVIDIA A100-SXM4-80GB, ")
                    .append(100 + g).append(".00 W\n");
            t = t.plusNanos(100_000_000);
        }
        Path f = dir.resolve("big.csv");
        Files.writeString(f, sb);
        ChunkedReaders.Reading r = read(new NvidiaSmiCsvReader(0, 1 << 16, 2), f);
        assertThat(r.problems()).isEmpty();
        assertThat(r).isEqualTo(read(new NvidiaSmiCsvReader(Long.MAX_VALUE, 1, 1), f));

        // A worker decodes every row of the body and leaves none to the sequential path.
        byte[] body = sb.substring(sb.indexOf("\n") + 1).getBytes(StandardCharsets.UTF_8);
        DecodedChunk rows = new DecodedChunk();
        rows.decode(body, body.length, Header.parse("timestamp, index, name, power.draw [W]"));
        assertThat(rows.stopLine).isZero();
        assertThat(rows.count).isEqualTo(80_000);
        assertThat(rows.lines).isEqualTo(80_000);
    }

    /** Setting timezone: the workers' rows go through the zone's clock as the sequential path's do, across the autumn change. */
    @Test void aTraceInANamedZoneIsPlacedAlikeByTheWorkersAndTheSequentialPath() throws IOException {
        StringBuilder sb = new StringBuilder("timestamp, index, name, power.draw [W]\n");
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.Instant real = java.time.Instant.parse("2024-10-26T23:30:00Z"); // 01:30 CEST; the clock shows 02:00-02:59 twice
        for (int i = 0; i < 12_000; i++) {
            LocalDateTime shown = LocalDateTime.ofInstant(real, zone);
            for (int g = 0; g < 2; g++) sb.append(STAMP.format(shown)).append(", ").append(g).append(", NVIDIA A100-SXM4-80GB, 100.00 W\n");
            real = real.plusSeconds(1);
        }
        Path f = dir.resolve("zoned.csv");
        Files.writeString(f, sb);
        io.carbonpaper.model.TraceSettings settings = new io.carbonpaper.model.TraceSettings(5.0, false, zone);
        List<Object> readings = new java.util.ArrayList<>();
        for (NvidiaSmiCsvReader reader : List.of(new NvidiaSmiCsvReader(0, 1 << 14, 2), new NvidiaSmiCsvReader(Long.MAX_VALUE, 1, 1))) {
            List<Finding> findings = new java.util.ArrayList<>();
            List<Problem> problems = new java.util.ArrayList<>();
            reader.read(new InputSource(f, "zoned.csv", new java.util.concurrent.atomic.AtomicLong(), settings), new io.carbonpaper.ingest.source.FindingSink() {
                @Override public void accept(Finding x) { findings.add(x); }
                @Override public void problem(Problem x) { problems.add(x); }
            });
            TraceSummary t = Fixture.single(findings);
            assertThat(problems).isEmpty(); // no clock jump: the zone's change, read as such
            assertThat(t.first()).isEqualTo(java.time.Instant.parse("2024-10-26T23:30:00Z"));
            assertThat(t.last()).isEqualTo(java.time.Instant.parse("2024-10-26T23:30:00Z").plusSeconds(11_999));
            assertThat(t.gaps()).isEmpty();
            assertThat(t.total().joules()).isCloseTo(2 * 100.0 * 11_999, within(1e-6));
            readings.add(t);
        }
        assertThat(readings.get(0)).isEqualTo(readings.get(1));
    }

    @Test void aDeviceColumnChosenFromTheHeadKeysTheChunksAsSequentialReadingDoes() throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,gpu,index,power.draw\n");
        LocalDateTime t = LocalDateTime.of(2024, 3, 1, 12, 0, 0);
        for (int i = 0; i < 5_000; i++) {
            for (int g = 0; g < 8; g++) sb.append(STAMP.format(t)).append(',').append(g).append(", 0, ").append(100 + g).append(".00\n");
            t = t.plusSeconds(1);
        }
        Path f = dir.resolve("gpu-column.csv");
        Files.writeString(f, sb);
        ChunkedReaders.Reading chunked = read(new NvidiaSmiCsvReader(0, 1 << 14, 2), f);
        assertThat(chunked).isEqualTo(read(new NvidiaSmiCsvReader(Long.MAX_VALUE, 1, 1), f));
        assertThat(chunked.problems()).isEmpty();
        assertThat(((io.carbonpaper.model.TraceSummary) chunked.findings().get(0)).devices()).hasSize(8);
    }

    @Test void aLineOfMegabytesIsStreamedAndReportedAsSequentialReadingWould() throws IOException {
        StringBuilder sb = new StringBuilder("timestamp, index, name, power.draw [W]\n");
        LocalDateTime t = LocalDateTime.of(2024, 3, 1, 12, 0, 0);
        for (int i = 0; i < 3000; i++) {
            if (i == 1000) sb.append("x".repeat(ByteLines.MAX_LINE + 100_000)).append('\n');
            if (i == 2000) sb.append("2024/03/01 12:03:20.000, 0, Tesla V100, ").append("9".repeat(2 * ByteLines.MAX_LINE)).append(" W\n");
            sb.append(STAMP.format(t)).append(", 0, Tesla V100, 250.00 W\n");
            t = t.plusNanos(100_000_000);
        }
        Path f = dir.resolve("long-lines.csv");
        Files.writeString(f, sb);
        ChunkedReaders.Reading chunked = read(new NvidiaSmiCsvReader(0, 4096, 2), f);
        assertThat(chunked).isEqualTo(read(new NvidiaSmiCsvReader(Long.MAX_VALUE, 1, 1), f));
        assertThat(chunked.problems()).extracting(Problem::line).containsExactly(1002L, 2003L);
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS");

    /** A trace with most of what real files hold: banners, repeated and changed headers, placeholders, bad rows, clock jumps. */
    static byte[] messyTrace(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(8) == 0) out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        if (r.nextInt(4) == 0) sb.append("+-----------------------------------------------------------------------------+\n| NVIDIA-SMI 535.104.05 |\n");
        String[] headers = {
                "timestamp, index, name, power.draw [W], utilization.gpu [%]",
                "timestamp, name, index, power.draw [W]",
                "timestamp, uuid, name, power.draw [W]",
                "index, timestamp, power.draw.average [W], name",
                "timestamp, index, power.draw"};
        int header = r.nextInt(headers.length);
        sb.append(headers[header]).append(r.nextInt(6) == 0 ? "\r\n" : "\n");
        LocalDateTime t = LocalDateTime.of(2023, 10, 29, 0, 59, 50).plusSeconds(r.nextInt(100_000));
        int rows = r.nextInt(400);
        int gpus = 1 + r.nextInt(4);
        for (int i = 0; i < rows; i++) {
            int roll = r.nextInt(100);
            if (roll == 0) {
                header = r.nextInt(4) == 0 ? r.nextInt(headers.length) : header;
                sb.append(headers[header]).append('\n');
                continue;
            }
            if (roll == 1) t = t.minusMinutes(59);               // daylight saving ends
            else if (roll == 2) t = t.plusMinutes(62);           // a forward jump
            else if (roll == 3) t = t.minusSeconds(3);           // backwards a little
            else if (roll == 4) sb.append('\n');
            else if (roll == 5) sb.append("   \t \n");
            else if (roll == 6) sb.append("garbage, ,,, here\n");
            else if (roll == 7) sb.append("not a row at all\n");
            else if (roll != 8) t = t.plusNanos(100_000_000L * (1 + r.nextInt(3)));  // roll 8: a duplicate time
            for (int g = 0; g < gpus; g++) {
                String time = r.nextInt(150) == 0 ? t.toString() + "+01:00" : r.nextInt(300) == 0 ? "yesterday" : STAMP.format(t);
                String dev = headers[header].contains("uuid") ? "GPU-" + (1000 + g) : Integer.toString(g);
                if (r.nextInt(200) == 0) dev = "";
                String name = switch (r.nextInt(60)) {
                    case 0 -> "[N/A]";
                    case 1 -> "Tesla V100-SXM2-16GB, rev, b";
                    case 2 -> "NVIDIA A100-SXM4-80GB";
                    default -> "Tesla V100-SXM2-16GB";
                };
                String power = switch (r.nextInt(40)) {
                    case 0 -> "[N/A]";
                    case 1 -> "[Not Supported]";
                    case 2 -> "[Something Else]";
                    case 3 -> "12a W";
                    case 4 -> "2500.00 W";
                    default -> String.format(java.util.Locale.ROOT, "%.2f W", 40 + r.nextDouble() * 260);
                };
                String line = switch (header) {
                    case 0 -> time + ", " + dev + ", " + name + ", " + power + ", " + r.nextInt(101) + " %";
                    case 1 -> time + ", " + name + ", " + dev + ", " + power;
                    case 2 -> time + ", " + dev + ", " + name + ", " + power;
                    case 3 -> dev + ", " + time + ", " + power + ", " + name;
                    default -> time + ", " + dev + ", " + power.replace(" W", "");
                };
                sb.append(line).append(r.nextInt(30) == 0 ? "\r\n" : "\n");
            }
        }
        if (r.nextInt(5) == 0 && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') sb.setLength(sb.length() - 1);
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
