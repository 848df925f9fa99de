package io.carbonpaper.ingest.tracker.mlflow;

import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.reliability.BrokenInputs;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The reader contract over an MLflow run's meta.yaml (the corpus's sample: a run of 100 s). */
class MlflowRunReaderContractTest extends ReaderContract {
    private static final BrokenInputs.Sample SAMPLE = BrokenInputs.mlflowRun();

    @Override protected LogReader reader() { return new MlflowRunReader(); }
    @Override protected String fileName() { return SAMPLE.fileName(); }
    @Override protected List<String> validLines() { return SAMPLE.lines(); }
    @Override protected int headerLineCount() { return 0; }

    /** Half of "user_id: someone" is "user_", a valid YAML scalar. */
    @Override protected boolean truncationIsDetectable() { return false; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).filteredOn(TrainingLog.class::isInstance).singleElement()
                .satisfies(f -> assertThat(((TrainingLog) f).runtime().orElseThrow().seconds()).isCloseTo(100, within(1e-9)));
    }
}
