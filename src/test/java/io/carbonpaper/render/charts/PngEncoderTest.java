package io.carbonpaper.render.charts;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PngEncoderTest {
    /** Noise with every channel value, so differences from the row above wrap around both ways. */
    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) img.setRGB(x, y, r.nextInt());
        return img;
    }

    /** What the charts look like: white ground, anti-aliased lines and text. */
    private static BufferedImage drawing() {
        BufferedImage img = new BufferedImage(301, 127, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 301, 127);
        g.setColor(new Color(0x00, 0x72, 0xB2));
        g.drawLine(3, 120, 290, 7);
        g.setColor(Color.BLACK);
        g.drawString("Power (W) 1,234", 20, 40);
        g.dispose();
        return img;
    }

    private static void assertSamePixels(BufferedImage expected, byte[] png) throws IOException {
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(read.getWidth()).isEqualTo(expected.getWidth());
        assertThat(read.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y++)
            for (int x = 0; x < expected.getWidth(); x++)
                assertThat(read.getRGB(x, y)).as("pixel (%d, %d)", x, y).isEqualTo(expected.getRGB(x, y));
    }

    private record Chunk(String type, int length, boolean crcMatches) {}

    private static List<Chunk> chunks(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
        List<Chunk> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int length = b.getInt();
            byte[] typeAndData = new byte[4 + length];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            out.add(new Chunk(new String(typeAndData, 0, 4, StandardCharsets.US_ASCII), length, (int) crc.getValue() == b.getInt()));
        }
        return out;
    }

    @Test void decodesToEveryPixelOfNoise() throws IOException {
        for (int[] size : new int[][] {{1, 1}, {2, 3}, {17, 5}, {64, 64}}) {
            BufferedImage img = noise(size[0], size[1], size[0] * 31L + size[1]);
            assertSamePixels(img, PngEncoder.encode(img));
        }
    }

    @Test void decodesToEveryPixelOfADrawing() throws IOException {
        BufferedImage img = drawing();
        assertSamePixels(img, PngEncoder.encode(img));
    }

    @Test void writesSignatureHeaderOneDataChunkAndEndWithValidChecksums() {
        byte[] png = PngEncoder.encode(drawing());
        assertThat(java.util.Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        List<Chunk> chunks = chunks(png);
        assertThat(chunks).extracting(Chunk::type).containsExactly("IHDR", "IDAT", "IEND");
        assertThat(chunks).allMatch(Chunk::crcMatches);
        ByteBuffer header = ByteBuffer.wrap(png, 16, 13);
        assertThat(header.getInt()).isEqualTo(301);
        assertThat(header.getInt()).isEqualTo(127);
        assertThat(new byte[] {header.get(), header.get(), header.get(), header.get(), header.get()})
                .as("8 bits, truecolour, deflate, adaptive filtering, not interlaced").containsExactly(8, 2, 0, 0, 0);
    }

    @Test void theSameImageGivesTheSameBytes() {
        assertThat(PngEncoder.encode(drawing())).isEqualTo(PngEncoder.encode(drawing()));
    }

    @Test void anImageAfterALargerOneGivesTheBytesItGivesAlone() throws Exception {
        // The filtered rows live in a buffer each thread reuses: what a larger image left in it must not show.
        BufferedImage small = drawing(), large = noise(640, 480, 7);
        byte[][] alone = new byte[1][];
        Thread fresh = new Thread(() -> alone[0] = PngEncoder.encode(small));
        fresh.start();
        fresh.join();
        PngEncoder.encode(large);
        assertThat(PngEncoder.encode(small)).isEqualTo(alone[0]);
        assertSamePixels(large, PngEncoder.encode(large));
    }

    @Test void refusesImagesWithAnotherLayout() {
        assertThatThrownBy(() -> PngEncoder.encode(new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYPE_INT_RGB");
    }
}
