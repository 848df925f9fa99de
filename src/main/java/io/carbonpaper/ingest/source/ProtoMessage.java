package io.carbonpaper.ingest.source;

import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader of one serialized protobuf message (wire format: varint keys of
 * {@code field << 3 | wireType}; wire types 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit).
 * Shared by the readers of protobuf-framed logs (W&B's run log, TensorBoard's event files): they
 * decode the fields they need and skip unknown ones by their wire type, so files of newer writers
 * still read. Malformed input throws {@link MalformedException}.
 *
 * <pre>
 * ProtoMessage m = new ProtoMessage(bytes);
 * while (m.next()) switch (m.field()) { case 1 -> m.varint(); case 2 -> m.message(); default -> m.skip(); }
 * </pre>
 */
public final class ProtoMessage {
    public static final int VARINT = 0, FIXED64 = 1, LENGTH_DELIMITED = 2, FIXED32 = 5;

    /** A message that does not follow the wire format. */
    public static final class MalformedException extends RuntimeException {
        public MalformedException(String message) { super(message); }
    }

    private final byte[] buf;
    private final int end;
    private int pos;
    private int field, wireType;

    public ProtoMessage(byte[] buf) { this(buf, 0, buf.length); }

    /** The message in {@code buf[from, to)}. */
    public ProtoMessage(byte[] buf, int from, int to) {
        if (from < 0 || to > buf.length || from > to) throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + buf.length);
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** Advances to the next field; false at the end of the message. */
    public boolean next() {
        if (pos >= end) return false;
        long key = rawVarint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field == 0) throw new MalformedException("field number 0");
        return true;
    }

    public int field() { return field; }

    public int wireType() { return wireType; }

    public long varint() {
        expect(VARINT);
        return rawVarint();
    }

    /** A length-delimited field as a nested message (shares the buffer, copies nothing). */
    public ProtoMessage message() {
        int len = length();
        ProtoMessage m = new ProtoMessage(buf, pos, pos + len);
        pos += len;
        return m;
    }

    public String string() {
        int len = length();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** A 64-bit field (a double's bits, a fixed64). */
    public long fixed64() {
        expect(FIXED64);
        return rawFixed64();
    }

    /** A 32-bit field (a float's bits, a fixed32). */
    public int fixed32() {
        expect(FIXED32);
        return rawFixed32();
    }

    /** A length-delimited field's bytes, copied. */
    public byte[] bytes() {
        int len = length();
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return b;
    }

    /** Whether a packed repeated field (read as a {@link #message()}) has values left. */
    public boolean hasRemaining() { return pos < end; }

    /** The next value of a packed repeated fixed32 field. */
    public int packedFixed32() { return rawFixed32(); }

    /** The next value of a packed repeated fixed64 field. */
    public long packedFixed64() { return rawFixed64(); }

    /** Skips the current field's value, whatever its wire type. */
    public void skip() {
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

    private long rawFixed64() {
        advance(8);
        long r = 0;
        for (int i = 8; i > 0; i--) r = (r << 8) | (buf[pos - 9 + i] & 0xffL);
        return r;
    }

    private int rawFixed32() {
        advance(4);
        int r = 0;
        for (int i = 4; i > 0; i--) r = (r << 8) | (buf[pos - 5 + i] & 0xff);
        return r;
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
