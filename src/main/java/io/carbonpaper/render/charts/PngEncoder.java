package io.carbonpaper.render.charts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes an opaque image as a PNG file (PNG specification, 2nd edition, W3C / ISO/IEC 15948):
 * 8-bit truecolour without alpha, not interlaced, every row filtered with "Up" (filter type 2,
 * the difference from the row above), the whole image deflated at level {@value #LEVEL} into one
 * IDAT chunk. The file holds IHDR, IDAT and IEND only: no time, gamma or text chunks, so its
 * bytes depend only on the pixels (and on the zlib the JDK uses).
 *
 * <p>Why not ImageIO: on the charts it took over twice as long in a fresh JVM (a registry of
 * plugins, a cache file unless told otherwise, five filters tried per row) for files about 7%
 * larger than these. "Up" alone suits charts, whose rows mostly repeat the one above; choosing
 * None, Sub or Up per row made the files 10% smaller but the encoding 45% slower.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte FILTER_UP = 2;
    /**
     * zlib's level 4 rather than its default 6: on a busy chart (8 noisy series of 400 points)
     * 29 ms instead of 71 ms for a file 6% larger; on the others the same time and 2% larger.
     * Levels 1 to 3 give files 30 to 50% larger.
     */
    static final int LEVEL = 4;

    /**
     * Each thread's buffer for the filtered rows, reused from image to image (issue 20): a chart's
     * PNG filters 3.5 MB, and a report of 10,000 experiment pages allocated 10,000 such arrays,
     * which the collector reclaimed late (a Deflater keeps its input until it is itself collected),
     * so hundreds of megabytes of them were live at once.
     */
    private static final ThreadLocal<byte[]> FILTERED = new ThreadLocal<>();

    private PngEncoder() {}

    /**
     * The PNG file of {@code image}.
     *
     * @throws IllegalArgumentException when the image is not {@link BufferedImage#TYPE_INT_RGB}
     *                                  (another layout would need a colour conversion this class does not do)
     */
    static byte[] encode(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB)
            throw new IllegalArgumentException("expected an image of TYPE_INT_RGB, found type " + image.getType());
        int width = image.getWidth(), height = image.getHeight();
        int size = (1 + 3 * width) * height;
        byte[] filtered = FILTERED.get(); // every byte of [0, size) is written below
        if (filtered == null || filtered.length < size) FILTERED.set(filtered = new byte[size]);
        int[] row = new int[width];
        int[] above = new int[width]; // the row above the first is zeros: "Up" leaves it as it is
        for (int y = 0, at = 0; y < height; y++) {
            image.getRaster().getDataElements(0, y, width, 1, row);
            filtered[at] = FILTER_UP;
            up(row, above, filtered, at + 1);
            at += 1 + 3 * width;
            int[] t = above;
            above = row;
            row = t;
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(filtered.length / 16 + 1024);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample
        header[9] = 2; // colour type: truecolour
        // then compression method 0 (deflate), filter method 0 (adaptive), interlace method 0 (none)
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", deflate(filtered, size));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * Writes the "Up" filter of {@code row} from {@code at}: each byte minus the same byte of the
     * row above, modulo 256. A method of its own so that the JIT compiles it after a few rows.
     */
    private static void up(int[] row, int[] above, byte[] out, int at) {
        for (int x = 0; x < row.length; x++, at += 3) {
            // the bits above each channel fall away in the cast
            int p = row[x], q = above[x];
            out[at] = (byte) ((p >>> 16) - (q >>> 16));
            out[at + 1] = (byte) ((p >>> 8) - (q >>> 8));
            out[at + 2] = (byte) (p - q);
        }
    }

    /** {@code data[0, length)} as a zlib stream. */
    private static byte[] deflate(byte[] data, int length) {
        Deflater deflater = new Deflater(LEVEL);
        try {
            deflater.setInput(data, 0, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 16 + 1024);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** A chunk: length, type, data, and the CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] four = new byte[4];
        putInt(four, 0, data.length);
        out.writeBytes(four);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        putInt(four, 0, (int) crc.getValue());
        out.writeBytes(four);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
