package io.carbonpaper.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names from a logs folder end to end (issue 16, items 5 to 7): names built to collide, and names
 * carrying control characters or of absurd length, through {@code carbonpaper report}.
 */
class UntrustedNamesTest {
    @TempDir Path dir;

    private static void write(Path f, String s) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, s, StandardCharsets.UTF_8);
    }

    private static String experiment(String name, int hours) {
        return "name: " + name + "\nhardware:\n  accelerator: V100\n  count: 1\nhours: " + hours + "\n";
    }

    private static List<Path> files(Path root, String glob) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(root.relativize(p))).sorted().toList();
        }
    }

    /** {@code run)%;x} and {@code run'}-x} share stem and 24-bit hash: they shared one page. */
    @Test void twoExperimentsWhoseShortSlugsClashGetTwoPages() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("run)%;x/experiment.yaml"), experiment("first", 3));
        write(logs.resolve("run'}-x/experiment.yaml"), experiment("second", 5));
        Path site = dir.resolve("site");
        HostileLogsReportTest.Run r = HostileLogsReportTest.report(logs.toString(), "--out", site.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<Path> pages = files(site, "experiments/*.html");
        assertThat(pages).hasSize(2);
        String both = Files.readString(pages.get(0)) + Files.readString(pages.get(1));
        assertThat(both).contains("first").contains("second");
    }

    /** Two sibling projects (each with its own carbonpaper.yaml) whose names clash the same way. */
    @Test void twoNestedProjectsWhoseShortSlugsClashGetTwoFolders() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("run)%;x/carbonpaper.yaml"), "title: first project\n");
        write(logs.resolve("run)%;x/a/experiment.yaml"), experiment("a", 3));
        write(logs.resolve("run'}-x/carbonpaper.yaml"), "title: second project\n");
        write(logs.resolve("run'}-x/b/experiment.yaml"), experiment("b", 5));
        Path site = dir.resolve("site");
        HostileLogsReportTest.Run r = HostileLogsReportTest.report(logs.toString(), "--out", site.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<Path> indexes = files(site, "projects/*/index.html");
        assertThat(indexes).hasSize(2);
        assertThat(Files.readString(indexes.get(0)) + Files.readString(indexes.get(1))).contains("first project").contains("second project");
    }
}
