package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.settings.ProjectConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 15 item 6: Trainer checkpoints belong to their run; model and tokenizer files are quietly not logs. */
class CheckpointsAndNotLogsTest {
    @TempDir Path dir;

    private IngestResult ingest(String fixture, List<String> files) throws IOException {
        Path logs = dir.resolve("logs");
        for (String f : files) {
            Path to = logs.resolve("run").resolve(f);
            Files.createDirectories(to.getParent());
            Files.writeString(to, Fixture.text("hf/" + fixture + "/" + f));
        }
        return new Ingestor(ReaderRegistry.builtIn(), 1).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, Map.of()));
    }

    @Test void checkpointsBelongToTheRunAndModelFilesAreNotProblems() throws IOException {
        IngestResult in = ingest("run-with-checkpoints", List.of("trainer_state.json", "checkpoint-500/trainer_state.json",
                "checkpoint-1000/trainer_state.json", "checkpoint-1000/config.json", "config.json", "tokenizer_config.json",
                "special_tokens_map.json", "README.md"));
        assertThat(in.experiments()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("run");
            assertThat(e.hours().orElseThrow().value()).isCloseTo(1.5, within(1e-12));
            assertThat(e.metrics()).containsEntry("loss", 0.98).containsEntry("train_loss", 1.145);
            assertThat(e.problems()).isEmpty();
        });
        assertThat(in.problems()).isEmpty();
        assertThat(in.files()).filteredOn(v -> v.file().endsWith("config.json") || v.file().endsWith("special_tokens_map.json"))
                .hasSize(4).allSatisfy(v -> assertThat(v.reason()).isEqualTo("not a log (model or tokenizer file)"));
        assertThat(in.files()).filteredOn(v -> v.file().endsWith("README.md")).singleElement()
                .satisfies(v -> assertThat(v.reason()).isEqualTo("not a log (documentation)"));
    }

    @Test void withoutARunFileTheLatestCheckpointIsTheRun() throws IOException {
        IngestResult in = ingest("checkpoints-only", List.of("checkpoint-500/trainer_state.json", "checkpoint-1000/trainer_state.json",
                "checkpoint-1000/adapter_config.json"));
        assertThat(in.experiments()).extracting(Experiment::key).containsExactly("run");
        Experiment e = in.experiments().get(0);
        assertThat(e.metrics()).containsEntry("loss", 0.98).containsEntry("eval_loss", 1.05);
        assertThat(e.hyperparameters()).containsEntry("global_step", "1000");
        assertThat(in.problems()).isEmpty();
    }

    /** A run cloned from the Hub without Git LFS: last-checkpoint/ is the run's latest checkpoint; event-file pointers are said, not read. */
    @Test void aHubCloneIsOneRunAndItsLfsPointersAreNamed() throws IOException {
        IngestResult in = ingest("hub-push", List.of("all_results.json", "last-checkpoint/trainer_state.json",
                "runs/Mar02_10-00-00_node3/events.out.tfevents.1709373600.node3.4242.0",
                "runs/Mar02_10-00-00_node3/1709373600.123/events.out.tfevents.1709373600.node3.4242.1"));
        assertThat(in.experiments()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("run");
            assertThat(e.hours().orElseThrow().value()).isCloseTo(36000.5 / 3600, within(1e-12));
            assertThat(e.problems()).isEmpty();
        });
        assertThat(in.problems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.file()).contains("events.out.tfevents");
            assertThat(p.severity()).isEqualTo(io.carbonpaper.model.Problem.Severity.NOTE);
            assertThat(p.message()).contains("Git LFS pointer").contains("git lfs pull");
        });
        assertThat(in.files()).filteredOn(v -> v.file().contains("tfevents")).hasSize(2)
                .allSatisfy(v -> assertThat(v.reason()).isEqualTo("a Git LFS pointer, not the file itself"));
    }

    @Test void aFileThatMayBeALogIsStillNamed() {
        assertThat(Ingestor.notALog("run/notes.txt")).isEmpty();
        assertThat(Ingestor.notALog("run/metrics.json")).isEmpty();
        assertThat(Ingestor.notALog("run/checkpoint-5/rng_state_3.pth")).contains("model or tokenizer file");
        assertThat(Ingestor.notALog("run/model.safetensors")).contains("model weights or saved state");
    }
}
