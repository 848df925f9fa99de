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

class LightningHparamsReaderTest extends ReaderContract {
    private final LightningHparamsReader reader = new LightningHparamsReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "hparams.yaml"; }
    @Override protected List<String> validLines() { return Fixture.lines("lightning/hparams.yaml"); }
    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOfSatisfying(TrainingLog.class,
                l -> assertThat(l.hyperparameters()).containsEntry("hidden_sz", "512"));
    }

    @Test void scalarsListsAndNestedMappingsBecomeHyperparameters() throws IOException {
        TrainingLog l = Fixture.read(reader, dir, "lightning/hparams.yaml", "hparams.yaml").only(TrainingLog.class);
        assertThat(l.hyperparameters()).containsEntry("lr", "0.001").containsEntry("class_names", "[\"battery\",\"glass\"]")
                .containsEntry("optimizer.name", "adam");
        assertThat(l.runtime()).isEmpty();
        assertThat(l.metrics()).isEmpty();
    }

    @Test void emptyMappingIsANoteNotAnError() throws IOException {
        Fixture.Read read = Fixture.read(reader, dir, "lightning/empty-hparams.yaml", "hparams.yaml");
        assertThat(read.findings()).isEmpty();
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.severity().name()).isEqualTo("NOTE"));
    }

    @Test void sniffsOnlyItsName() throws IOException {
        assertThat(Fixture.sniff(reader, dir, "lr: 0.1\n", "config.yaml")).isFalse();
    }
}
