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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link LogReader} keeps, run over each reader by a subclass that supplies a
 * small valid file. The variants (empty, header only, truncated last line, CRLF, BOM, gzip) are
 * derived from that file, so every reader meets the same hostile inputs.
 *
 * <p>Subclasses name the file {@link #fileName()}, give its content as lines in {@link #validLines()}
 * (header lines first, {@link #headerLineCount()} of them), or as bytes in {@link #validFile()} for a
 * binary format ({@link #isText()} false), and check what the valid file yields in
 * {@link #checkValid(List)}. An empty file and a header without rows must yield nothing and say
 * why; a cut last line must keep what the complete lines say and be reported at its line (unless
 * the subclass says why half a line cannot be told from a whole one).
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

    /** The valid file's bytes: its lines joined by LF, or for a binary format ({@link #isText()} false) its bytes. */
    protected byte[] validFile() { return join(validLines(), "\n"); }

    /** Whether the format is text; the text variants (CRLF, BOM, header only, a cut last line) skip a binary one. */
    protected boolean isText() { return true; }

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
        Files.write(f, validFile());
        assertThat(reader().sniff(new InputSource(f, fileName()))).isTrue();
    }

    @Test void readsTheValidFile() throws IOException {
        Outcome o = read(validFile());
        assertThat(o.failure()).isNull();
        assertThat(o.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).isEmpty();
        checkValid(o.findings());
    }

    @Test void readsCrlfLikeLf() throws IOException {
        assumeTrue(isText(), "a binary format");
        Outcome o = read(join(validLines(), "\r\n"));
        assertThat(o.failure()).isNull();
        checkValid(o.findings());
    }

    @Test void skipsAByteOrderMark() throws IOException {
        assumeTrue(isText(), "a binary format");
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
            gz.write(validFile());
        }
        Outcome o = read(bytes.toByteArray());
        assertThat(o.failure()).isNull();
        checkValid(o.findings());
    }

    @Test void emptyFileIsAProblemNotACrash() throws IOException {
        Outcome o = read(new byte[0]);
        if (emptyIsValid()) {
            assertThat(o.failure()).isNull();
            assertThat(o.problems()).noneMatch(p -> p.severity() == Problem.Severity.ERROR);
            return;
        }
        assertThat(o.findings()).as("findings from an empty file").isEmpty();
        assertSaysWhy(o, "an empty file");
        assertMessagesNameTheFile(o);
    }

    @Test void headerOnlyIsAProblemNotACrash() throws IOException {
        assumeTrue(isText() && headerLineCount() > 0, "a format without a header");
        Outcome o = read(join(validLines().subList(0, headerLineCount()), "\n"));
        assertThat(o.findings()).as("findings from a header without rows").isEmpty();
        assertSaysWhy(o, "a header without rows");
        assertMessagesNameTheFile(o);
    }

    /**
     * A file whose last line was cut in half (a run killed while writing) keeps what its complete
     * lines say, and says that the last line was cut: a problem at that line, or the whole file
     * refused with a reason when the format cannot be read in part (one JSON document).
     */
    @Test void truncatedLastLineIsReportedAndTheRestKept() throws IOException {
        assumeTrue(isText(), "a binary format: see truncatedBinaryFileIsReadUpToTheCut");
        List<String> lines = validLines();
        String last = lines.get(lines.size() - 1);
        List<String> cut = new ArrayList<>(lines.subList(0, lines.size() - 1));
        Outcome complete = read(join(cut, "\n"));
        String body = String.join("\n", cut) + "\n" + last.substring(0, last.length() / 2); // "}" is cut to nothing
        Outcome o = read(body.getBytes(StandardCharsets.UTF_8));
        assertMessagesNameTheFile(o);
        if (o.failure() != null) {
            assertThat(o.failure().getMessage()).isNotBlank();
            return;
        }
        if (complete.failure() == null && !complete.findings().isEmpty())
            assertThat(o.findings()).as("what the complete lines say is kept").isNotEmpty();
        if (truncationIsDetectable())
            assertThat(o.problems()).as("the cut last line is reported").anySatisfy(p -> assertThat(p.line()).isEqualTo((long) lines.size()));
    }

    /** A binary file cut at two thirds (a run killed while writing) is a reason, never a crash. */
    @Test void truncatedBinaryFileIsReadUpToTheCut() throws IOException {
        assumeTrue(!isText(), "a text format: see truncatedLastLineIsReportedAndTheRestKept");
        byte[] valid = validFile();
        Outcome o = read(java.util.Arrays.copyOf(valid, valid.length * 2 / 3));
        assertMessagesNameTheFile(o);
        if (o.failure() != null) assertThat(o.failure().getMessage()).isNotBlank();
        else assertThat(o.problems()).as("the cut is reported").isNotEmpty();
    }

    /**
     * Whether half of the last valid line can be told from a whole one. True for formats with a
     * fixed number of fields or a closing bracket; a subclass whose half line is itself a valid
     * line (a free-text log) returns false and says why.
     */
    protected boolean truncationIsDetectable() { return true; }

    /** Whether an empty file is a valid instance of the format (a subclass that says so also says why). */
    protected boolean emptyIsValid() { return false; }

    private void assertSaysWhy(Outcome o, String what) {
        assertThat(o.failure() != null || !o.problems().isEmpty()).as(what + " must get a problem or a refusal with a reason, not silence").isTrue();
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
