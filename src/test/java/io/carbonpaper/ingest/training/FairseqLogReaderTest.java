package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FairseqLogReaderTest extends ReaderContract {
    private final FairseqLogReader reader = new FairseqLogReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "train.log"; }
    @Override protected List<String> validLines() { return Fixture.lines("fairseq/old-train.log"); }
    @Override protected int headerLineCount() { return 0; }
    /** fairseq logs are free text: half of "| done training in 529.3 seconds" is a line the reader skips, as it skips any it does not know. */
    @Override protected boolean truncationIsDetectable() { return false; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOfSatisfying(TrainingLog.class,
                l -> assertThat(l.runtime().orElseThrow().seconds()).isCloseTo(529, within(1e-9)));
    }

    private TrainingLog fixture(String name) throws IOException {
        return Fixture.read(reader, dir, "fairseq/" + name, "train.log").only(TrainingLog.class);
    }

    /** fairseq-hydra-train's log: Hydra's bracketed logger names, JSON progress whose end-of-epoch keys carry the tag. */
    @Test void hydraJsonLogRuntimeIsTheSummarysPrefixedWall() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "fairseq/hydra-json-train.log", "hydra_train.log");
        TrainingLog l = r.only(TrainingLog.class);
        assertThat(l.runtime().orElseThrow().seconds()).isCloseTo(1225, within(1e-9));
        assertThat(l.start()).contains(Instant.parse("2023-02-14T09:00:01.112Z"));
        assertThat(l.end()).contains(Instant.parse("2023-02-14T09:20:30.600Z"));
        assertThat(l.metrics()).containsEntry("loss", 9.35).containsEntry("ppl", 652.6).containsEntry("valid_loss", 8.5)
                .containsEntry("valid_best_loss", 8.5).doesNotContainKeys("wall", "train_wall", "wps", "lr", "epoch", "update");
        assertThat(l.hyperparameters()).containsEntry("epoch", "1").containsEntry("num_updates", "200");
        assertThat(r.problems()).isEmpty();
    }

    /** The start-up lines name the devices: the count from "training on N devices", the model from the ranks. */
    @Test void startupLinesNameTheDevicesInUse() throws IOException {
        io.carbonpaper.model.RunInfo run = Fixture.read(reader, dir, "fairseq/hydra-json-train.log", "hydra_train.log")
                .only(io.carbonpaper.model.RunInfo.class);
        assertThat(run.accelerator()).contains("NVIDIA A100-SXM4-40GB");
        assertThat(run.deviceCount()).contains(2);
        assertThat(run.countEvidence()).isEqualTo(io.carbonpaper.model.RunInfo.CountEvidence.IN_USE);
        assertThat(Fixture.read(reader, dir, "fairseq/old-train.log", "train.log").all(io.carbonpaper.model.RunInfo.class)).isEmpty();
    }

    @Test void oldFormatRuntimeIsTheLastWall() throws IOException {
        TrainingLog l = fixture("old-train.log");
        assertThat(l.runtimeSource()).contains("wall");
        assertThat(l.start()).isEmpty();
        assertThat(l.hyperparameters()).containsEntry("epoch", "52").containsEntry("num_updates", "20852");
    }

    @Test void oldFormatFinalMetricsIncludeValidation() throws IOException {
        TrainingLog l = fixture("old-train.log");
        assertThat(l.metrics()).containsEntry("loss", 4.027).containsEntry("ppl", 16.30).containsEntry("valid_loss", 4.74989)
                .containsEntry("valid_ppl", 26.91).doesNotContainKeys("wps", "lr", "wall", "clip");
    }

    @Test void newFormatTimestampsGiveStartAndEnd() throws IOException {
        TrainingLog l = fixture("new-train.log");
        assertThat(l.start()).contains(Instant.parse("2025-10-15T11:24:59Z"));
        assertThat(l.end()).contains(Instant.parse("2025-10-15T11:35:11Z"));
    }

    @Test void wallZeroOnEveryLineFallsBackToTheTimestamps() throws IOException {
        io.carbonpaper.ingest.source.Fixture.Read r = Fixture.read(reader, dir, "fairseq/wall-zero.log", "train.log");
        TrainingLog l = r.only(TrainingLog.class);
        assertThat(l.runtime().orElseThrow().seconds()).isCloseTo(16.3 * 3600, within(1e-6));
        assertThat(l.runtimeSource()).isEqualTo("log time span");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(io.carbonpaper.model.Problem.Severity.NOTE);
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("'wall' is 0 on every line");
        });
    }

    @Test void aWallOfZeroOnlyAtTheStartIsStillTheRuntime() throws IOException {
        String log = "2021-03-01 10:00:00 | INFO | train | epoch 001 | loss 5 | wall 0\n"
                + "2021-03-01 12:00:00 | INFO | train | epoch 002 | loss 4 | wall 7000\n";
        TrainingLog l = Fixture.readText(reader, dir, log, "train.log").only(TrainingLog.class);
        assertThat(l.runtime().orElseThrow().seconds()).isCloseTo(7000, within(1e-9));
    }

    @Test void trainInnerWallAfterTheLastSummaryWins() throws IOException {
        assertThat(fixture("new-train.log").runtime().orElseThrow().seconds()).isCloseTo(611, within(1e-9));
    }

    @Test void newFormatValidKeysArePrefixed() throws IOException {
        TrainingLog l = fixture("new-train.log");
        assertThat(l.metrics()).containsEntry("valid_loss", 4.1).containsEntry("valid_ppl", 14.9).containsEntry("loss", 3.663)
                .containsEntry("nll_loss", 3.5);
    }

    @Test void withoutWallTheTimestampSpanIsUsed() throws IOException {
        String log = "2025-01-01 10:00:00 | INFO | train | epoch 001 | loss 3.0\n2025-01-01 12:30:00 | INFO | train | epoch 002 | loss 2.0\n";
        TrainingLog l = Fixture.readText(reader, dir, log, "train.log").only(TrainingLog.class);
        assertThat(l.runtime().orElseThrow().value()).isCloseTo(2.5, within(1e-12));
        assertThat(l.runtimeSource()).isEqualTo("log time span");
    }

    @Test void aBadWallIsAProblemAtItsLine() throws IOException {
        Fixture.Read read = Fixture.readText(reader, dir, "| epoch 001 | loss 3.0 | wall 10\n| epoch 002 | loss 2.0 | wall soon\n", "train.log");
        assertThat(read.only(TrainingLog.class).runtime().orElseThrow().seconds()).isCloseTo(10, within(1e-9));
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test void sniffsBothForms() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("fairseq/new-train.log"), "out.txt")).isTrue();
        assertThat(Fixture.sniff(reader, dir, Fixture.text("fairseq/hydra-json-train.log"), "hydra_train.log")).isTrue();
        assertThat(Fixture.sniff(reader, dir, "2025-01-01 10:00:00 - CarbonTracker: hi\n", "out.txt")).isFalse();
    }
}
