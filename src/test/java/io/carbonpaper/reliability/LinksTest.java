package io.carbonpaper.reliability;

import io.carbonpaper.cli.Main;
import io.carbonpaper.ingest.LogScanner;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogsFolder;
import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Symbolic links in a logs folder (issue 16, item 9): none is followed, a file or folder swapped
 * for a link after the folder was listed is refused when opened (no check-then-use race), a
 * linked-in carbonpaper.yaml is neither used nor half-used, and an experiment reached through a
 * link as well as at its own place counts once.
 */
class LinksTest {
    @TempDir Path dir;

    private static final String TRACE = "timestamp, name, index, power.draw [W]\n"
            + "2024/03/01 10:00:00.000, NVIDIA A100-SXM4-80GB, 0, 300.00 W\n"
            + "2024/03/01 11:00:00.000, NVIDIA A100-SXM4-80GB, 0, 300.00 W\n";

    private List<InputSource> scan(Path logs, List<Problem> problems) throws IOException {
        return new LogScanner(logs, List.of()).scan(problems::add);
    }

    @Test void aFileSwappedForALinkOutOfTheFolderAfterListingIsNotRead() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs/run"));
        Path trace = Files.writeString(logs.resolve("power.csv"), TRACE);
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("secret.csv"), "SECRET\n");
        InputSource listed = scan(dir.resolve("logs"), new ArrayList<>()).get(0);
        assertThat(listed.name()).isEqualTo("run/power.csv");

        Files.delete(trace);
        Files.createSymbolicLink(trace, secret);
        assertThatThrownBy(listed::open).isInstanceOf(LogsFolder.LinkedException.class)
                .hasMessageContaining("run/power.csv has become a symbolic link since the folder was listed; not followed");
        assertThatThrownBy(listed::size).isInstanceOf(LogsFolder.LinkedException.class);
        assertThatThrownBy(listed::channel).isInstanceOf(LogsFolder.LinkedException.class);
        assertThat(new String(listed.head())).doesNotContain("SECRET");
    }

    @Test void aFolderSwappedForALinkAfterListingIsNotReadThrough() throws IOException {
        Path run = Files.createDirectories(dir.resolve("logs/run"));
        Files.writeString(run.resolve("power.csv"), TRACE);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("power.csv"), "SECRET\n");
        InputSource listed = scan(dir.resolve("logs"), new ArrayList<>()).get(0);

        Files.move(run, dir.resolve("moved"));
        Files.createSymbolicLink(run, elsewhere);
        assertThatThrownBy(listed::open).isInstanceOf(LogsFolder.LinkedException.class)
                .hasMessageContaining("run has become a symbolic link");
    }

    @Test void anUnchangedFileIsReadAsBeforeAndTheFolderMayItselfBeALink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real/run"));
        Files.writeString(real.resolve("power.csv"), TRACE);
        Path named = Files.createSymbolicLink(dir.resolve("logs"), dir.resolve("real"));
        List<Problem> problems = new ArrayList<>();
        InputSource listed = scan(named, problems).get(0);
        assertThat(problems).isEmpty();
        assertThat(listed.name()).isEqualTo("run/power.csv");
        try (InputStream in = listed.open()) {
            assertThat(new String(in.readAllBytes())).isEqualTo(TRACE);
        }
        assertThat(listed.size()).isEqualTo(TRACE.length());
    }

    @Test void aFileBesideOutsideTheFolderIsRefused() throws IOException {
        Path run = Files.createDirectories(dir.resolve("logs/run"));
        Files.writeString(run.resolve("meta.yaml"), "x: 1\n");
        Files.writeString(dir.resolve("outside.yaml"), "x: 2\n");
        InputSource listed = scan(dir.resolve("logs"), new ArrayList<>()).get(0);
        assertThatThrownBy(() -> listed.beside(dir.resolve("outside.yaml"), "outside.yaml")).isInstanceOf(LogsFolder.LinkedException.class);
        Path link = Files.createSymbolicLink(run.resolve("params.txt"), dir.resolve("outside.yaml"));
        assertThatThrownBy(() -> listed.beside(link, "run/params.txt").open()).isInstanceOf(LogsFolder.LinkedException.class);
    }

    @Test void aLinkedInSettingsFileIsNeitherUsedNorReportedTwice() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path run = Files.createDirectories(logs.resolve("run"));
        Files.writeString(run.resolve("experiment.yaml"), "hardware:\n  accelerator: V100\n  count: 1\nhours: 2\n");
        Path theirs = Files.writeString(dir.resolve("theirs.yaml"), "title: \"Somebody else's title\"\npue: 2.5\n");
        Files.createSymbolicLink(logs.resolve("carbonpaper.yaml"), theirs);
        Path site = dir.resolve("site");
        StringWriter err = new StringWriter();
        Main.run(new String[] {"report", logs.toString(), "--out", site.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        String page = Files.readString(site.resolve("index.html"));
        assertThat(page).doesNotContain("Somebody else").doesNotContain("2.5");
        assertThat(err.toString()).containsOnlyOnce("carbonpaper.yaml: a symbolic link; not read");
        assertThat(err.toString()).doesNotContain("leads outside");
    }

    @Test void anExperimentReachedThroughALinkCountsOnce() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path run = Files.createDirectories(logs.resolve("run-2024-03-01"));
        Files.writeString(run.resolve("experiment.yaml"), "hardware:\n  accelerator: V100\n  count: 1\nhours: 2\n");
        Files.createSymbolicLink(logs.resolve("latest-run"), Path.of("run-2024-03-01"));
        List<Problem> problems = new ArrayList<>();
        assertThat(scan(logs, problems)).extracting(InputSource::name).containsExactly("run-2024-03-01/experiment.yaml");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.file()).isEqualTo("latest-run");
            assertThat(p.message()).contains("read at its own place, once");
        });
        Path site = dir.resolve("site");
        StringWriter out = new StringWriter();
        Main.run(new String[] {"report", logs.toString(), "--out", site.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(out.toString()).contains("(1 experiment");
    }
}
