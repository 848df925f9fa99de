package io.carbonpaper.render;

import java.util.Locale;
import java.util.Optional;

/**
 * The paper report.pdf is set on. Both sizes share the margins of {@code assets/paper.css}
 * (20 mm top and bottom, 18 mm at the sides); a table too wide for the upright page is set on a
 * page of its own turned on its side, with 15 mm margins.
 */
public enum PaperSize {
    A4("A4", 210, 297),
    LETTER("letter", 215.9, 279.4);

    /** The CSS {@code @page size} keyword. */
    private final String css;
    private final double widthMm;
    private final double heightMm;

    static final double SIDE_MARGIN_MM = 18;
    static final double LANDSCAPE_MARGIN_MM = 15;
    private static final double PT_PER_MM = 72 / 25.4;

    PaperSize(String css, double widthMm, double heightMm) {
        this.css = css;
        this.widthMm = widthMm;
        this.heightMm = heightMm;
    }

    /** For the template: {@code A4} or {@code letter}. */
    public String css() { return css; }

    /** The width of the text on an upright page, in points. */
    public double portraitTextPt() { return (widthMm - 2 * SIDE_MARGIN_MM) * PT_PER_MM; }

    /** The width of the text on a page turned on its side, in points. */
    public double landscapeTextPt() { return (heightMm - 2 * LANDSCAPE_MARGIN_MM) * PT_PER_MM; }

    /** {@code a4} or {@code letter}, any case; empty for anything else. */
    public static Optional<PaperSize> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "a4" -> Optional.of(A4);
            case "letter", "us-letter" -> Optional.of(LETTER);
            default -> Optional.empty();
        };
    }
}
