package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link LogReader} keeps, run over each reader by a subclass that supplies a
 * small valid file. The variants (empty, header only, truncated last line, CRLF, BOM, gzip) are
 * derived from that file, so every reader meets the same hostile inputs.
 *
 * <p>Subclasses name the file {@link #fileName()}, give its content as lines in {@link #validLines()}
 * (header lines first, {@link #headerLineCount()} of them) and check what the valid file yields in
 * {@link #checkValid(List)}.
 */
public abstract class ReaderContract {
    @TempDir protected Path dir;

    protected abstract LogReader reader();

    /** The file name the fixture is written under (readers of name-bound formats need it). */
    protected abstract String fileName();

    /** A small valid file, one line per element, without line terminators. */
    protected abstract List<String> validLines();

    /** How many of {@link #validLines()} are header lines (0 for formats without one). */
    protected abstract int headerLineCount();

    /** What a reader must find in the valid file. */
    protected abstract void checkValid(List<Finding> findings);

    /** The result of reading one file. */
    protected record Outcome(List<Finding> findings, List<Problem> problems, IOException failure) {}

    protected Outcome read(byte[] content) throws IOException {
        Path f = dir.resolve(fileName());
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        InputSource src = new InputSource(f, fileName());
        List<Finding> findings = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        FindingSink sink = new FindingSink() {
            @Override public void accept(Finding finding) { findings.add(finding); }
            @Override public void problem(Problem problem) { problems.add(problem); }
        };
        try {
            reader().read(src, sink);
            return new Outcome(findings, problems, null);
        } catch (InputException e) {
            return new Outcome(findings, problems, e);
        }
    }

    protected static byte[] join(List<String> lines, String eol) {
        return (String.join(eol, lines) + eol).getBytes(StandardCharsets.UTF_8);
    }

    @Test void sniffsItsOwnFormat() throws IOException {
        Path f = dir.resolve(fileName());
        Files.createDirectories(f.getParent());
        Files.write(f, join(validLines(), "\n"));
        assertThat(reader().sniff(new InputSource(f, fileName()))).isTrue();
    }

    @Test void readsTheValidFile() throws IOException {
        Outcome o = read(join(validLines(), "\n"));
        assertThat(o.failure()).isNull();
        assertThat(o.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).isEmpty();
        checkValid(o.findings());
    }

    @Test void readsCrlfLikeLf() throws IOException {
        Outcome o = read(join(validLines(), "\r\n"));
        assertThat(o.failure()).isNull();
        checkValid(o.findings());
    }

    @Test void skipsAByteOrderMark() throws IOException {
        byte[] body = join(validLines(), "\n");
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Outcome o = read(withBom);
        assertThat(o.failure()).isNull();
        checkValid(o.findings());
    }

    @Test void readsGzipTransparently() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(join(validLines(), "\n"));
        }
        Outcome o = read(bytes.toByteArray());
        assertThat(o.failure()).isNull();
        checkValid(o.findings());
    }

    @Test void emptyFileIsAProblemNotACrash() throws IOException {
        Outcome o = read(new byte[0]);
        assertThat(o.failure() != null || !o.problems().isEmpty() || o.findings().isEmpty()).isTrue();
        assertMessagesNameTheFile(o);
    }

    @Test void headerOnlyIsAProblemNotACrash() throws IOException {
        if (headerLineCount() == 0) return;
        Outcome o = read(join(validLines().subList(0, headerLineCount()), "\n"));
        assertThat(o.failure() != null || !o.problems().isEmpty() || o.findings().isEmpty()).isTrue();
        assertMessagesNameTheFile(o);
    }

    @Test void truncatedLastLineIsReportedAndTheRestKept() throws IOException {
        List<String> lines = validLines();
        String last = lines.get(lines.size() - 1);
        List<String> cut = new ArrayList<>(lines.subList(0, lines.size() - 1));
        String body = String.join("\n", cut) + "\n" + last.substring(0, Math.max(1, last.length() / 2));
        Outcome o = read(body.getBytes(StandardCharsets.UTF_8));
        // Never a crash; what was complete is still read (or the whole file is refused with a reason).
        if (o.failure() != null) assertThat(o.failure().getMessage()).isNotBlank();
        assertMessagesNameTheFile(o);
    }

    @Test void binaryGarbageIsRefusedWithAMessage() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Outcome o = read(junk);
        assertThat(o.findings()).isEmpty();
        assertMessagesNameTheFile(o);
    }

    private void assertMessagesNameTheFile(Outcome o) {
        for (Problem p : o.problems()) assertThat(p.file()).isEqualTo(fileName());
    }
}
