package io.carbonpaper.report;

import java.util.Objects;

/**
 * A chart of the report: what it shows ({@link FigureData}), its number and caption as printed
 * ("Figure 2: ..."), and a text alternative for readers who cannot see it.
 *
 * @param id      stable file name stem of the chart files ({@code figures/<id>.svg}, {@code .png}); {@code [a-z0-9-]} only
 * @param number  the figure's number on its page (the index numbers its own; each experiment page starts at 1)
 * @param caption the caption, printed below the chart
 * @param alt     a one-sentence description for the {@code alt} attribute
 * @param page    the experiment page's slug it belongs to, or empty for the index
 */
public record Figure(String id, int number, String caption, String alt, String page, FigureData data) {
    public Figure {
        Objects.requireNonNull(data, "data");
        if (!id.matches("[a-z0-9-]+")) throw new IllegalArgumentException("figure id must be [a-z0-9-]+, found '" + id + "'");
        if (number < 1) throw new IllegalArgumentException("figure number < 1");
    }

    /** The chart's height in CSS pixels (720 wide): taller for a power chart with a panel per device. */
    public int height() { return data.height(); }

    /** "Figure 2". */
    public String label() { return "Figure " + number; }

    /** The SVG's path relative to the site root. */
    public String svg() { return "figures/" + id + ".svg"; }

    /** The PNG's path relative to the site root (for slides). */
    public String png() { return "figures/" + id + ".png"; }
}
