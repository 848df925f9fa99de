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
     * @param date the report's date for the PDF's metadata (SOURCE_DATE_EPOCH), or empty for none
     */
    public static void write(Report report, Templates templates, SiteWriter site, boolean pdf, Optional<Instant> date) throws IOException {
        HtmlRenderer html = new HtmlRenderer(templates);
        html.render(report, site);
        for (Figure f : report.figures()) FigureWriter.write(f, site);
        for (Table t : report.tables()) {
            CsvTableWriter.write(t, site);
            MarkdownTableWriter.write(t, site);
        }
        LatexWriter.write(report, site);
        if (pdf) PdfWriter.write(html.print(report), site, report.title(), "carbonpaper " + report.version(), date);
    }
}
