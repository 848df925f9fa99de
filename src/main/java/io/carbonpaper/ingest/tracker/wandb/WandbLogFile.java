package io.carbonpaper.ingest.tracker.wandb;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * The record framing of a W&B {@code run-<id>.wandb} file, read as a stream.
 *
 * <p>Layout (wandb/sdk/internal/datastore.py, verified on real files of 0.10 to 0.24): a 7-byte
 * header {@code ":W&B"}, uint16 little-endian {@code 0xBEE1}, version byte {@code 0}; then
 * LevelDB-log style blocks of {@value #BLOCK} bytes, counted from the start of the file. Each
 * chunk is {@code uint32 LE checksum | uint16 LE length | uint8 type | data}, type FULL=1,
 * FIRST=2, MIDDLE=3, LAST=4; a block with fewer than 7 bytes left is zero padding. The checksum
 * is zlib's CRC-32 (not CRC-32C, whatever the source comment says) over the type byte followed
 * by the data. Memory is one block plus the largest record.
 */
final class WandbLogFile {
    static final int HEADER = 7;
    static final int BLOCK = 32 * 1024;
    static final int CHUNK_HEADER = 7;
    static final int FULL = 1, FIRST = 2, MIDDLE = 3, LAST = 4;
    /** Records beyond this size are refused: console output and configs are far smaller. */
    static final int MAX_RECORD = 64 << 20;

    /** Why reading stopped before the end of the file. */
    record Stop(long offset, String reason) {}

    private final InputStream in;
    private long offset; // bytes consumed from the start of the file
    private long recordOffset;
    private Stop stop;

    private WandbLogFile(InputStream in) { this.in = in; }

    /**
     * Checks the header.
     *
     * @return null when the stream does not start with a W&B header
     */
    static WandbLogFile open(InputStream in) throws IOException {
        byte[] h = in.readNBytes(HEADER);
        if (!hasHeader(h)) return null;
        WandbLogFile f = new WandbLogFile(in);
        f.offset = HEADER;
        return f;
    }

    static boolean hasHeader(byte[] h) {
        return h.length >= HEADER && h[0] == ':' && h[1] == 'W' && h[2] == '&' && h[3] == 'B'
                && (h[4] & 0xff) == 0xE1 && (h[5] & 0xff) == 0xBE && h[6] == 0;
    }

    /** The next record's bytes, or null at the end of the file or at the first bad chunk (then {@link #stop()} says why). */
    byte[] next() throws IOException {
        if (stop != null) return null;
        java.io.ByteArrayOutputStream assembling = null;
        recordOffset = -1;
        while (true) {
            int left = (int) (BLOCK - offset % BLOCK);
            if (left < CHUNK_HEADER) {
                byte[] pad = in.readNBytes(left);
                offset += pad.length;
                if (pad.length < left) return end(assembling, null); // a file may end where a trailer would be
                continue;
            }
            long chunkAt = offset;
            byte[] head = in.readNBytes(CHUNK_HEADER);
            if (head.length == 0) return end(assembling, null);
            if (head.length < CHUNK_HEADER) return fail(chunkAt, "file ends inside a record header");
            long crc = (head[0] & 0xffL) | (head[1] & 0xffL) << 8 | (head[2] & 0xffL) << 16 | (head[3] & 0xffL) << 24;
            int len = (head[4] & 0xff) | (head[5] & 0xff) << 8;
            int type = head[6] & 0xff;
            if (type == 0 && len == 0 && crc == 0) return end(assembling, "zero bytes where a record was expected (file preallocated or still being written)");
            if (type < FULL || type > LAST) return fail(chunkAt, "unknown record type " + type);
            if (len > left - CHUNK_HEADER) return fail(chunkAt, "record length " + len + " crosses a block boundary");
            byte[] data = in.readNBytes(len);
            offset += CHUNK_HEADER + data.length;
            if (data.length < len) return fail(chunkAt, "file ends inside a record (" + data.length + " of " + len + " bytes)");
            CRC32 c = new CRC32();
            c.update(type);
            c.update(data);
            if (c.getValue() != crc) return fail(chunkAt, "checksum mismatch");
            if (recordOffset < 0) recordOffset = chunkAt;
            switch (type) {
                case FULL -> {
                    if (assembling != null) return fail(chunkAt, "a complete record interrupts a split one");
                    return data;
                }
                case FIRST -> {
                    if (assembling != null) return fail(chunkAt, "a new split record starts before the last one ended");
                    assembling = new java.io.ByteArrayOutputStream(Math.max(len * 2, 64));
                    assembling.write(data);
                }
                default -> {
                    if (assembling == null) return fail(chunkAt, "a continuation without a first part");
                    if (assembling.size() + len > MAX_RECORD) return fail(chunkAt, "record larger than " + MAX_RECORD + " bytes");
                    assembling.write(data);
                    if (type == LAST) return assembling.toByteArray();
                }
            }
        }
    }

    /** The byte offset of the first chunk of the record {@link #next()} last returned. */
    long recordOffset() { return recordOffset; }

    /** Why reading stopped early, or null when the file was read to its end. */
    Stop stop() { return stop; }

    private byte[] end(java.io.ByteArrayOutputStream assembling, String reason) {
        if (assembling != null) stop = new Stop(recordOffset, "file ends inside a split record");
        else if (reason != null) stop = new Stop(offset, reason);
        return null;
    }

    private byte[] fail(long at, String reason) {
        stop = new Stop(at, reason);
        return null;
    }
}
