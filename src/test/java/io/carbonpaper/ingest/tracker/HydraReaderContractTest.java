package io.carbonpaper.ingest.tracker;

import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.reliability.BrokenInputs;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader contract over a Hydra job's .hydra/config.yaml (the corpus's sample). */
class HydraReaderContractTest extends ReaderContract {
    private static final BrokenInputs.Sample SAMPLE = BrokenInputs.hydra();

    @Override protected LogReader reader() { return new HydraReader(); }
    @Override protected String fileName() { return SAMPLE.fileName(); }
    @Override protected List<String> validLines() { return SAMPLE.lines(); }
    @Override protected int headerLineCount() { return 0; }

    /** Half of "seed: 1" is "see", a valid YAML scalar. */
    @Override protected boolean truncationIsDetectable() { return false; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).filteredOn(TrainingLog.class::isInstance).singleElement().satisfies(f -> assertThat(((TrainingLog) f).hyperparameters())
                .containsEntry("model.name", "vit").containsEntry("model.depth", "12").containsEntry("optimizer.lr", "0.001").containsEntry("seed", "1"));
    }
}
