package io.carbonpaper.render;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.SampleReports;
import io.carbonpaper.report.Table;
import io.carbonpaper.task.SiteOutputs;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.carbonpaper.model.ExperimentBuilder.experiment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads report.pdf back with PDFBox: every glyph lies inside its page's media box (no column of a
 * table set past the page's edge, where a viewer cuts it off), and every table's column headings
 * and every row's first and last cell are in the text. On the sample report and on a wide input:
 * twelve experiments with long names and large figures.
 */
class PdfLayoutTest {
    /** Glyphs drawn outside their page's media box: "page N: 'x' at (x, y)". */
    static List<String> outside(PDDocument doc) throws IOException {
        List<String> out = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override protected void writeString(String text, List<TextPosition> positions) throws IOException {
                PDRectangle box = getCurrentPage().getMediaBox();
                for (TextPosition p : positions) {
                    float x = p.getXDirAdj(), y = p.getYDirAdj();
                    if (x < -0.5f || x + p.getWidthDirAdj() > box.getWidth() + 0.5f || y < -0.5f || y > box.getHeight() + 0.5f)
                        out.add("page " + getCurrentPageNo() + ": '" + p.getUnicode() + "' at (" + x + ", " + y + ") of " + box.getWidth() + " x " + box.getHeight());
                }
                super.writeString(text, positions);
            }
        };
        stripper.getText(doc);
        return out;
    }

    private static PDDocument pdf(Report report, Path dir) throws IOException {
        Path out = dir.resolve("site");
        try (SiteWriter site = SiteWriter.open(out, false)) {
            SiteOutputs.write(report, new Templates(Optional.empty()), site, true, Optional.empty());
            site.commit();
        }
        return Loader.loadPDF(out.resolve("report.pdf").toFile());
    }

    private static void assertEveryColumnOnThePage(Report report, Path dir) throws IOException {
        try (PDDocument doc = pdf(report, dir)) {
            assertThat(outside(doc)).as("glyphs outside the media box").isEmpty();
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            for (Table t : report.tables()) {
                for (Column c : t.columns()) assertThat(text).as(t.id() + " heading").contains(c.header().replaceAll("\\s+", ""));
                for (Row r : t.rows()) {
                    List<Cell> cells = r.cells();
                    assertThat(text).as(t.id() + " row").contains(cells.get(0).text().replaceAll("\\s+", ""));
                    String last = cells.get(cells.size() - 1).text().replaceAll("\\s+", "");
                    if (!last.isEmpty()) assertThat(text).as(t.id() + " row " + cells.get(0).text() + ": last cell").contains(last);
                }
            }
        }
    }

    @Test void theSampleReportsTablesAreWhollyOnTheirPages(@TempDir Path dir) throws IOException {
        assertEveryColumnOnThePage(SampleReports.standard(), dir);
    }

    @Test void twelveWideExperimentsStayOnThePage(@TempDir Path dir) throws IOException {
        String[] kinds = {"A100-SXM4-80GB", "H100-SXM5-80GB", "V100-SXM2-32GB", "P100", "TPUv3", "RTX4090"};
        List<Experiment> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(experiment("wide/transformer-big-with-a-very-long-configuration-name-lr-3e-5-seed-" + i)
                    .hardware(kinds[i % kinds.length], 64 + i).hours(1000 + 937.5 * i).build());
        }
        assertEveryColumnOnThePage(SampleReports.build(runs), dir);
    }
}
