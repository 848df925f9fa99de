package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;

import io.carbonpaper.ingest.source.Fixture;

import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Event files are built here with correct TFRecord checksums. The contract's text variants (CRLF,
 * BOM, truncation) need a file that survives being handled as text, so {@link #validLines()}
 * searches for wall times whose records contain only ASCII bytes and no line breaks.
 */
class TensorBoardEventReaderTest extends ReaderContract {
    private final TensorBoardEventReader reader = new TensorBoardEventReader();

    /** Protobuf writer for the Event subset the reader decodes. */
    static final class Proto {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Proto key(int field, int type) { return varint(((long) field << 3) | type); }

        Proto fixed64(int field, long bits) {
            key(field, 1);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bits).array());
            return this;
        }

        Proto fixed32(int field, int bits) {
            key(field, 5);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bits).array());
            return this;
        }

        Proto bytes(int field, byte[] b) {
            key(field, 2).varint(b.length);
            out.writeBytes(b);
            return this;
        }

        byte[] done() { return out.toByteArray(); }

        static byte[] scalarEvent(double wall, long step, String tag, float value) {
            byte[] v = new Proto().bytes(1, tag.getBytes(StandardCharsets.UTF_8)).fixed32(2, Float.floatToIntBits(value)).done();
            byte[] summary = new Proto().bytes(1, v).done();
            return new Proto().fixed64(1, Double.doubleToLongBits(wall)).key(2, 0).varint(step).bytes(5, summary).done();
        }

        /** A scalar written the TF2 way: a DT_FLOAT tensor with the value in tensor_content. */
        static byte[] tensorEvent(double wall, long step, String tag, float value) {
            byte[] content = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
            byte[] tensor = new Proto().key(1, 0).varint(1).bytes(4, content).done();
            byte[] v = new Proto().bytes(1, tag.getBytes(StandardCharsets.UTF_8)).bytes(8, tensor).done();
            return new Proto().fixed64(1, Double.doubleToLongBits(wall)).key(2, 0).varint(step).bytes(5, new Proto().bytes(1, v).done()).done();
        }

        static byte[] bareEvent(double wall, long step) {
            return new Proto().fixed64(1, Double.doubleToLongBits(wall)).key(2, 0).varint(step).done();
        }

        static byte[] versionEvent(double wall) {
            return new Proto().fixed64(1, Double.doubleToLongBits(wall)).bytes(3, "brain.Event:2".getBytes(StandardCharsets.UTF_8)).done();
        }
    }

    static byte[] record(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        b.put(len).putInt(TensorBoardEventReader.masked(len, 0, 8)).put(data).putInt(TensorBoardEventReader.masked(data, 0, data.length));
        return b.array();
    }

    static byte[] file(byte[]... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : events) out.writeBytes(record(e));
        return out.toByteArray();
    }

    private static boolean textSafe(byte[] b) {
        for (byte x : b) if (x < 0 || x == '\n' || x == '\r') return false;
        return true;
    }

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "events.out.tfevents.1700000000.host.1.0"; }
    @Override protected int headerLineCount() { return 0; }

    @Override protected List<String> validLines() {
        // Bare events (wall_time, step): a Summary value's key byte is 0x0a, a line break, and
        // "brain.Event:2" is 13 bytes long, a carriage return; the tests below cover both.
        byte[] first = textSafeRecord(wall -> Proto.bareEvent(wall, 1), 64);
        byte[] second = textSafeRecord(wall -> Proto.bareEvent(wall, 7), 300);
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return List.of(new String(all, StandardCharsets.ISO_8859_1));
    }

    /**
     * A record of the event whose framing bytes are all ASCII without line breaks: the length
     * checksum depends only on the length, so an unknown field (which readers must skip) pads the
     * event until that checksum is safe; then the wall time is varied until the data checksum is.
     */
    /* Wall times must stay below 512 s: above, the second byte of the double is 0x80 or more. */
    private static byte[] textSafeRecord(java.util.function.DoubleFunction<byte[]> event, double wall0) {
        for (int pad = 0; pad < 2_000; pad++) {
            byte[] padding = padding(pad);
            byte[] header = Arrays.copyOf(record(concat(event.apply(wall0), padding)), 12);
            if (!textSafe(header)) continue;
            for (int k = 0; k < 1_000; k++) {
                byte[] r = record(concat(event.apply(wall0 + k / 8.0), padding));
                if (textSafe(r)) return r;
            }
        }
        throw new AssertionError("no text-safe record found");
    }

    /** Unknown field 15 (a string), in chunks short enough for a one-byte length. */
    private static byte[] padding(int n) {
        Proto p = new Proto();
        while (n > 0) {
            int chunk = Math.min(n, 100);
            byte[] b = new byte[chunk];
            Arrays.fill(b, (byte) 'x');
            p.bytes(15, b);
            n -= chunk;
        }
        return p.done();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOfSatisfying(TrainingLog.class,
                l -> {
                    assertThat(l.runtime().orElseThrow().seconds()).isPositive();
                    assertThat(l.hyperparameters()).containsEntry("last_step", "7");
                });
    }

    private Fixture.Read events(byte[] content) throws IOException {
        return Fixture.readBytes(reader, dir, content, fileName());
    }

    @Test void spanOfWallTimesIsTheRuntimeAndLastValuePerTagTheMetric() throws IOException {
        Fixture.Read r = events(file(Proto.versionEvent(1_700_000_000.0), Proto.scalarEvent(1_700_000_010.0, 1, "train/loss", 2.0f),
                Proto.scalarEvent(1_700_000_020.0, 1, "lr", 0.1f), Proto.scalarEvent(1_700_003_600.0, 100, "train/loss", 1.25f)));
        TrainingLog l = r.only(TrainingLog.class);
        assertThat(l.start()).contains(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(l.end()).contains(Instant.ofEpochSecond(1_700_003_600L));
        assertThat(l.runtime().orElseThrow().value()).isCloseTo(1.0, within(1e-9));
        assertThat(l.metrics()).containsEntry("train/loss", 1.25).containsEntry("lr", (double) 0.1f);
        assertThat(l.hyperparameters()).containsEntry("last_step", "100");
        assertThat(r.problems()).isEmpty();
    }

    @Test void tensorScalarsAreRead() throws IOException {
        TrainingLog l = events(file(Proto.versionEvent(1.0e9), Proto.tensorEvent(1.0e9 + 5, 3, "eval/acc", 0.75f))).only(TrainingLog.class);
        assertThat(l.metrics()).containsEntry("eval/acc", 0.75);
    }

    @Test void aCorruptRecordIsAProblemAtItsByteOffsetAndEarlierRecordsAreKept() throws IOException {
        byte[] good = file(Proto.versionEvent(1.0e9), Proto.scalarEvent(1.0e9 + 60, 1, "loss", 3.0f));
        byte[] bad = record(Proto.scalarEvent(1.0e9 + 120, 2, "loss", 1.0f));
        bad[bad.length - 1] ^= 0x55;
        byte[] all = Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Fixture.Read r = events(all);
        assertThat(r.only(TrainingLog.class).metrics()).containsEntry("loss", 3.0);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.line()).isEqualTo(good.length);
            assertThat(p.message()).contains("byte offset " + good.length);
        });
    }

    @Test void aFileThatIsNotTfRecordIsRefused() {
        assertThatThrownBy(() -> events("wall_time,step,value\n1,2,3\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InputException.class).hasMessageContaining("TFRecord");
    }

    @Test void sniffsByNameOrByAValidFirstRecord() throws IOException {
        byte[] f = file(Proto.versionEvent(1.0e9));
        java.nio.file.Path p = dir.resolve("renamed.bin");
        java.nio.file.Files.write(p, f);
        assertThat(reader.sniff(new InputSource(p, "renamed.bin"))).isTrue();
        f[f.length - 1] ^= 1;
        java.nio.file.Files.write(p, f);
        assertThat(reader.sniff(new InputSource(p, "renamed.bin"))).isFalse();
    }
}
