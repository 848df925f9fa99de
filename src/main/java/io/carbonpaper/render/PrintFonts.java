package io.carbonpaper.render;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fonts report.pdf is set in, and the widths of the tables' text in them, so that
 * {@link PrintLayout} can size each column to its words before openhtmltopdf sets it. DejaVu from
 * the system's font folder where installed (it has CO₂'s subscript); tables in DejaVu Serif
 * Condensed where that is installed too (Debian's fonts-dejavu-extra), else DejaVu Serif. Without
 * DejaVu the PDF's standard fonts are used and widths are estimated on the wide side.
 */
final class PrintFonts {
    /** Where Debian, Ubuntu and Fedora put DejaVu; the first existing folder is used. */
    static final List<Path> FONT_DIRS = List.of(Path.of("/usr/share/fonts/truetype/dejavu"), Path.of("/usr/share/fonts/dejavu"),
            Path.of("/usr/share/fonts/dejavu-sans-fonts"));

    static final String SERIF = "DejaVu Serif";
    static final String CONDENSED = "DejaVu Serif Condensed";

    private static final Map<Path, float[]> WIDTHS = new ConcurrentHashMap<>();
    /** Characters measured from the font file; others are taken as one em wide. */
    private static final int MEASURED = 0x3000;

    private final Optional<Path> dir;

    private PrintFonts(Optional<Path> dir) { this.dir = dir; }

    /** The first of {@link #FONT_DIRS} that holds DejaVu Serif, or none. */
    static PrintFonts system() {
        for (Path d : FONT_DIRS) if (Files.isRegularFile(d.resolve("DejaVuSerif.ttf"))) return new PrintFonts(Optional.of(d));
        return new PrintFonts(Optional.empty());
    }

    /** Only the PDF's standard fonts (for tests of the fallback). */
    static PrintFonts none() { return new PrintFonts(Optional.empty()); }

    void register(PdfRendererBuilder builder) {
        if (dir.isEmpty()) return;
        Path d = dir.get();
        font(builder, d, "DejaVuSerif.ttf", SERIF, 400, false);
        font(builder, d, "DejaVuSerif-Bold.ttf", SERIF, 700, false);
        font(builder, d, "DejaVuSerif-Italic.ttf", SERIF, 400, true);
        font(builder, d, "DejaVuSerifCondensed.ttf", CONDENSED, 400, false);
        font(builder, d, "DejaVuSerifCondensed-Bold.ttf", CONDENSED, 700, false);
        font(builder, d, "DejaVuSans.ttf", "DejaVu Sans", 400, false);
        font(builder, d, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700, false);
        font(builder, d, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400, false);
    }

    private static void font(PdfRendererBuilder b, Path dir, String file, String family, int weight, boolean italic) {
        Path f = dir.resolve(file);
        if (Files.isRegularFile(f)) b.useFont(f.toFile(), family, weight, italic ? PdfRendererBuilder.FontStyle.ITALIC : PdfRendererBuilder.FontStyle.NORMAL, true);
    }

    private boolean condensed() {
        return dir.isPresent() && Files.isRegularFile(dir.get().resolve("DejaVuSerifCondensed.ttf"))
                && Files.isRegularFile(dir.get().resolve("DejaVuSerifCondensed-Bold.ttf"));
    }

    /** The CSS font-family of the tables. */
    String tableFamily() {
        if (dir.isEmpty()) return "serif";
        return condensed() ? "\"" + CONDENSED + "\", \"" + SERIF + "\", serif" : "\"" + SERIF + "\", serif";
    }

    /** The width of {@code text} in the tables' font, in ems; bold for headings. */
    double width(String text, boolean bold) {
        if (dir.isEmpty()) return LatexLayout.width(text) * (bold ? 1.1 : 1.0);
        String file = (condensed() ? "DejaVuSerifCondensed" : "DejaVuSerif") + (bold ? "-Bold" : "") + ".ttf";
        float[] w = WIDTHS.computeIfAbsent(dir.get().resolve(file), PrintFonts::load);
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            em += c < MEASURED ? w[c] : 1.0;
        }
        return em;
    }

    /** Advance widths in ems of the characters below {@link #MEASURED}; a missing glyph counts as one em. */
    private static float[] load(Path file) {
        float[] w = new float[MEASURED];
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()))) {
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            float units = ttf.getUnitsPerEm();
            for (int c = 0; c < MEASURED; c++) {
                int gid = cmap.getGlyphId(c);
                w[c] = gid == 0 ? 1f : ttf.getAdvanceWidth(gid) / units;
            }
        } catch (IOException e) {
            // An unreadable font file: estimate every character wide, so that columns err on the roomy side.
            java.util.Arrays.fill(w, 1f);
        }
        return w;
    }
}
