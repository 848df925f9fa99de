package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.source.ProtoMessage;

import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Reads TensorBoard event files ({@code events.out.tfevents.*}) without TensorFlow: a TFRecord
 * reader and a minimal protobuf wire-format decoder for the fields needed.
 *
 * <p>TFRecord framing: {@code uint64} length (little-endian), {@code uint32} masked CRC32C of
 * those 8 bytes, the data, {@code uint32} masked CRC32C of the data; mask =
 * {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8} (tensorflow record_writer). Event fields
 * (tensorflow/core/util/event.proto, summary.proto, tensor.proto): {@code wall_time} double = 1,
 * {@code step} int64 = 2, {@code file_version} string = 3, {@code summary} = 5 holding repeated
 * {@code value} = 1 with {@code tag} = 1, {@code simple_value} float = 2, {@code tensor} = 8
 * (scalar from {@code float_val} = 5, {@code double_val} = 6 or {@code tensor_content} = 4 by
 * {@code dtype} = 1).
 *
 * <p>A record with a bad checksum or an impossible length is a {@link Problem} whose "line" is
 * the record's byte offset (said in the message); reading stops there and what was read is kept.
 * Trailing bytes too short for a record header (a writer killed mid-record) are a warning.
 * Result: one {@link TrainingLog}: start and end are the first and last {@code wall_time}, the
 * runtime their span, metrics the last value of each scalar tag.
 */
public final class TensorBoardEventReader implements LogReader {
    /** No record of a scalar log comes near this; a larger length means a corrupt or foreign file. */
    private static final long MAX_RECORD = 256L << 20;
    private static final int DT_FLOAT = 1, DT_DOUBLE = 2;

    @Override public String format() { return "tensorboard-events"; }

    @Override public boolean sniff(InputSource source) {
        if (source.fileName().contains("tfevents")) return true;
        byte[] h = source.head();
        if (h.length < 12) return false;
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        long len = b.getLong(0);
        if (masked(h, 0, 8) != b.getInt(8) || len < 0 || len > h.length - 16) return false;
        if (masked(h, 12, (int) len) != b.getInt(12 + (int) len)) return false;
        Event e = Event.decode(h, 12, (int) len, null);
        return e != null && e.fileVersion != null && e.fileVersion.startsWith("brain.Event:");
    }

    /** The masked CRC32C TFRecord stores. */
    static int masked(byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        int crc = (int) c.getValue();
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, Double> metrics = new TreeMap<>();
        double first = Double.NaN, last = Double.NaN;
        long lastStep = -1, records = 0, offset = 0;
        byte[] header = new byte[12];
        try (InputStream in = source.open()) {
            while (true) {
                int got = in.readNBytes(header, 0, 12);
                if (got == 0) break;
                if (got < 12) {
                    if (records == 0) throw new InputException(0, "not a TFRecord file: " + got + " bytes, shorter than a record header");
                    sink.problem(Problem.warning(file, offset, "byte offset " + offset + ": " + got + " trailing bytes, shorter than a record header, ignored"));
                    break;
                }
                ByteBuffer hb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long len = hb.getLong(0);
                if (masked(header, 0, 8) != hb.getInt(8) || len < 0 || len > MAX_RECORD) {
                    if (records == 0) throw new InputException(0, "not a TFRecord file: bad length checksum at byte offset 0");
                    sink.problem(Problem.error(file, offset, "byte offset " + offset + ": corrupt record header (length checksum); reading stops here"));
                    break;
                }
                byte[] data = in.readNBytes((int) len + 4);
                if (data.length < len + 4) {
                    sink.problem(Problem.error(file, offset, "byte offset " + offset + ": record truncated (" + data.length + " of "
                            + (len + 4) + " bytes); reading stops here"));
                    break;
                }
                int stored = ByteBuffer.wrap(data, (int) len, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (masked(data, 0, (int) len) != stored) {
                    if (records == 0) throw new InputException(0, "not a TFRecord file: bad data checksum at byte offset 0");
                    sink.problem(Problem.error(file, offset, "byte offset " + offset + ": record data checksum mismatch; reading stops here"));
                    break;
                }
                Event e = Event.decode(data, 0, (int) len, metrics);
                if (e == null) {
                    sink.problem(Problem.error(file, offset, "byte offset " + offset + ": record is not an Event protobuf; reading stops here"));
                    break;
                }
                records++;
                if (!Double.isNaN(e.wallTime) && e.wallTime > 0) {
                    if (Double.isNaN(first)) first = e.wallTime;
                    last = e.wallTime;
                }
                if (e.step > lastStep) lastStep = e.step;
                offset += 12 + len + 4;
            }
        }
        if (records == 0) throw new InputException(0, "empty file: expected TFRecord-framed TensorBoard events");
        Optional<Instant> start = instant(first), end = instant(last);
        Optional<Hours> runtime = start.isPresent() ? Optional.of(Hours.of(Duration.between(start.get(), end.get()))) : Optional.empty();
        Map<String, String> hyper = new TreeMap<>();
        if (lastStep >= 0) hyper.put("last_step", Long.toString(lastStep));
        sink.accept(new TrainingLog(format(), start, end, runtime, runtime.isPresent() ? "event wall_time span" : "no wall_time",
                metrics, hyper));
    }

    private static Optional<Instant> instant(double seconds) {
        if (Double.isNaN(seconds)) return Optional.empty();
        long s = (long) Math.floor(seconds);
        return Optional.of(Instant.ofEpochSecond(s, Math.round((seconds - s) * 1e9)));
    }

    /** The fields of one Event; scalar values go straight into the metrics map (last value wins). */
    private static final class Event {
        double wallTime = Double.NaN;
        long step = -1;
        String fileVersion;

        /** Decodes, or null when the bytes are not a well-formed message. */
        static Event decode(byte[] b, int off, int len, Map<String, Double> metrics) {
            Event e = new Event();
            ProtoMessage m = new ProtoMessage(b, off, off + len);
            try {
                while (m.next()) {
                    int field = m.field(), type = m.wireType();
                    if (field == 1 && type == ProtoMessage.FIXED64) e.wallTime = Double.longBitsToDouble(m.fixed64());
                    else if (field == 2 && type == ProtoMessage.VARINT) e.step = m.varint();
                    else if (field == 3 && type == ProtoMessage.LENGTH_DELIMITED) e.fileVersion = m.string();
                    else if (field == 5 && type == ProtoMessage.LENGTH_DELIMITED) {
                        ProtoMessage s = m.message();
                        if (metrics != null) summary(s, metrics);
                    } else m.skip();
                }
                return e;
            } catch (ProtoMessage.MalformedException x) {
                return null;
            }
        }

        private static void summary(ProtoMessage s, Map<String, Double> metrics) {
            while (s.next()) {
                if (s.field() == 1 && s.wireType() == ProtoMessage.LENGTH_DELIMITED) value(s.message(), metrics);
                else s.skip();
            }
        }

        private static void value(ProtoMessage v, Map<String, Double> metrics) {
            String tag = null;
            Double x = null;
            while (v.next()) {
                int field = v.field(), type = v.wireType();
                if (field == 1 && type == ProtoMessage.LENGTH_DELIMITED) tag = v.string();
                else if (field == 2 && type == ProtoMessage.FIXED32) x = (double) Float.intBitsToFloat(v.fixed32());
                else if (field == 8 && type == ProtoMessage.LENGTH_DELIMITED) x = tensorScalar(v.message());
                else v.skip();
            }
            if (tag != null && x != null && !x.isNaN()) metrics.put(tag, x);
        }

        /** A float or double scalar tensor; null for anything else (strings, histograms, images). */
        private static Double tensorScalar(ProtoMessage t) {
            int dtype = 0;
            Double value = null;
            int count = 0;
            byte[] content = null;
            while (t.next()) {
                int field = t.field(), type = t.wireType();
                if (field == 1 && type == ProtoMessage.VARINT) dtype = (int) t.varint();
                else if (field == 4 && type == ProtoMessage.LENGTH_DELIMITED) content = t.bytes();
                else if (field == 5 && type == ProtoMessage.FIXED32) { value = (double) Float.intBitsToFloat(t.fixed32()); count++; }
                else if (field == 5 && type == ProtoMessage.LENGTH_DELIMITED) {
                    ProtoMessage p = t.message();
                    while (p.hasRemaining()) { value = (double) Float.intBitsToFloat(p.packedFixed32()); count++; }
                } else if (field == 6 && type == ProtoMessage.FIXED64) { value = Double.longBitsToDouble(t.fixed64()); count++; }
                else if (field == 6 && type == ProtoMessage.LENGTH_DELIMITED) {
                    ProtoMessage p = t.message();
                    while (p.hasRemaining()) { value = Double.longBitsToDouble(p.packedFixed64()); count++; }
                } else t.skip();
            }
            if (content != null) {
                ByteBuffer c = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
                if (dtype == DT_FLOAT && content.length == 4) return (double) c.getFloat(0);
                if (dtype == DT_DOUBLE && content.length == 8) return c.getDouble(0);
                return null;
            }
            return count == 1 && (dtype == DT_FLOAT || dtype == DT_DOUBLE || dtype == 0) ? value : null;
        }
    }
}
