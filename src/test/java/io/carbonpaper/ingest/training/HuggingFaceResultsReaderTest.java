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

class HuggingFaceResultsReaderTest extends ReaderContract {
    private final HuggingFaceResultsReader reader = new HuggingFaceResultsReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "all_results.json"; }
    @Override protected List<String> validLines() { return Fixture.lines("hf/all_results.json"); }
    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOfSatisfying(TrainingLog.class,
                l -> assertThat(l.runtime().orElseThrow().seconds()).isCloseTo(54713.1806, within(1e-9)));
    }

    private TrainingLog fixture(String name) throws IOException {
        return Fixture.read(reader, dir, "hf/" + name, name).only(TrainingLog.class);
    }

    @Test void allResultsWithoutTrailingNewlineGivesRuntimeAndMetrics() throws IOException {
        TrainingLog l = fixture("all_results.json");
        assertThat(l.runtimeSource()).isEqualTo("train_runtime");
        assertThat(l.metrics()).containsEntry("eval_rouge1", 41.6324).containsEntry("train_loss", 1.8040490566820844);
        assertThat(l.hyperparameters()).containsEntry("epoch", "3.0").containsEntry("train_samples", "287113");
    }

    @Test void evalRuntimeIsNotTrainingRuntime() throws IOException {
        TrainingLog l = fixture("eval_results.json");
        assertThat(l.runtime()).isEmpty();
        assertThat(l.runtimeSource()).contains("evaluation results only");
        assertThat(l.metrics()).containsEntry("eval_runtime", 3255.5168);
    }

    @Test void trainResultsAlone() throws IOException {
        TrainingLog l = fixture("train_results.json");
        assertThat(l.runtime().orElseThrow().seconds()).isCloseTo(54713.1806, within(1e-9));
    }

    @Test void aNonNumericRuntimeIsAProblemAtItsLine() throws IOException {
        Fixture.Read read = Fixture.readText(reader, dir, "{\n    \"eval_loss\": 1.0,\n    \"train_runtime\": \"long\"\n}", "x.json");
        assertThat(read.only(TrainingLog.class).runtime()).isEmpty();
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    /**
     * W&B's summary of a run whose metric is named train_loss (wandb-core writes it compact, with its own
     * _wandb, _runtime, _timestamp and _step keys) is W&B's, not the Trainer's results: taken as results it
     * was an experiment of its own, the run's files/ folder, beside the run.
     */
    @Test void aWandbSummaryWithATrainLossIsNotTrainerResults() throws IOException {
        String summary = "{\"train_recon_loss\":0.0984,\"_timestamp\":1.7420279060500152e+09,\"_runtime\":703.9,"
                + "\"_wandb\":{\"runtime\":704},\"_step\":2386,\"train_loss\":0.0986}";
        assertThat(Fixture.sniff(reader, dir, summary, "wandb-summary.json")).isFalse();
        assertThat(Fixture.sniff(reader, dir, summary, "summary-copy.json")).isFalse();
        assertThat(Fixture.sniff(reader, dir, "{\"_runtime\": 12.5, \"_timestamp\": 1700000000, \"train_loss\": 0.5}", "summary.json")).isFalse();
        assertThat(Fixture.sniff(reader, dir, "{\"train_loss\": 0.5, \"train_runtime\": 60.0}", "summary-copy.json")).isTrue();
    }

    @Test void sniffsByKeysAndLeavesTrainerStateAlone() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("hf/eval_results.json"), "results-copy.json")).isTrue();
        assertThat(Fixture.sniff(reader, dir, Fixture.text("hf/trainer_state.json"), "all_results.json")).isFalse();
    }
}
