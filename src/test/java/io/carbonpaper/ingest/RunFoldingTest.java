package io.carbonpaper.ingest;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.settings.ProjectConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20: a big project's cluster jobs are handed over as they are read, and a small one's are kept as always. */
class RunFoldingTest {
    @TempDir Path logs;

    private static String history(int from, int jobs) {
        StringBuilder s = new StringBuilder("JobID|JobName|AllocTRES|Elapsed|Start|End|State\n");
        for (int i = from; i < from + jobs; i++) {
            String tres = "gres/gpu:a100=" + (1 + i % 4) + ",gres/gpu=" + (1 + i % 4);
            s.append(i).append("|train-").append(i % 3).append('|').append(tres).append("|01:00:00|2026-01-01T00:00:00|2026-01-01T01:00:00|COMPLETED\n");
            s.append(i).append(".batch|batch|").append(tres).append("|01:00:00|2026-01-01T00:00:00|2026-01-01T01:00:00|COMPLETED\n");
        }
        return s.toString();
    }

    private record Run(IngestResult result, List<Experiment> folded) {}

    private Run ingest(Map<String, String> settings, boolean fold) throws IOException {
        ProjectConfig config = ProjectConfigReader.readProject(logs, settings);
        List<Experiment> folded = new ArrayList<>();
        IngestResult r = new Ingestor(ReaderRegistry.builtIn(), 2).ingest(logs, List.of(), config, fold ? folded::add : null);
        return new Run(r, folded);
    }

    @Test void aSmallProjectKeepsEveryJobAsItAlwaysDid() throws IOException {
        Files.writeString(logs.resolve("sacct.txt"), history(100, 20));
        Run folding = ingest(Map.of(), true);
        Run plain = ingest(Map.of(), false);
        assertThat(folding.folded()).isEmpty();
        assertThat(folding.result().experiments()).hasSize(20).isEqualTo(plain.result().experiments());
        assertThat(folding.result().files()).isEqualTo(plain.result().files());
        assertThat(folding.result().problems()).isEqualTo(plain.result().problems());
    }

    @Test void withoutPagesEveryJobIsHandedOverInFileOrderAndNoneIsKept() throws IOException {
        Files.writeString(logs.resolve("sacct.txt"), history(100, 50));
        Files.createDirectories(logs.resolve("bert"));
        Files.writeString(logs.resolve("bert/experiment.yaml"), "hardware:\n  accelerator: V100\n  count: 2\nhours: 3\n");
        Run run = ingest(Map.of("experiment_pages", "false"), true);
        assertThat(run.folded()).extracting(Experiment::key).containsExactlyElementsOf(
                java.util.stream.IntStream.range(100, 150).mapToObj(i -> "sacct:" + i).toList());
        assertThat(run.folded().get(3).hardware().orElseThrow().count()).isEqualTo(4);
        assertThat(run.folded().get(3).hours().orElseThrow().value()).isEqualTo(1.0);
        assertThat(run.result().experiments()).extracting(Experiment::key).containsExactly("bert");
        assertThat(run.result().files()).filteredOn(f -> f.file().equals("sacct.txt")).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("50 folded into the totals"));
        // The same jobs, kept whole, are the same experiments.
        Run plain = ingest(Map.of("experiment_pages", "false"), false);
        assertThat(plain.result().experiments()).filteredOn(x -> x.key().startsWith("sacct:")).usingRecursiveFieldByFieldElementComparatorIgnoringFields("inputs")
                .containsExactlyElementsOf(run.folded());
    }

    @Test void passingTheLimitInAFileFoldsTheJobsKeptFromEarlierFilesToo() throws IOException {
        Files.createDirectories(logs.resolve("a"));
        Files.createDirectories(logs.resolve("b"));
        Files.writeString(logs.resolve("a/sacct.txt"), history(1, 600));
        Files.writeString(logs.resolve("b/sacct.txt"), history(1001, 600));
        Run run = ingest(Map.of(), true);
        assertThat(run.folded()).hasSize(1200);
        assertThat(run.folded().get(0).key()).isEqualTo("sacct:1");
        assertThat(run.folded().get(1199).key()).isEqualTo("sacct:1600");
        assertThat(run.result().experiments()).isEmpty();
    }

    @Test void aJobNamedAgainAfterItWasFoldedIsAWarningNotASecondRun() throws IOException {
        Files.createDirectories(logs.resolve("a"));
        Files.createDirectories(logs.resolve("b"));
        Files.writeString(logs.resolve("a/sacct.txt"), history(1, 5));
        Files.writeString(logs.resolve("b/sacct.txt"), history(4, 3)); // 4 and 5 again, 6 new
        Run run = ingest(Map.of("experiment_pages", "false"), true);
        assertThat(run.folded()).extracting(Experiment::key).containsExactly("sacct:1", "sacct:2", "sacct:3", "sacct:4", "sacct:5", "sacct:6");
        List<Problem> all = new ArrayList<>(run.result().problems());
        assertThat(all).filteredOn(p -> p.severity() == Problem.Severity.WARNING).extracting(Problem::message)
                .containsExactly("run sacct:4 was already read from an earlier file and folded into the totals; this file's record of it is skipped",
                        "run sacct:5 was already read from an earlier file and folded into the totals; this file's record of it is skipped");
    }

    @Test void jobsKeptWhileTheProjectWasSmallAreFoldedWhenLaterFoldersMakeItBig() throws IOException {
        Files.createDirectories(logs.resolve("a"));
        Files.writeString(logs.resolve("a/sacct.txt"), history(1, 2));
        for (int i = 0; i < ProjectConfig.AUTO_EXPERIMENT_PAGES_MAX; i++) {
            Path d = Files.createDirectories(logs.resolve(String.format("b/r%04d", i)));
            Files.writeString(d.resolve("experiment.yaml"), "hardware:\n  accelerator: V100\nhours: 1\n");
        }
        Run run = ingest(Map.of(), true);
        assertThat(run.folded()).extracting(Experiment::key).containsExactly("sacct:1", "sacct:2");
        assertThat(run.result().experiments()).hasSize(ProjectConfig.AUTO_EXPERIMENT_PAGES_MAX).noneMatch(x -> x.key().startsWith("sacct:"));
    }
}
