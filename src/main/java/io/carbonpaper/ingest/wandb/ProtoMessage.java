package io.carbonpaper.ingest.wandb;

import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader of one serialized protobuf message (wire format: varint keys of
 * {@code field << 3 | wireType}; wire types 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit).
 * Only what W&B's records need is decoded; unknown fields are skipped by their wire type, so
 * records of newer writers still read. Malformed input throws {@link MalformedException}.
 *
 * <pre>
 * ProtoMessage m = new ProtoMessage(bytes);
 * while (m.next()) switch (m.field()) { case 1 -> m.varint(); case 2 -> m.message(); default -> m.skip(); }
 * </pre>
 */
final class ProtoMessage {
    static final int VARINT = 0, FIXED64 = 1, LENGTH_DELIMITED = 2, FIXED32 = 5;

    /** A message that does not follow the wire format. */
    static final class MalformedException extends RuntimeException {
        MalformedException(String message) { super(message); }
    }

    private final byte[] buf;
    private final int end;
    private int pos;
    private int field, wireType;

    ProtoMessage(byte[] buf) { this(buf, 0, buf.length); }

    private ProtoMessage(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) return false;
        long key = rawVarint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field == 0) throw new MalformedException("field number 0");
        return true;
    }

    int field() { return field; }

    int wireType() { return wireType; }

    long varint() {
        expect(VARINT);
        return rawVarint();
    }

    /** A length-delimited field as a nested message (shares the buffer, copies nothing). */
    ProtoMessage message() {
        int len = length();
        ProtoMessage m = new ProtoMessage(buf, pos, pos + len);
        pos += len;
        return m;
    }

    String string() {
        int len = length();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** Skips the current field's value, whatever its wire type. */
    void skip() {
        switch (wireType) {
            case VARINT -> rawVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw new MalformedException("unsupported wire type " + wireType + " for field " + field);
        }
    }

    private int length() {
        expect(LENGTH_DELIMITED);
        long len = rawVarint();
        if (len < 0 || len > end - pos) throw new MalformedException("field " + field + " length " + len + " runs past the message");
        return (int) len;
    }

    private void advance(int n) {
        if (n > end - pos) throw new MalformedException("field " + field + " runs past the message");
        pos += n;
    }

    private void expect(int type) {
        if (wireType != type) throw new MalformedException("field " + field + " has wire type " + wireType + ", expected " + type);
    }

    private long rawVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) throw new MalformedException("varint runs past the message");
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new MalformedException("varint longer than 10 bytes");
    }
}
