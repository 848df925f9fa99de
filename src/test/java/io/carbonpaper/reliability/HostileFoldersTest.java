package io.carbonpaper.reliability;

import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.LogScanner;
import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Folder-level hostility for {@link LogScanner}: 100,000 files, link loops, links out of LOGS, unreadable entries. */
class HostileFoldersTest {
    @TempDir Path dir;

    private List<Problem> problems = new ArrayList<>();

    private List<InputSource> scan(Path logs) throws IOException {
        problems = new ArrayList<>();
        List<Problem> sink = problems;
        return assertTimeoutPreemptively(Duration.ofMinutes(5), () -> new LogScanner(logs, List.of()).scan(sink::add));
    }

    @Test void aHundredThousandFilesAreListedInBoundedMemory() throws IOException {
        Path logs = dir.resolve("logs");
        for (int d = 0; d < 100; d++) {
            Path sub = Files.createDirectories(logs.resolve(String.format("run-%03d", d)));
            for (int f = 0; f < 1000; f++) Files.createFile(sub.resolve(String.format("step-%04d.log", f)));
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        List<InputSource> files = scan(logs);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long used = rt.totalMemory() - rt.freeMemory() - before;
        assertThat(files).hasSize(100_000);
        assertThat(files.get(0).name()).isEqualTo("run-000/step-0000.log");
        assertThat(problems).isEmpty();
        // Reported, not asserted on time (machines differ); memory: a few hundred bytes per file listed.
        System.out.printf("scan of 100,000 files: %d ms, ~%d MB held while listing%n", millis, Math.max(0, used) >> 20);
        assertThat(used).as("heap growth for 100,000 listed files").isLessThan(256L << 20);
    }

    @Test void aSymbolicLinkLoopIsReportedNotFollowed() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs/a"));
        Files.writeString(logs.resolve("experiment.yaml"), "name: a\n");
        Files.createSymbolicLink(logs.resolve("loop"), logs);
        Files.createSymbolicLink(logs.resolve("self"), logs.resolve("self"));
        List<InputSource> files = scan(dir.resolve("logs"));
        assertThat(files).extracting(InputSource::name).containsExactly("a/experiment.yaml");
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("a/self");
            assertThat(p.message()).contains("loop").contains("not read");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("a/loop");
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("symbolic link to a inside the logs folder; not followed");
        });
    }

    @Test void aLinkOutOfLogsIsNamedAndNotRead() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.csv"), "timestamp, power.draw [W]\n");
        Path logs = Files.createDirectories(dir.resolve("logs/a"));
        Files.createSymbolicLink(logs.resolve("out"), outside);
        Files.createSymbolicLink(logs.resolve("file.csv"), outside.resolve("secret.csv"));
        Files.createSymbolicLink(logs.resolve("inside"), logs.resolve("..").normalize());
        List<InputSource> files = scan(dir.resolve("logs"));
        assertThat(files).extracting(InputSource::name).noneMatch(n -> n.contains("secret") || n.equals("a/file.csv"));
        assertThat(problems).filteredOn(p -> p.severity() == Problem.Severity.WARNING).extracting(Problem::file).containsExactlyInAnyOrder("a/file.csv", "a/out");
        assertThat(problems).filteredOn(p -> p.severity() == Problem.Severity.WARNING)
                .allSatisfy(p -> assertThat(p.message()).contains("outside the logs folder"));
        assertThat(problems).filteredOn(p -> p.file().equals("a/inside")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("the logs folder itself"));
    }

    @Test void unreadableFilesAndFoldersAreReportedWithoutRoot() throws IOException {
        // chmod does not bite for root (CAP_DAC_OVERRIDE): as root this check cannot be made.
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root: permissions are not enforced");
        Path logs = Files.createDirectories(dir.resolve("logs/a"));
        Path f = Files.writeString(logs.resolve("experiment.yaml"), "name: a\n");
        Path closed = Files.createDirectories(dir.resolve("logs/closed"));
        Files.writeString(closed.resolve("x.csv"), "x\n");
        assumeTrue(f.toFile().setReadable(false, false) && closed.toFile().setExecutable(false, false) && closed.toFile().setReadable(false, false));
        try {
            scan(dir.resolve("logs"));
            assertThat(problems).extracting(Problem::file).contains("a/experiment.yaml", "closed");
            assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("not readable"));
        } finally {
            f.toFile().setReadable(true, false);
            closed.toFile().setReadable(true, false);
            closed.toFile().setExecutable(true, false);
        }
    }

    @Test void anEntryThatCannotBeOpenedAsRootIsReported() throws IOException {
        // As root, chmod 000 does not stop reading; a dangling link is an entry that cannot be read by anyone.
        Path logs = Files.createDirectories(dir.resolve("logs/a"));
        Files.createSymbolicLink(logs.resolve("gone.csv"), dir.resolve("logs/a/deleted.csv"));
        Files.writeString(logs.resolve("experiment.yaml"), "name: a\n");
        List<InputSource> files = scan(dir.resolve("logs"));
        assertThat(files).extracting(InputSource::name).containsExactly("a/experiment.yaml");
        assertThat(problems).extracting(Problem::file).containsExactly("a/gone.csv");
    }
}
