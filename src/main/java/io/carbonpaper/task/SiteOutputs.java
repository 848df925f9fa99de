package io.carbonpaper.task;

import io.carbonpaper.render.CsvTableWriter;
import io.carbonpaper.render.HtmlRenderer;
import io.carbonpaper.render.LatexWriter;
import io.carbonpaper.render.MarkdownTableWriter;
import io.carbonpaper.render.PdfWriter;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.render.charts.FigureWriter;
import io.carbonpaper.report.Figure;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Table;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Every output of a finished report, written into an open site: the HTML pages and assets, the
 * charts (SVG and PNG), each table as CSV, Markdown and LaTeX, the statement, bibliography and
 * appendix for the paper, and, when asked, report.pdf. Identical reports give identical bytes.
 */
public final class SiteOutputs {
    private SiteOutputs() {}

    /**
     * Charts are independent and drawing one (PNG encoding above all) is the slowest single output:
     * many are drawn on every core. The bytes do not depend on the thread that drew them.
     */
    static void writeFigures(java.util.List<Figure> figures, SiteWriter site) throws IOException {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), figures.size() / 4);
        if (threads <= 1) {
            for (Figure f : figures) FigureWriter.write(f, site);
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "carbonpaper-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (Figure f : figures) done.add(pool.submit(() -> {
                FigureWriter.write(f, site);
                return null;
            }));
            for (java.util.concurrent.Future<?> d : done) {
                try {
                    d.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while drawing charts");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @param date the report's date for the PDF's metadata (SOURCE_DATE_EPOCH), or empty for none
     */
    public static void write(Report report, Templates templates, SiteWriter site, boolean pdf, Optional<Instant> date) throws IOException {
        HtmlRenderer html = new HtmlRenderer(templates);
        html.render(report, site);
        writeFigures(report.figures(), site);
        for (Table t : report.tables()) {
            CsvTableWriter.write(t, site);
            MarkdownTableWriter.write(t, site);
        }
        LatexWriter.write(report, site);
        if (pdf) PdfWriter.write(html.print(report), site, report.title(), "carbonpaper " + report.version(), date);
    }
}
