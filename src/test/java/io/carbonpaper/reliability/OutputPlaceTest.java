package io.carbonpaper.reliability;

import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.task.ReportTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.carbonpaper.reliability.HostileLogsReportTest.Run;
import static io.carbonpaper.reliability.HostileLogsReportTest.hashes;
import static io.carbonpaper.reliability.HostileLogsReportTest.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a report may write (issue 16, items 1 and 11; issue 18, "--out inside LOGS"): never over,
 * into or above the logs, with or without {@code --force}; {@code --force} replaces only a folder
 * that holds nothing but a site; refusals are usage errors (exit 2) that write nothing; temporary
 * folders of killed runs are cleaned up. Each case failed on the code before this (logs deleted,
 * exit 0 or 1, an internal error).
 */
class OutputPlaceTest {
    private static final String GOOD = "name: good run\nhardware:\n  accelerator: V100\n  count: 2\nhours: 10\n";

    @TempDir Path dir;

    private Path logs() throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs.resolve("a"));
        Files.writeString(logs.resolve("a/experiment.yaml"), GOOD);
        return logs;
    }

    /** Runs {@code report} and checks that it was refused as a usage error and that nothing under {@code dir} changed. */
    private Run refused(String... args) throws IOException {
        Map<String, String> before = hashes(dir, null);
        Run r = report(args);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("carbonpaper: ").doesNotContain("internal error").doesNotContain("Exception");
        assertThat(hashes(dir, null)).as("nothing written or removed").isEqualTo(before);
        return r;
    }

    @Test void theLogsFolderItselfIsNeverTheSiteEvenForced() throws IOException {
        Path logs = logs();
        assertThat(refused(logs.toString(), "--out", logs.toString(), "--force").err()).contains("is the logs folder itself");
        assertThat(refused(logs.toString(), "--out", logs.resolve("a/..").toString(), "--force").err()).contains("logs folder itself");
    }

    @Test void aStrayMarkerDoesNotMakeTheLogsASite() throws IOException {
        Path logs = logs();
        Files.writeString(logs.resolve(SiteWriter.MARKER), "");
        refused(logs.toString(), "--out", logs.toString());
        refused(logs.toString(), "--out", logs.toString(), "--force");
    }

    @Test void aFolderHoldingTheLogsIsNeverReplaced() throws IOException {
        Path logs = logs();
        Files.writeString(dir.resolve("thesis.tex"), "precious");
        assertThat(refused(logs.toString(), "--out", dir.toString(), "--force").err()).contains("would delete the logs");
        // An ancestor named through a link is still an ancestor.
        Path link = Files.createSymbolicLink(dir.resolve("up"), dir);
        refused(logs.toString(), "--out", link.toString(), "--force");
    }

    @Test void theRootIsAUsageError() throws IOException {
        assertThat(refused(logs().toString(), "--out", "/", "--force").err()).contains("holds the logs folder");
    }

    @Test void aNewFolderInsideTheLogsIsRefused() throws IOException {
        Path logs = logs();
        assertThat(refused(logs.toString(), "--out", logs.resolve("site").toString()).err()).contains("inside the logs folder");
        refused(logs.toString(), "--out", logs.resolve("a/deeper/site").toString(), "--force");
        // Through a link to the logs.
        Path link = Files.createSymbolicLink(dir.resolve("alias"), logs);
        refused(logs.toString(), "--out", link.resolve("site").toString());
    }

    @Test void anExistingSiteInsideTheLogsIsRewrittenAndNeverReadAsLogs() throws IOException {
        Path logs = logs();
        Path elsewhere = dir.resolve("elsewhere");
        Run first = report(logs.toString(), "--out", elsewhere.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path site = logs.resolve("site");
        copyTree(elsewhere, site);
        Map<String, String> logsBefore = hashes(logs, site);

        Run again = report(logs.toString(), "--out", site.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("(1 experiments, 1 estimated, 0 problems)");
        assertThat(hashes(logs, site)).isEqualTo(logsBefore);
        assertThat(hashes(site, null)).isEqualTo(hashes(elsewhere, null));
    }

    @Test void aFileIsNotAFolder() throws IOException {
        Path logs = logs();
        Files.writeString(dir.resolve("report.txt"), "mine");
        assertThat(refused(logs.toString(), "--out", dir.resolve("report.txt").toString(), "--force").err()).contains("not a folder");
    }

    @Test void forceReplacesOnlyWhatIsNothingButASite() throws IOException {
        Path logs = logs();
        Path thesis = dir.resolve("thesis");
        Files.createDirectories(thesis);
        Files.writeString(thesis.resolve("chapter1.tex"), "precious");
        assertThat(refused(logs.toString(), "--out", thesis.toString()).err()).contains("does not write");
        refused(logs.toString(), "--out", thesis.toString(), "--force");

        // A site with a log dropped into it, marker and all, is not only a site.
        Path site = dir.resolve("site");
        assertThat(report(logs.toString(), "--out", site.toString()).code()).isZero();
        Files.writeString(site.resolve("train.log"), "epoch 1\n");
        assertThat(refused(logs.toString(), "--out", site.toString(), "--force").err()).contains("train.log");
        Files.delete(site.resolve("train.log"));

        // A site whose marker was lost is replaced only when forced.
        Files.delete(site.resolve(SiteWriter.MARKER));
        assertThat(refused(logs.toString(), "--out", site.toString()).err()).contains(SiteWriter.MARKER).contains("--force");
        Run forced = report(logs.toString(), "--out", site.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(site.resolve(SiteWriter.MARKER)).exists();
    }

    @Test void aMarkerBesideOtherFilesIsNotASite() throws IOException {
        Path logs = logs();
        Path theirs = dir.resolve("theirs");
        Files.createDirectories(theirs);
        Files.writeString(theirs.resolve(SiteWriter.MARKER), "This folder was written by carbonpaper; it may replace it on the next report.\n");
        Files.writeString(theirs.resolve("index.html"), "<html>their own page</html>");
        assertThat(refused(logs.toString(), "--out", theirs.toString()).err()).contains("index.html that carbonpaper did not write");
    }

    @Test void aHugeSourceDateEpochIsAUsageError() throws IOException {
        Path logs = logs();
        for (String epoch : new String[] {"99999999999999999", "9223372036854775807", "-1", "1e9"}) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            Map<String, String> before = hashes(dir, null);
            int code = new ReportTask(new PrintWriter(out, true), new PrintWriter(err, true), Optional.of(epoch))
                    .run(new io.carbonpaper.task.ReportJob(logs, dir.resolve("site"), Optional.empty(), false, false, Map.of(), false));
            assertThat(code).as(epoch + ": " + err).isEqualTo(2);
            assertThat(err.toString()).contains("SOURCE_DATE_EPOCH").contains("9999-12-31");
            assertThat(hashes(dir, null)).isEqualTo(before);
        }
    }

    @Test void staleTemporaryFoldersOfKilledRunsAreRemovedLiveOnesKept() throws IOException {
        Path logs = logs();
        Path site = dir.resolve("site");
        assertThat(report(logs.toString(), "--out", site.toString()).code()).isZero();
        // What a run killed mid-way leaves: its staging folder (marked) and a previous site set aside.
        Path staleTmp = dir.resolve(".site.tmp-123");
        copyTree(site, staleTmp);
        Path staleOld = dir.resolve(".site.old-456");
        copyTree(site, staleOld);
        // Killed before the marker was written: empty and old.
        Path unmarked = Files.createDirectory(dir.resolve(".site.tmp-789"));
        Files.setLastModifiedTime(unmarked, FileTime.from(Instant.now().minusSeconds(3600)));
        // A run still writing: it holds the lock on its marker.
        Path live = dir.resolve(".site.tmp-live");
        copyTree(site, live);
        // Someone else's folder that happens to look alike is not touched.
        Path other = Files.createDirectory(dir.resolve(".site.tmp-notes"));
        Files.writeString(other.resolve("notes.txt"), "keep");

        try (FileChannel c = FileChannel.open(live.resolve(SiteWriter.MARKER), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = c.lock()) {
            Run r = report(logs.toString(), "--out", site.toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("logs", "site", ".site.tmp-live", ".site.tmp-notes");
        }
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("keep");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
