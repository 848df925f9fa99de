package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.InputSource;

import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KerasCsvLogReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new KerasCsvLogReader(); }

    @Override protected String fileName() { return "run/training_log.csv"; }

    /** Sorted metric columns after epoch; a second session appended (the counter restarts); NA in the last row. */
    @Override protected List<String> validLines() {
        return List.of(
                "epoch,accuracy,learning_rate,loss,val_accuracy,val_loss",
                "0,0.36,9.9999997e-05,1.18,0.60,1.04",
                "1,0.40,9.9999997e-05,1.08,0.60,1.00",
                "0,0.45,9.9999997e-05,1.05,0.61,0.97",
                "1,0.489171028,9.9999997e-05,1.0265,0.6043,NA");
    }

    @Override protected int headerLineCount() { return 1; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOf(TrainingLog.class);
        TrainingLog log = (TrainingLog) findings.get(0);
        assertThat(log.metrics()).containsEntry("accuracy", 0.489171028).containsEntry("val_accuracy", 0.6043)
                .containsEntry("val_loss", 0.97); // NA keeps the session's previous value
        assertThat(log.start()).isEmpty();
        assertThat(log.runtime()).isEmpty();
    }

    @Test void theRestartOfTheEpochCounterIsNotedAtItsLine() throws IOException {
        Outcome o = read(join(validLines(), "\r\n"));
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.line()).isEqualTo(4);
        });
    }

    @Test void aRowWithTheWrongNumberOfCellsIsReportedAndSkipped() throws IOException {
        Outcome o = read(join(List.of("epoch,loss", "0,1.5", "1,1.2,extra", "2,1.1"), "\n"));
        assertThat(((TrainingLog) o.findings().get(0)).metrics()).isEqualTo(Map.of("loss", 1.1));
        assertThat(o.problems()).extracting(Problem::line).containsExactly(3L);
    }

    /** docs/real-world.md k01: a hand-written log of Keras's shape with each epoch's duration; their sum is the run time, at least. */
    @Test void aColumnOfEpochDurationsGivesTheRunTimeAsALowerBound() throws IOException {
        Outcome o = read(join(List.of("epoch,train_loss,test_acc,epoch_time_sec", "1,1.61,54.47,39.5", "2,1.31,60.61,40.25",
                "3,1.20,65.84,NA", "4,1.13,67.32,20.25"), "\n"));
        TrainingLog log = (TrainingLog) o.findings().get(0);
        assertThat(log.runtime().orElseThrow().seconds()).isCloseTo(100.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(log.runtimeSource()).isEqualTo("sum of epoch_time_sec over 3 epochs");
        assertThat(log.runtimeLowerBound()).isTrue();

        Outcome ms = read(join(List.of("epoch,loss,time_per_epoch_ms", "0,1.5,1500", "1,1.2,2500"), "\n"));
        assertThat(((TrainingLog) ms.findings().get(0)).runtime().orElseThrow().seconds()).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-9));

        Outcome none = read(join(List.of("epoch,loss,lr", "0,1.5,0.1"), "\n"));
        assertThat(((TrainingLog) none.findings().get(0)).runtime()).isEmpty();
    }

    @Test void anOrdinaryCsvIsNotSniffed() throws IOException {
        java.nio.file.Path f = dir.resolve("other.csv");
        java.nio.file.Files.writeString(f, "time,power\n0,100\n");
        assertThat(reader().sniff(new InputSource(f, "other.csv"))).isFalse();
    }
}
