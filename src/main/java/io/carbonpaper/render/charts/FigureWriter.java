package io.carbonpaper.render.charts;

import io.carbonpaper.model.LogText;

import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.report.Figure;
import io.carbonpaper.report.FigureData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws a {@link Figure} and writes it as SVG (for the site and the PDF) and as PNG at twice the
 * size (for slides). The bytes depend only on the figure and the installed fonts: no time
 * stamps, element ids derived from the figure's id, numbers in a fixed format.
 */
public final class FigureWriter {
    /** The chart's size in CSS pixels (a figure may be taller: {@code FigureData.height()}); the PNG is drawn at {@link #PNG_SCALE} times this. */
    public static final int WIDTH = 720, HEIGHT = 400;
    static final double PNG_SCALE = 2.0;
    /** Marlin's tolerance for leaving out a line join, in pixels (JDK 25's Marlin; not JDK 17's). */
    static final String MARLIN_JOIN_ERROR = "sun.java2d.renderer.stroker.joinError";

    static {
        // JFreeChart's default draws rotated labels (the y axis) as glyph outlines; as text they stay selectable and searchable in SVG and PDF.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
        // The same PNG bytes on JDK 17 and on JDK 25, which bin/carbonpaper runs where the build made a cache for
        // it (issue 20): Java2D's renderer in JDK 25 (Marlin 0.9.4) leaves out a line join it deems too small to
        // see (within 1/8 pixel), where JDK 17's (Marlin 0.9.1) draws every one, so a line of many points had some
        // pixels a shade lighter. With 0 it draws every join, as JDK 17's does; JDK 17 reads no such setting. Read once,
        // when the renderer is first used: before any figure is drawn. A value given on the command line is kept.
        if (System.getProperty(MARLIN_JOIN_ERROR) == null) System.setProperty(MARLIN_JOIN_ERROR, "0");
    }

    private FigureWriter() {}

    /** Writes {@code figures/<id>.svg} and {@code figures/<id>.png}. */
    public static void write(Figure figure, SiteWriter site) throws IOException {
        JFreeChart chart = chart(figure.data());
        int height = figure.height();
        try (OutputStream out = site.write(figure.svg())) {
            out.write(svg(chart, figure.id(), height));
        }
        try (OutputStream out = site.write(figure.png())) {
            out.write(png(chart, height));
        }
    }

    /**
     * Draws a small throwaway chart as SVG and PNG and keeps nothing, so that the classes behind
     * the charts (JFreeChart, JFreeSVG, Java2D, the fonts) are loaded before the first real figure;
     * a caller runs it on a spare thread while the logs are read. Small on purpose: a full-size
     * chart cost more CPU than it saved.
     */
    public static void warmUp() {
        List<TraceSummary.ChartPoint> points = new ArrayList<>();
        for (int i = 0; i < 20; i++)
            points.add(new TraceSummary.ChartPoint(String.valueOf(i % 2), Instant.EPOCH.plusSeconds(60L * i), i == 10 ? Double.NaN : 100 + 10 * i));
        JFreeChart chart = chart(new FigureData.PowerOverTime(points));
        svg(chart, "warm-up", HEIGHT);
        PngEncoder.encode(draw(chart, HEIGHT, 0.2));
    }

    static JFreeChart chart(FigureData data) {
        if (data instanceof FigureData.PowerOverTime d) return PowerOverTimeChart.of(d);
        if (data instanceof FigureData.PerExperiment d) return EnergyCo2eChart.of(d);
        if (data instanceof FigureData.MetricVsEnergy d) return MetricVsEnergyChart.of(d);
        if (data instanceof FigureData.Cumulative d) return CumulativeEnergyChart.of(d);
        if (data instanceof FigureData.Regions d) return RegionsChart.of(d);
        if (data instanceof FigureData.WeekIntensity d) return WeekIntensityChart.of(d);
        throw new IllegalArgumentException("no chart for " + data.getClass().getSimpleName());
    }

    /** The chart as a standalone SVG document that scales to its container (it has a viewBox), {@link #HEIGHT} high. */
    static byte[] svg(JFreeChart chart, String id) {
        return svg(chart, id, HEIGHT);
    }

    /** The chart as a standalone SVG document that scales to its container (it has a viewBox). */
    static byte[] svg(JFreeChart chart, String id, int height) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
        // JFreeSVG's default prefix carries the wall-clock time; a fixed one keeps the bytes reproducible.
        g.setDefsKeyPrefix("cp-" + id + "-");
        g.setGeomDoubleConverter(FigureWriter::decimal);
        g.setTransformDoubleConverter(FigureWriter::decimal);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.draw(g, new Rectangle(0, 0, WIDTH, height));
        // JFreeSVG escapes markup but not control characters, which XML forbids: a label with ESC made
        // the file ill-formed. Markup itself has none but line breaks, so cleaning the whole is safe.
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + LogText.cleanKeepingLines(g.getSVGElement(null, true, new ViewBox(0, 0, WIDTH, height), null, null)) + "\n";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    /** The chart drawn at {@link #PNG_SCALE} times its size ({@link #HEIGHT} high), as PNG. */
    static byte[] png(JFreeChart chart) {
        return png(chart, HEIGHT);
    }

    /** The chart drawn at {@link #PNG_SCALE} times its size, as PNG. */
    static byte[] png(JFreeChart chart, int height) {
        return PngEncoder.encode(draw(chart, height, PNG_SCALE));
    }

    /**
     * The chart drawn at {@code scale} times its size on an opaque image (its background is white).
     * The image is this thread's canvas ({@link #canvas}): valid until the thread draws again.
     */
    private static BufferedImage draw(JFreeChart chart, int height, double scale) {
        BufferedImage image = canvas((int) (WIDTH * scale), (int) (height * scale));
        Graphics2D g = image.createGraphics();
        try {
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height), null, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Each thread's last image, drawn on again when the next has the same size (issue 20): a PNG's
     * image is 4.6 MB, and with a new one per figure a report of 10,000 experiment pages held
     * hundreds of megabytes of them, each kept until its finalizable Graphics2D was finalized.
     */
    private static final ThreadLocal<BufferedImage> CANVAS = new ThreadLocal<>();

    /** An image of {@code width} x {@code height} with every pixel 0, as a new one has: this thread's canvas, cleared, when it fits. */
    static BufferedImage canvas(int width, int height) {
        BufferedImage image = CANVAS.get();
        if (image != null && image.getWidth() == width && image.getHeight() == height) {
            Arrays.fill(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), 0);
            return image;
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        CANVAS.set(image);
        return image;
    }

    /** Two decimals, plain notation, '.' whatever the JVM's locale; "-0" becomes "0". */
    private static String decimal(double v) {
        if (!Double.isFinite(v)) return "0";
        String s = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
