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

class LightningCsvLoggerReaderTest extends ReaderContract {
    private final LightningCsvLoggerReader reader = new LightningCsvLoggerReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "lightning_logs/version_0/metrics.csv"; }
    @Override protected List<String> validLines() { return Fixture.lines("lightning/metrics.csv"); }
    @Override protected int headerLineCount() { return 1; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOfSatisfying(TrainingLog.class,
                l -> assertThat(l.metrics()).containsEntry("train/nll_loss", 0.0401));
    }

    @Test void finalValueOfEachSparseMetricIsItsLastNonEmptyCell() throws IOException {
        TrainingLog l = Fixture.read(reader, dir, "lightning/metrics.csv", "metrics.csv").only(TrainingLog.class);
        assertThat(l.metrics()).containsOnlyKeys("lr-Adam", "train/nll_loss", "val/rmse_loss")
                .containsEntry("lr-Adam", 0.0054).containsEntry("val/rmse_loss", 0.27);
        assertThat(l.hyperparameters()).containsEntry("epoch", "1").containsEntry("step", "199");
    }

    @Test void noTimestampsMeansNoRuntimeAndSaysSo() throws IOException {
        TrainingLog l = Fixture.read(reader, dir, "lightning/metrics.csv", "metrics.csv").only(TrainingLog.class);
        assertThat(l.runtime()).isEmpty();
        assertThat(l.start()).isEmpty();
        assertThat(l.runtimeSource()).contains("no timestamps");
    }

    @Test void olderUnsortedHeader() throws IOException {
        TrainingLog l = Fixture.read(reader, dir, "lightning/old-metrics.csv", "metrics.csv").only(TrainingLog.class);
        assertThat(l.metrics()).containsEntry("train_loss", 0.0301);
    }

    @Test void aNonNumericCellIsAProblemAtItsLine() throws IOException {
        Fixture.Read read = Fixture.readText(reader, dir, "epoch,step,loss\n0,1,0.5\n0,2,oops\n", "metrics.csv");
        assertThat(read.only(TrainingLog.class).metrics()).containsEntry("loss", 0.5);
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test void sniffsByContent() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("lightning/metrics.csv"), "anything.csv")).isTrue();
        assertThat(Fixture.sniff(reader, dir, "epoch,step,name\n0,1,resnet\n", "metrics.csv")).isFalse();
        assertThat(Fixture.sniff(reader, dir, Fixture.text("codecarbon/v2.2.2.csv"), "metrics.csv")).isFalse();
    }
}
