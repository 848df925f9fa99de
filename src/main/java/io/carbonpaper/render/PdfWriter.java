package io.carbonpaper.render;

import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Renders the print view (XHTML) to {@code report.pdf} in-process with openhtmltopdf; the charts
 * stay vectors (SVG through Batik). The bytes are reproducible: the producer is carbonpaper, the
 * creation date is SOURCE_DATE_EPOCH's or absent, and the document ID is a digest of the input
 * instead of PDFBox's time-based one.
 *
 * <p>Fonts: see {@link PrintFonts}; lines break where {@link PrintLayout} expects them to.
 */
public final class PdfWriter {
    private PdfWriter() {}

    /**
     * @param xhtml    the print view, well-formed XHTML
     * @param baseDir  the folder its relative links (stylesheets, figures) resolve against
     * @param title    the PDF's title
     * @param producer written as the PDF's producer and creator
     * @param date     the document's date (SOURCE_DATE_EPOCH), or empty for none
     */
    public static byte[] render(String xhtml, Path baseDir, String title, String producer, Optional<Instant> date) throws IOException {
        return render(xhtml, baseDir, title, producer, date, new PdfProgress());
    }

    /** @param progress told when layout starts and ends and as each page is written */
    public static byte[] render(String xhtml, Path baseDir, String title, String producer, Optional<Instant> date,
                                PdfProgress progress) throws IOException {
        quiet();
        progress.start();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(xhtml, baseDir.toUri().toString());
        builder.useSVGDrawer(new BatikSVGDrawer());
        builder.withProducer(producer);
        builder.useUnicodeLineBreaker(PrintLayout.lineBreaker());
        PrintFonts.system().register(builder);
        // As openhtmltopdf's own supplier does, counting the pages as they are written.
        builder.usePageSupplier((doc, width, height, page, shadow) -> {
            PDPage p = new PDPage(new PDRectangle(width, height));
            doc.addPage(p);
            progress.page(doc.getNumberOfPages());
            return p;
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            progress.laidOut(renderer.getRootBox().getLayer().getPages().size());
            renderer.createPDFWithoutClosing();
            PDDocument doc = renderer.getPdfDocument();
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            info.setProducer(producer);
            info.setCreator(producer);
            date.ifPresent(d -> {
                Calendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
                c.setTimeInMillis(d.toEpochMilli());
                info.setCreationDate(c);
                info.setModificationDate(c);
            });
            doc.setDocumentInformation(info);
            byte[] id = Arrays.copyOf(sha256(xhtml), 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().setDocumentID(ids);
            doc.save(out);
        }
        return out.toByteArray();
    }

    /** Writes {@code report.pdf} into the site. */
    public static void write(String xhtml, SiteWriter site, String title, String producer, Optional<Instant> date,
                             PdfProgress progress) throws IOException {
        byte[] pdf = render(xhtml, site.staging(), title, producer, date, progress);
        try (OutputStream out = site.write("report.pdf")) {
            out.write(pdf);
        }
    }

    /** openhtmltopdf and PDFBox log every unsupported CSS property and font fallback; the user needs none of it. */
    private static void quiet() {
        XRLog.setLoggingEnabled(false);
        for (String name : List.of("org.apache.pdfbox", "org.apache.fontbox", "com.openhtmltopdf"))
            LOGGERS.computeIfAbsent(name, n -> {
                Logger l = Logger.getLogger(n);
                l.setLevel(Level.OFF);
                return l;
            });
    }

    /** Strong references: java.util.logging forgets the level of a logger that is garbage-collected. */
    private static final Map<String, Logger> LOGGERS = new ConcurrentHashMap<>();

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
