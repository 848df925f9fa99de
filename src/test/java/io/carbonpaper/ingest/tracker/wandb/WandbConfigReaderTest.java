package io.carbonpaper.ingest.tracker.wandb;

import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WandbConfigReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new WandbConfigReader(); }

    @Override protected String fileName() { return "wandb/run-20201002_075833-3fnl4517/files/config.yaml"; }

    /** Legacy layout: wandb_version line, desc: null beside every value, 2-space indent, nested user config. */
    /** Half of "    betas: [0.9, 0.999]" is "    betas: ", itself valid YAML (a null value). */
    @Override protected boolean truncationIsDetectable() { return false; }

    @Override protected List<String> validLines() {
        return List.of(
                "wandb_version: 1",
                "",
                "_wandb:",
                "  desc: null",
                "  value:",
                "    cli_version: 0.10.4",
                "    t:",
                "      1: [1, 5]",
                "batch_size:",
                "  desc: null",
                "  value: 32",
                "optimizer:",
                "  desc: null",
                "  value:",
                "    lr: 0.001",
                "    betas: [0.9, 0.999]");
    }

    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOf(TrainingLog.class);
        assertThat(((TrainingLog) findings.get(0)).hyperparameters())
                .containsExactly(java.util.Map.entry("batch_size", "32"), java.util.Map.entry("optimizer.betas", "[0.9,0.999]"),
                        java.util.Map.entry("optimizer.lr", "0.001"));
    }

    @Test void readsTheWandbCoreLayoutWithFourSpaceIndentAndQuotedKeys() throws IOException {
        String yaml = """
                _wandb:
                    value:
                        cli_version: 0.18.5
                        m: []
                        t:
                            "1":
                                - 2
                epochs:
                    value: 10
                model:
                    value: DenseNet121
                """;
        Outcome o = read(yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(((TrainingLog) o.findings().get(0)).hyperparameters()).containsOnlyKeys("epochs", "model").containsEntry("model", "DenseNet121");
    }

    @Test void aKeyWithoutValueIsTakenAsItIsAndReported() throws IOException {
        Outcome o = read("_wandb:\n  value: {}\nlr: 0.1\nseed:\n  value: 3\n".getBytes(StandardCharsets.UTF_8));
        assertThat(((TrainingLog) o.findings().get(0)).hyperparameters()).containsEntry("lr", "0.1").containsEntry("seed", "3");
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("'lr' has no 'value:'");
        });
    }
}
