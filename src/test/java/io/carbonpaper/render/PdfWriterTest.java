package io.carbonpaper.render;

import io.carbonpaper.report.Report;
import io.carbonpaper.report.SampleReports;
import io.carbonpaper.report.Table;
import io.carbonpaper.task.SiteOutputs;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PdfWriterTest {
    private static Path site(Path dir, Optional<Instant> date) throws IOException {
        return site(dir, date, new PdfProgress());
    }

    private static Path site(Path dir, Optional<Instant> date, PdfProgress progress) throws IOException {
        Path out = dir.resolve("site");
        try (SiteWriter site = SiteWriter.open(out, false)) {
            SiteOutputs.write(SampleReports.standard(), new Templates(Optional.empty()), site, true, PaperSize.A4, date, java.util.List.of(), progress);
            site.commit();
        }
        return out.resolve("report.pdf");
    }

    @Test void pdfTextHoldsEveryTableCaptionAndItsTotals(@TempDir Path dir) throws IOException {
        Report r = SampleReports.standard();
        try (PDDocument doc = Loader.loadPDF(site(dir, Optional.empty()).toFile())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (Table t : r.tables()) {
                assertThat(text).contains(t.label() + ":", t.caption().substring(0, 40));
                if (t.total().isEmpty()) continue; // the economics tables have no totals row
                // cells wrap to the column (issue 17): compared without the line breaks
                for (var cell : t.total().get().cells()) if (!cell.text().isBlank()) assertThat(text.replace(" ", "")).contains(cell.text().replaceAll("\\s+", ""));
            }
            assertThat(text).contains("Figure 1:", "Compute statement", "References", "CO\u2082e");
            assertThat(text.replace(" ", "")).contains(SampleReports.HOSTILE); // a narrow cell may wrap it
            assertThat(text).doesNotContain("Experiments Transformer"); // the interactive list of pages is not in the print view
            assertThat(doc.getDocumentInformation().getProducer()).startsWith("carbonpaper");
            assertThat(doc.getDocumentInformation().getCreationDate()).isNull();
        }
    }

    @Test void progressCountsThePagesAsTheyAreWritten(@TempDir Path dir) throws IOException {
        PdfProgress progress = new PdfProgress();
        assertThat(progress.line()).isEqualTo("writing the site");
        try (PDDocument doc = Loader.loadPDF(site(dir, Optional.empty(), progress).toFile())) {
            int n = doc.getNumberOfPages();
            assertThat(progress.line()).isEqualTo("writing report.pdf: page " + n + " of " + n);
        }
    }

    @Test void dateAndDocumentIdAreFixedNotTheClock(@TempDir Path dir) throws IOException {
        Instant epoch = Instant.parse("2019-06-05T00:00:00Z");
        try (PDDocument doc = Loader.loadPDF(site(dir, Optional.of(epoch)).toFile())) {
            assertThat(doc.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(epoch);
            assertThat(doc.getDocument().getDocumentID().size()).isEqualTo(2);
        }
        byte[] again = Files.readAllBytes(site(dir.resolve("again"), Optional.of(epoch)));
        assertThat(again).isEqualTo(Files.readAllBytes(dir.resolve("site/report.pdf")));
    }
}
