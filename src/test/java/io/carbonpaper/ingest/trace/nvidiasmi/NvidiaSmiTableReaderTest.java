package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 15 item 6: the default nvidia-smi table, one snapshot or many ({@code nvidia-smi -l}). */
class NvidiaSmiTableReaderTest extends ReaderContract {
    private final NvidiaSmiTableReader reader = new NvidiaSmiTableReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "nvidia-smi.log"; }
    @Override protected List<String> validLines() { return Fixture.lines("nvidia-smi-table/loop-snapshots.txt"); }
    @Override protected int headerLineCount() { return 8; }

    /** The last line is the table's bottom border; half a border line is skipped like a whole one, and every snapshot before it is complete. */
    @Override protected boolean truncationIsDetectable() { return false; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("00000000:8D:00.0");
        assertThat(t.devices().get(0).energy().joules()).isCloseTo(1110, within(1e-9));
    }

    @Test void snapshotsOfNvidiaSmiLoopAreATraceAcrossMidnight() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "nvidia-smi-table/loop-snapshots.txt", "nvidia-smi.log");
        TraceSummary t = r.only(TraceSummary.class);
        // 104, 110, 120 W five seconds apart: (104+110)/2*5 + (110+120)/2*5 = 1110 J.
        assertThat(t.devices().get(0).energy().joules()).isCloseTo(1110, within(1e-9));
        assertThat(t.deviceName()).contains("NVIDIA L40S");
        assertThat(t.first()).isEqualTo(Instant.parse("2026-05-24T23:59:55Z"));
        assertThat(t.last()).isEqualTo(Instant.parse("2026-05-25T00:00:05Z"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("3 nvidia-smi table snapshots");
        });
    }

    @Test void oneSnapshotNamesTheDevicesButIsNoTrace() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "nvidia-smi-table/one-snapshot.txt", "gpu_stats.csv");
        assertThat(r.all(TraceSummary.class)).isEmpty();
        assertThat(r.all(TrainingLog.class)).isEmpty();
        RunInfo info = r.only(RunInfo.class);
        assertThat(info.accelerator()).contains("Tesla V100-PCIE");
        assertThat(info.deviceCount()).contains(2);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("one nvidia-smi table snapshot").contains("2 devices").contains("cuts long names short");
        });
    }

    @Test void theRegistryGivesTheTableToThisReaderAndNotAMarkdownPage() throws IOException {
        Path f = dir.resolve("snapshot.txt");
        Files.writeString(f, Fixture.text("nvidia-smi-table/one-snapshot.txt"));
        assertThat(ReaderRegistry.builtIn().detect(new InputSource(f, "snapshot.txt"))).get().isInstanceOf(NvidiaSmiTableReader.class);
        Path md = dir.resolve("README.md");
        Files.writeString(md, "# Setup\n\n```\n" + Fixture.text("nvidia-smi-table/one-snapshot.txt") + "```\n");
        assertThat(reader.sniff(new InputSource(md, "README.md"))).isFalse();
    }
}
