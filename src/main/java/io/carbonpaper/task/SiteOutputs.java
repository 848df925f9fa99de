package io.carbonpaper.task;

import io.carbonpaper.concurrent.ParallelMap;

import io.carbonpaper.render.CsvTableWriter;
import io.carbonpaper.render.HtmlRenderer;
import io.carbonpaper.render.ChecklistWriter;
import io.carbonpaper.render.LatexWriter;
import io.carbonpaper.render.MarkdownTableWriter;
import io.carbonpaper.render.PaperSize;
import io.carbonpaper.render.PdfProgress;
import io.carbonpaper.render.PdfWriter;
import io.carbonpaper.render.StatementWriter;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.render.charts.FigureWriter;
import io.carbonpaper.report.Figure;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Table;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every output of a finished report, written into an open site: the HTML pages and assets, the
 * charts (SVG and PNG), each table as CSV, Markdown and LaTeX, the statement, bibliography and
 * appendix for the paper, and, when asked, report.pdf. Identical reports give identical bytes.
 */
public final class SiteOutputs {
    private SiteOutputs() {}

    /** One independent part of the site: it writes its own files and reads none of the others'. */
    @FunctionalInterface
    interface Output {
        void write() throws IOException;
    }

    /**
     * @param date the report's date for the PDF's metadata (SOURCE_DATE_EPOCH), or empty for none
     */
    public static void write(Report report, Templates templates, SiteWriter site, boolean pdf, Optional<Instant> date) throws IOException {
        write(report, templates, site, pdf, date, List.of());
    }

    /** @param crumbs the projects above this one, outermost first (empty for the top project) */
    public static void write(Report report, Templates templates, SiteWriter site, boolean pdf, Optional<Instant> date,
                             List<Report.Crumb> crumbs) throws IOException {
        write(report, templates, site, pdf, PaperSize.A4, date, crumbs, new PdfProgress());
    }

    /**
     * @param paper    the paper report.pdf is set on
     * @param progress how far report.pdf has got, for a progress line
     */
    public static void write(Report report, Templates templates, SiteWriter site, boolean pdf, PaperSize paper, Optional<Instant> date,
                             List<Report.Crumb> crumbs, PdfProgress progress) throws IOException {
        HtmlRenderer html = new HtmlRenderer(templates);
        List<Output> outputs = new ArrayList<>();
        outputs.add(() -> html.render(report, site, pdf, crumbs));
        for (Figure f : report.figures()) outputs.add(() -> FigureWriter.write(f, site));
        outputs.add(() -> {
            for (Table t : report.tables()) {
                CsvTableWriter.write(t, site);
                MarkdownTableWriter.write(t, site);
            }
        });
        outputs.add(() -> LatexWriter.write(report, site));
        outputs.add(() -> {
            StatementWriter.write(report, site);
            ChecklistWriter.write(report, site);
        });
        writeAll(outputs);
        // Last: the PDF reads the stylesheets and figures written above from the site.
        if (pdf) PdfWriter.write(html.print(report, paper), site, report.title(), "carbonpaper " + report.version(), date, progress);
    }

    /**
     * Runs every output, on as many daemon threads as there are cores (each writes other files,
     * and {@link SiteWriter#write} may be called from several threads). If any failed, the first
     * failure in list order is rethrown as it was thrown (an IOException stays one), whatever the
     * schedule, and the others are dropped; unless interrupted, no output is still writing on
     * return, so the caller may discard the site.
     */
    static void writeAll(List<Output> outputs) throws IOException {
        ParallelMap.map(outputs, Runtime.getRuntime().availableProcessors(), "carbonpaper-output", "writing the site", o -> {
            o.write();
            return null;
        });
    }
}
