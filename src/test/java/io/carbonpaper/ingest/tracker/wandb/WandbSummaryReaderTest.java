package io.carbonpaper.ingest.tracker.wandb;

import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WandbSummaryReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new WandbSummaryReader(); }

    @Override protected String fileName() { return "wandb/run-20241028_143626-k2x9a1b0/files/wandb-summary.json"; }

    /** wandb-core 0.18 style: float _runtime, exponent _timestamp, _wandb.runtime, a media value and '/' in names. */
    @Override protected List<String> validLines() {
        return List.of(
                "{\"_runtime\": 6815.2657357,",
                " \"_step\": 9,",
                " \"_timestamp\": 1.7301078014288204e+09,",
                " \"_wandb\": {\"runtime\": 7063},",
                " \"graph\": {\"_type\": \"graph-file\", \"path\": \"media/graph.json\"},",
                " \"train/loss\": 0.4426,",
                " \"val_accuracy\": 0.8669",
                "}");
    }

    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOf(TrainingLog.class);
        TrainingLog log = (TrainingLog) findings.get(0);
        assertThat(log.runtime().orElseThrow().seconds()).isCloseTo(7063, within(1e-6));
        assertThat(log.runtimeSource()).isEqualTo("_wandb.runtime");
        assertThat(log.metrics()).containsOnlyKeys("train/loss", "val_accuracy");
        assertThat(log.end().orElseThrow()).isBetween(Instant.parse("2024-10-28T09:30:01Z"), Instant.parse("2024-10-28T09:30:02Z"));
    }

    @Test void withoutTheWandbBlockTheRuntimeToTheLastLogIsUsed() throws IOException {
        Outcome o = read("{\"_runtime\": 18, \"_timestamp\": 1601621931, \"_step\": 3, \"loss\": 0.2}".getBytes(StandardCharsets.UTF_8));
        TrainingLog log = (TrainingLog) o.findings().get(0);
        assertThat(log.runtime().orElseThrow().seconds()).isCloseTo(18, within(1e-9));
        assertThat(log.runtimeSource()).startsWith("_runtime");
        assertThat(log.end()).contains(Instant.ofEpochSecond(1601621931));
    }

    @Test void anEmptySummaryHoldsNothing() throws IOException {
        Outcome o = read("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(o.failure()).isNull();
        assertThat(o.findings()).isEmpty();
        assertThat(reader().sniff(new io.carbonpaper.ingest.source.InputSource(dir.resolve(fileName()), fileName()))).isTrue();
    }

    @Test void aRunThatLoggedNothingStillGivesItsRuntime() throws IOException {
        Outcome o = read("{\"_wandb\":{\"runtime\":2}}".getBytes(StandardCharsets.UTF_8));
        assertThat(((TrainingLog) o.findings().get(0)).runtime().orElseThrow().seconds()).isCloseTo(2, within(1e-9));
    }
}
