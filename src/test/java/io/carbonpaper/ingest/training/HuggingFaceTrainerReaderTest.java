package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HuggingFaceTrainerReaderTest extends ReaderContract {
    private final HuggingFaceTrainerReader reader = new HuggingFaceTrainerReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "trainer_state.json"; }
    @Override protected List<String> validLines() { return Fixture.lines("hf/trainer_state.json"); }
    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOfSatisfying(TrainingLog.class,
                l -> assertThat(l.runtime().orElseThrow().seconds()).isCloseTo(7200, within(1e-9)));
    }

    private TrainingLog fixture(String name) throws IOException {
        return Fixture.read(reader, dir, "hf/" + name, "trainer_state.json").only(TrainingLog.class);
    }

    @Test void runtimeComesFromTheFinalSummaryEntry() throws IOException {
        TrainingLog l = fixture("trainer_state.json");
        assertThat(l.runtime().orElseThrow().value()).isCloseTo(2.0, within(1e-12));
        assertThat(l.runtimeSource()).isEqualTo("train_runtime");
        assertThat(l.format()).isEqualTo("hf-trainer-state");
    }

    @Test void lastValueOfEachEvalMetricIsKept() throws IOException {
        TrainingLog l = fixture("trainer_state.json");
        assertThat(l.metrics()).containsEntry("eval_loss", 1.45).containsEntry("eval_g0_loss", 1.6)
                .containsEntry("train_loss", 1.7).containsEntry("loss", 1.5).containsEntry("best_metric", 0.91);
    }

    @Test void trialParamsAndTrainerControlArgsAreHyperparameters() throws IOException {
        TrainingLog l = fixture("trainer_state.json");
        assertThat(l.hyperparameters()).containsEntry("learning_rate", "5.0E-5").containsEntry("seed", "42")
                .containsEntry("TrainerControl.should_training_stop", "true").containsEntry("global_step", "1000")
                .containsEntry("train_batch_size", "8");
    }

    @Test void checkpointCopyWithoutTrainRuntimeSaysWhy() throws IOException {
        TrainingLog l = fixture("checkpoint_trainer_state.json");
        assertThat(l.runtime()).isEmpty();
        assertThat(l.runtimeSource()).contains("no train_runtime").contains("other files");
        assertThat(l.metrics()).containsEntry("eval_loss", 1.7);
    }

    @Test void truncatedJsonKeepsWhatWasReadAndNamesTheLine() throws IOException {
        String full = Fixture.text("hf/trainer_state.json");
        String cut = full.substring(0, full.indexOf("\"train_runtime\""));
        Fixture.Read read = Fixture.readText(reader, dir, cut, "trainer_state.json");
        assertThat(read.only(TrainingLog.class).metrics()).containsEntry("eval_loss", 1.45);
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isGreaterThan(40));
    }

    @Test void sniffsByKeysNotByName() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("hf/trainer_state.json"), "state-copy.json")).isTrue();
        assertThat(Fixture.sniff(reader, dir, Fixture.text("hf/all_results.json"), "trainer_state.json")).isFalse();
    }
}
