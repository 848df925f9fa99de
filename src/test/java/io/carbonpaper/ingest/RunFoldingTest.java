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
// A project is big past ProjectConfig.FOLD_EXPERIMENTS_ABOVE (10,000) experiments: the histories here are a little longer.
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

    private static final int BIG = ProjectConfig.FOLD_EXPERIMENTS_ABOVE + 50;

    @Test void aBigHistoryIsHandedOverJobByJobInFileOrderAndNoneIsKept() throws IOException {
        Files.writeString(logs.resolve("sacct.txt"), history(100, BIG));
        Files.createDirectories(logs.resolve("bert"));
        Files.writeString(logs.resolve("bert/experiment.yaml"), "hardware:\n  accelerator: V100\n  count: 2\nhours: 3\n");
        Run run = ingest(Map.of(), true);
        assertThat(run.folded()).extracting(Experiment::key).containsExactlyElementsOf(
                java.util.stream.IntStream.range(100, 100 + BIG).mapToObj(i -> "sacct:" + i).toList());
        assertThat(run.folded().get(3).hardware().orElseThrow().count()).isEqualTo(4);
        assertThat(run.folded().get(3).hours().orElseThrow().value()).isEqualTo(1.0);
        assertThat(run.result().experiments()).extracting(Experiment::key).containsExactly("bert");
        assertThat(run.result().files()).filteredOn(f -> f.file().equals("sacct.txt")).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains(BIG + " folded into the totals"));
        // The same jobs, kept whole, are the same experiments.
        Run plain = ingest(Map.of(), false);
        List<Experiment> kept = plain.result().experiments().stream().filter(x -> x.key().startsWith("sacct:"))
                .sorted(java.util.Comparator.comparing(x -> Integer.parseInt(x.key().substring("sacct:".length())))).toList();
        assertThat(kept).hasSameSizeAs(run.folded());
        for (int i = 0; i < kept.size(); i++) { // the same but for the file each lists (the folded ones are never shown a page)
            Experiment a = kept.get(i), b = run.folded().get(i);
            assertThat(b.inputs()).isEmpty();
            assertThat(new Experiment(a.key(), a.name(), a.group(), a.label(), a.isFinal(), a.hardware(), a.hours(), a.hoursSource(), a.declaredPower(),
                    a.declaredTdp(), a.overrides(), a.start(), a.end(), a.traces(), a.toolReports(), a.metrics(), a.hyperparameters(), List.of(),
                    a.problems(), a.cpu())).isEqualTo(b);
        }
    }

    @Test void passingTheLimitInAFileFoldsTheJobsKeptFromEarlierFilesToo() throws IOException {
        Files.createDirectories(logs.resolve("a"));
        Files.createDirectories(logs.resolve("b"));
        Files.writeString(logs.resolve("a/sacct.txt"), history(1, 6000));
        Files.writeString(logs.resolve("b/sacct.txt"), history(10001, 6000));
        Run run = ingest(Map.of(), true);
        assertThat(run.folded()).hasSize(12000);
        assertThat(run.folded().get(0).key()).isEqualTo("sacct:1");
        assertThat(run.folded().get(11999).key()).isEqualTo("sacct:16000");
        assertThat(run.result().experiments()).isEmpty();
    }

    @Test void aJobNamedAgainAfterItWasFoldedIsAWarningNotASecondRun() throws IOException {
        Files.createDirectories(logs.resolve("a"));
        Files.createDirectories(logs.resolve("b"));
        Files.writeString(logs.resolve("a/sacct.txt"), history(1, BIG));
        Files.writeString(logs.resolve("b/sacct.txt"), history(BIG - 1, 3)); // the last two again, one new
        Run run = ingest(Map.of(), true);
        assertThat(run.folded()).hasSize(BIG + 1);
        assertThat(run.folded().get(BIG).key()).isEqualTo("sacct:" + (BIG + 1));
        List<Problem> all = new ArrayList<>(run.result().problems());
        assertThat(all).filteredOn(p -> p.severity() == Problem.Severity.WARNING).extracting(Problem::message)
                .containsExactly("run sacct:" + (BIG - 1) + " was already read from an earlier file and folded into the totals; this file's record of it is skipped",
                        "run sacct:" + BIG + " was already read from an earlier file and folded into the totals; this file's record of it is skipped");
    }

    @Test void jobsKeptWhileTheProjectWasSmallAreFoldedWhenLaterFoldersMakeItBig() throws IOException {
        Files.createDirectories(logs.resolve("a"));
        Files.writeString(logs.resolve("a/sacct.txt"), history(1, 2));
        for (int i = 0; i < ProjectConfig.FOLD_EXPERIMENTS_ABOVE; i++) {
            Path d = Files.createDirectories(logs.resolve(String.format("b/r%05d", i)));
            Files.writeString(d.resolve("experiment.yaml"), "hardware:\n  accelerator: V100\nhours: 1\n");
        }
        Run run = ingest(Map.of(), true);
        assertThat(run.folded()).extracting(Experiment::key).containsExactly("sacct:1", "sacct:2");
        assertThat(run.result().experiments()).hasSize(ProjectConfig.FOLD_EXPERIMENTS_ABOVE).noneMatch(x -> x.key().startsWith("sacct:"));
    }
}
