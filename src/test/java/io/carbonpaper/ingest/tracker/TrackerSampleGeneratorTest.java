package io.carbonpaper.ingest.tracker;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerSampleGeneratorTest {
    @TempDir Path a;
    @TempDir Path b;

    @Test void theSampleIngestsAsThreeSweepJobsAndThreeMlflowRunsWithMeasuredPower() throws IOException {
        TrackerSampleGenerator.write(a);
        IngestResult r = new Ingestor(ReaderRegistry.builtIn()).ingest(a, List.of(), ProjectConfigReader.readProject(a, Map.of()));
        assertThat(r.experiments()).hasSize(6).allSatisfy(e -> {
            assertThat(e.traces()).hasSize(1);
            assertThat(e.hours()).isPresent();
            assertThat(e.problems()).filteredOn(p -> p.severity() != Problem.Severity.NOTE).isEmpty();
        });
        List<Experiment> sweep = r.experiments().stream().filter(e -> e.key().startsWith("wandb-sweep")).toList();
        assertThat(sweep).extracting(Experiment::group).containsOnly(TrackerSampleGenerator.SWEEP);
        assertThat(sweep).extracting(e -> e.label().orElseThrow()).containsExactly("optimizer.lr=0.1", "optimizer.lr=0.01", "optimizer.lr=0.001");
        assertThat(sweep).allSatisfy(e -> {
            assertThat(e.hardware().orElseThrow().count()).isEqualTo(2); // the 2 GPUs in use, not the host's 4
            assertThat(e.metrics()).containsKey("val/accuracy");
        });
        assertThat(r.files()).noneMatch(v -> v.format().isEmpty());
    }

    @Test void theSampleIsTheSameEveryTime() throws IOException {
        TrackerSampleGenerator.write(a);
        TrackerSampleGenerator.write(b);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(a)) {
            files = walk.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        for (Path f : files) assertThat(Files.readAllBytes(b.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
}
