package io.carbonpaper.render;

import java.util.Locale;

/**
 * How far {@link PdfWriter} has got with report.pdf, for a progress line on the terminal: laying
 * the pages out (the longer part, which reports nothing until it ends), then writing page i of n.
 * Written by the rendering thread and read by the display's.
 */
public final class PdfProgress {
    private volatile boolean started;
    private volatile int pages = -1;
    private volatile int page;

    void start() { started = true; }

    void laidOut(int n) { pages = n; }

    void page(int n) { page = n; }

    /** {@code writing report.pdf: page 12 of 185}; {@code writing the site} before the PDF starts. */
    public String line() {
        if (!started) return "writing the site";
        if (pages < 0) return "writing report.pdf: laying out the pages";
        return String.format(Locale.ROOT, "writing report.pdf: page %,d of %,d", Math.min(page, pages), pages);
    }
}
