package io.carbonpaper.reliability;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every reader of the registry against every applicable corruption of {@link BrokenInputs}: it
 * never throws anything but an {@link IOException} (the Ingestor turns those into a problem with
 * the file's name), never hangs, locates every problem in the file it read, and says something
 * about inputs that cannot be read as they are.
 */
class BrokenInputsTest {
    /** A hang guard only: a reader reads these files in milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(120);

    @TempDir Path dir;

    record Outcome(List<Finding> findings, List<Problem> problems, IOException failure) {
        boolean complained() {
            return failure != null
                    || problems.stream().anyMatch(p -> p.severity() != Problem.Severity.NOTE)
                    || findings.stream().anyMatch(f -> f instanceof TraceSummary t && !t.missingByReason().isEmpty());
        }

        double joules() {
            return findings.stream().filter(f -> f instanceof TraceSummary).mapToDouble(f -> ((TraceSummary) f).total().joules()).sum();
        }
    }

    static Stream<BrokenInputs.Case> cases() { return BrokenInputs.cases(); }

    static Outcome read(Path dir, BrokenInputs.Sample sample, byte[] bytes) throws IOException {
        Path f = dir.resolve(sample.fileName());
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
        List<Finding> findings = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        FindingSink sink = new FindingSink() {
            @Override public void accept(Finding finding) { findings.add(finding); }
            @Override public void problem(Problem problem) { problems.add(problem); }
        };
        try {
            sample.reader().read(new InputSource(f, sample.fileName()), sink);
            return new Outcome(findings, problems, null);
        } catch (IOException e) {
            return new Outcome(findings, problems, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(sample.format() + " threw " + e + " (only IOException may leave a reader)", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBreakageIsReportedPreciselyAndNeverCrashes(BrokenInputs.Case c) {
        Outcome o = assertTimeoutPreemptively(HANG, () -> read(dir, c.sample(), c.bytes()));
        long lines = 1 + countNewlines(c.bytes());
        for (Problem p : o.problems()) {
            assertThat(p.file()).as("problem names the file: %s", p).isEqualTo(c.sample().fileName());
            assertThat(p.message()).as("problem says what was expected").isNotBlank();
            // Binary formats (TensorBoard, W&B) locate a problem by byte offset and say so.
            if (!p.message().contains("byte offset")) assertThat(p.line()).as("problem's line is in the file: %s", p).isBetween(0L, lines);
        }
        if (o.failure() != null) {
            assertThat(o.failure().getMessage()).as("refusal says why").isNotBlank();
            assertThat(o.failure().getMessage()).doesNotContain("Exception");
        }
        if (c.corruption() == BrokenInputs.Corruption.UTF16_BOM && !o.complained()
                || c.corruption() == BrokenInputs.Corruption.HUGE_LINE && !o.complained()) {
            // JSON may be UTF-16 (RFC 8259 before 2017; Jackson detects it), and free-text logs skip lines they do not
            // know (a line of digits among a tool's output): then the file must read exactly as the valid one does
            assertThat(o.findings()).as("UTF-16 read silently must equal the UTF-8 reading")
                    .isEqualTo(Unchecked.call(() -> read(dir.resolve("utf8"), c.sample(), c.sample().valid()).findings()));
        } else if (c.corruption().needsComplaint()) {
            assertThat(o.complained()).as("%s: %s must be reported, got findings %s", c.sample().format(), c.corruption().description(),
                    o.findings()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.carbonpaper.reliability.BrokenInputs#samples")
    void duplicatedRowsAddNoEnergy(BrokenInputs.Sample s) throws IOException {
        var dup = BrokenInputs.Corruption.DUPLICATED_ROWS.apply(s);
        if (dup.isEmpty()) return;
        double valid = read(dir, s, s.valid()).joules();
        Outcome o = read(dir, s, dup.get());
        assertThat(valid).isPositive();
        assertThat(o.joules()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.carbonpaper.reliability.BrokenInputs#samples")
    void absurdPowerIsNotIntegrated(BrokenInputs.Sample s) throws IOException {
        var absurd = BrokenInputs.Corruption.ABSURD_POWER.apply(s);
        if (absurd.isEmpty() || !s.timeSeries() && !s.format().startsWith("prometheus")) return;
        double valid = read(dir, s, s.valid()).joules();
        Outcome o = read(dir, s, absurd.get());
        // The 10 kW sample replaces one of at most 500 W: integrated, it would multiply the energy several times.
        assertThat(o.joules()).isPositive().isLessThan(2 * valid);
        assertThat(o.problems()).anySatisfy(p -> assertThat(p.message()).contains("implausible"));
    }

    @Test void theCorpusCoversEveryReaderAndCorruption() {
        List<BrokenInputs.Case> all = BrokenInputs.cases().toList();
        assertThat(all.stream().map(c -> c.sample().format()).distinct()).hasSize(BrokenInputs.samples().size());
        assertThat(all.stream().map(BrokenInputs.Case::corruption).distinct()).hasSize(BrokenInputs.Corruption.values().length);
        System.out.println("broken-input corpus: " + all.size() + " files over " + BrokenInputs.samples().size() + " readers");
    }

    /** Line ends as BufferedReader counts them: LF, CR LF, or a lone CR. */
    private interface Unchecked<T> {
        T get() throws IOException;

        static <T> T call(Unchecked<T> u) {
            try {
                return u.get();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static long countNewlines(byte[] b) {
        long n = 0;
        for (int i = 0; i < b.length; i++) if (b[i] == '\n' || b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n')) n++;
        return n;
    }
}
