package io.carbonpaper.ingest.tracker.wandb;

import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reliability.BrokenInputs;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reader contract over a binary .wandb run log (the corpus's sample: one GPU sampled four
 * times 15 s apart at 200, 210, 220 and 230 W).
 */
class WandbRunLogReaderContractTest extends ReaderContract {
    private static final BrokenInputs.Sample SAMPLE = BrokenInputs.wandbRunLog();

    @Override protected LogReader reader() { return new WandbRunLogReader(); }
    @Override protected String fileName() { return SAMPLE.fileName(); }
    @Override protected List<String> validLines() { return List.of(); }
    @Override protected byte[] validFile() { return SAMPLE.valid(); }
    @Override protected boolean isText() { return false; }
    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        // trapezoids: (200+210)/2*15 + (210+220)/2*15 + (220+230)/2*15 = 3,075 + 3,225 + 3,375 = 9,675 J
        assertThat(findings).filteredOn(TraceSummary.class::isInstance).singleElement()
                .satisfies(f -> assertThat(((TraceSummary) f).total().joules()).isCloseTo(9675, within(1e-6)));
    }
}
