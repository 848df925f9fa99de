package io.carbonpaper.reliability;

import io.carbonpaper.ingest.LogScanner;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 16 item 11: a FIFO in the logs was dropped without a word. It is still not read (it could block), but said. */
class SpecialFilesTest {
    @TempDir Path logs;

    @Test
    void aFifoGetsANoteAndIsNotRead() throws Exception {
        Files.createDirectories(logs.resolve("run"));
        Files.writeString(logs.resolve("run/experiment.yaml"), "hours: 1\n");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", logs.resolve("run/train.log").toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(p.waitFor() == 0, "mkfifo failed");
        List<Problem> problems = new ArrayList<>();
        List<InputSource> files = new LogScanner(logs, List.of()).scan(problems::add);
        assertThat(files).extracting(InputSource::name).containsExactly("run/experiment.yaml");
        assertThat(problems).singleElement().satisfies(x -> {
            assertThat(x.file()).isEqualTo("run/train.log");
            assertThat(x.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(x.message()).contains("not a regular file", "FIFO");
        });
    }
}
