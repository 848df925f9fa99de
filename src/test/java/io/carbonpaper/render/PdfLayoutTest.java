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
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
 * table set past the page's edge, where a viewer cuts it off), no word of a table is broken
 * mid-word, and every table's column headings and every row's first and last cell are in the text. On the sample report and on a wide input:
 * twelve experiments with long names and large figures. Each on A4 and on US Letter.
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

    private static PDDocument pdf(Report report, PaperSize paper, Path dir) throws IOException {
        Path out = dir.resolve("site");
        try (SiteWriter site = SiteWriter.open(out, false)) {
            SiteOutputs.write(report, new Templates(Optional.empty()), site, true, paper, Optional.empty(), List.of(), new PdfProgress());
            site.commit();
        }
        return Loader.loadPDF(out.resolve("report.pdf").toFile());
    }

    /** Each page's lines of text, in reading order, as PDFBox sorts them by position. */
    static List<List<String>> lines(PDDocument doc) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        List<List<String>> pages = new ArrayList<>();
        for (int p = 1; p <= doc.getNumberOfPages(); p++) {
            stripper.setStartPage(p);
            stripper.setEndPage(p);
            pages.add(List.of(stripper.getText(doc).split("\\R")));
        }
        return pages;
    }

    /**
     * Words of a table's headings and cells that no line of the table's pages holds whole: a word
     * broken mid-word ("Hardw" over "are") is one. A word is cut only where openhtmltopdf may break
     * a line (after a space or a hyphen, before a slash), as {@link PrintLayout#segments} cuts it.
     * The table's pages run from the one with its caption to the one with the next table's.
     */
    static List<String> brokenWords(List<List<String>> pages, List<Table> tables) {
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            Table t = tables.get(i);
            int first = pageOf(pages, t.label() + ":"), last = i + 1 < tables.size() ? pageOf(pages, tables.get(i + 1).label() + ":") : pages.size() - 1;
            assertThat(first).as(t.label() + " caption").isNotNegative();
            List<String> texts = new ArrayList<>();
            for (Column c : t.columns()) texts.add(c.header());
            List<Row> rows = new ArrayList<>(t.rows());
            t.total().ifPresent(rows::add);
            for (Row r : rows) for (Cell c : r.cells()) texts.add(c.text());
            for (String text : texts) {
                for (String word : PrintLayout.segments(text)) {
                    boolean whole = false;
                    for (int p = first; p <= Math.max(first, last) && !whole; p++)
                        for (String line : pages.get(p)) if (line.contains(word)) { whole = true; break; }
                    if (!whole) broken.add(t.label() + ": '" + word + "'");
                }
            }
        }
        return broken;
    }

    private static int pageOf(List<List<String>> pages, String text) {
        // A caption starts its line; "the paper's Table 4: ..." in another caption does not.
        for (int p = 0; p < pages.size(); p++) for (String line : pages.get(p)) if (line.strip().startsWith(text)) return p;
        return -1;
    }

    private static void assertEveryColumnOnThePage(Report report, PaperSize paper, Path dir) throws IOException {
        try (PDDocument doc = pdf(report, paper, dir)) {
            // Every page is the paper asked for, upright or on its side.
            float[] size = paper == PaperSize.A4 ? new float[]{595.3f, 841.9f} : new float[]{612f, 792f};
            for (PDPage page : doc.getPages()) {
                PDRectangle box = page.getMediaBox();
                assertThat(new float[]{Math.min(box.getWidth(), box.getHeight()), Math.max(box.getWidth(), box.getHeight())})
                        .as("page size on " + paper).containsExactly(size, org.assertj.core.data.Offset.offset(0.5f));
            }
            assertThat(outside(doc)).as("glyphs outside the media box").isEmpty();
            List<Table> printed = report.indexTables().stream().map(PrintLayout::summary).toList();
            assertThat(brokenWords(lines(doc), printed)).as("words broken mid-word").isEmpty();
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            for (Table t : printed) {
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

    /**
     * A project of 300 experiments prints the 25 with the most energy, largest first, and a row
     * saying how many more there are and where: a few pages, not one per 25 experiments.
     */
    @Test void aLargeProjectPrintsItsLargestExperimentsAndHowManyMore(@TempDir Path dir) throws IOException {
        List<Experiment> runs = new ArrayList<>();
        for (int i = 0; i < 300; i++) runs.add(experiment("sweep/run-" + i).hardware("V100", 1).hours(1 + i).build());
        Report report = SampleReports.build(runs);
        assertEveryColumnOnThePage(report, PaperSize.A4, dir);
        try (PDDocument doc = Loader.loadPDF(dir.resolve("site/report.pdf").toFile())) {
            assertThat(doc.getNumberOfPages()).isLessThanOrEqualTo(12);
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("run-299", "run-275").doesNotContain("run-274 ").doesNotContain("run-0 ")
                    .contains("275 more, each with less kWh·PUE (all 300 in tables/training-cost.csv)");
            assertThat(text.indexOf("run-299")).isLessThan(text.indexOf("run-298"));
        }
    }

    @ParameterizedTest @EnumSource(PaperSize.class)
    void theSampleReportsTablesAreWhollyOnTheirPages(PaperSize paper, @TempDir Path dir) throws IOException {
        assertEveryColumnOnThePage(SampleReports.standard(), paper, dir);
    }

    @ParameterizedTest @EnumSource(PaperSize.class)
    void twelveWideExperimentsStayOnThePage(PaperSize paper, @TempDir Path dir) throws IOException {
        String[] kinds = {"A100-SXM4-80GB", "H100-SXM5-80GB", "V100-SXM2-32GB", "P100", "TPUv3", "RTX4090"};
        List<Experiment> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(experiment("wide/transformer-big-with-a-very-long-configuration-name-lr-3e-5-seed-" + i)
                    .hardware(kinds[i % kinds.length], 64 + i).hours(1000 + 937.5 * i).build());
        }
        assertEveryColumnOnThePage(SampleReports.build(runs), paper, dir);
    }
}
