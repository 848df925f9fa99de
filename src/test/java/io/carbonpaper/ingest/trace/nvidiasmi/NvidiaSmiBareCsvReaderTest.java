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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 15 item 6: nvidia-smi CSVs as found: {@code noheader}, {@code noheader,nounits}, no power.draw column. */
class NvidiaSmiBareCsvReaderTest extends ReaderContract {
    private final NvidiaSmiBareCsvReader reader = new NvidiaSmiBareCsvReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "gpu.csv"; }
    @Override protected List<String> validLines() { return Fixture.lines("nvidia-smi-csv/noheader-units.csv"); }
    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(200.0, 400.0);
    }

    @Test void noheaderWithUnitsIsATraceWhosePowerColumnEndsInW() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "nvidia-smi-csv/noheader-units.csv", "gpu.csv");
        TraceSummary t = r.only(TraceSummary.class);
        // GPU 07: 100 W over 2 s = 200 J; GPU 0F: 200 W at 0 s and 2 s, [N/A] (missing, never 0 W) at 1 s: 400 J.
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("00000000:07:00.0", "00000000:0F:00.0");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(200.0, 400.0);
        assertThat(t.missingByReason()).containsEntry("power.draw [N/A]", 1L);
        assertThat(t.deviceName()).contains("NVIDIA A100-SXM4-40GB");
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("noheader"));
    }

    @Test void noheaderNounitsGivesDevicesAndHoursButNoGuessedPower() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "nvidia-smi-csv/noheader-nounits.csv", "gpu.csv");
        assertThat(r.all(TraceSummary.class)).isEmpty();
        RunInfo info = r.only(RunInfo.class);
        assertThat(info.accelerator()).contains("NVIDIA GeForce RTX 3090");
        assertThat(info.deviceCount()).contains(2);
        TrainingLog log = r.only(TrainingLog.class);
        assertThat(log.runtime().orElseThrow().seconds()).isCloseTo(3600, within(1e-6));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("nounits").contains("TDP");
        });
    }

    @Test void aHeaderWithoutPowerDrawGivesTheDeviceAndItsHours() throws IOException {
        Fixture.Read r = Fixture.read(reader, dir, "nvidia-smi-csv/no-power.csv", "gpu_log.csv");
        RunInfo info = r.only(RunInfo.class);
        assertThat(info.accelerator()).contains("Tesla V100S-PCIE-32GB");
        assertThat(info.deviceCount()).contains(1);
        assertThat(r.only(TrainingLog.class).runtime().orElseThrow().seconds()).isCloseTo(106.054, within(1e-9));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("without a power.draw column"));
    }

    private static final String ACTIVITY_HEADER = "timestamp, index, name, utilization.gpu [%], utilization.memory [%], memory.used [MiB]\n";

    /** Two samples a second apart of each GPU: {index, utilization %, memory MiB} per GPU per sample. */
    private Fixture.Read activity(String... cells) throws IOException {
        StringBuilder b = new StringBuilder(ACTIVITY_HEADER);
        for (int second = 0; second < 2; second++)
            for (String c : cells) {
                String[] f = c.split(";");
                b.append("2024/11/23 12:23:3").append(second).append(".950, ").append(f[0]).append(", NVIDIA RTX A6000, ").append(f[1])
                        .append(", 0 %, ").append(f[2]).append('\n');
            }
        return Fixture.readText(reader, dir, b.toString(), "gpu_usage.csv");
    }

    /** docs/real-world.md n06: GPU 1 at 15 MiB the whole run (and 1 % now and then), beside GPU 0 at work. */
    @Test void aGpuIdleTheWholeTimeBesideOneAtWorkIsNotTheRuns() throws IOException {
        Fixture.Read r = activity("0;92 %;25073 MiB", "1;1 %;15 MiB");
        RunInfo info = r.only(RunInfo.class);
        assertThat(info.deviceCount()).contains(1);
        assertThat(info.countEvidence()).isEqualTo(RunInfo.CountEvidence.IN_USE);
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).isEqualTo("GPU 1 showed no use the whole time (under 64 MiB"
                + " of memory: no process held a CUDA context on it): the run is taken to have used the other 1 of the host's 2 GPUs"));
    }

    @Test void aGpuHoldingAContextOrAllIdleOrActivityUnknownAreAllCounted() throws IOException {
        // 0 % but 310 MiB: a process's CUDA context (loading data, or waiting) is use
        assertThat(activity("0;92 %;25073 MiB", "1;0 %;310 MiB").only(RunInfo.class).deviceCount()).contains(2);
        // all idle: nothing tells which GPUs the run meant to use
        Fixture.Read idle = activity("0;0 %;3 MiB", "1;0 %;3 MiB");
        assertThat(idle.only(RunInfo.class).deviceCount()).contains(2);
        assertThat(idle.only(RunInfo.class).countEvidence()).isEqualTo(RunInfo.CountEvidence.HOST);
        assertThat(idle.problems()).noneMatch(p -> p.message().contains("no use the whole time"));
        // values nvidia-smi could not read
        assertThat(activity("0;92 %;25073 MiB", "1;[N/A];[N/A]").only(RunInfo.class).deviceCount()).contains(2);
    }

    @Test void theRegistryRoutesEachCaseHereAndLeavesOtherCsvsAlone() throws IOException {
        for (String f : List.of("noheader-units.csv", "noheader-nounits.csv", "no-power.csv")) {
            Path p = dir.resolve(f);
            Files.writeString(p, Fixture.text("nvidia-smi-csv/" + f));
            assertThat(ReaderRegistry.builtIn().detect(new InputSource(p, f))).as(f).get().isInstanceOf(NvidiaSmiBareCsvReader.class);
        }
        for (String other : List.of("timestamp,loss,accuracy\n2024-05-01 10:00:00,0.5,0.8\n",
                "timestamp, index, name\n2024/05/01 10:00:00.000, 0, NVIDIA A100\n",
                "2024/05/01 10:00:00.000, lr, 0.001, 0.5\n2024/05/01 10:00:01.000, lr, 0.001, 0.4\n",
                "epoch,step,val.acc\n0,10,0.5\n")) {
            Path p = dir.resolve("other.csv");
            Files.writeString(p, other);
            assertThat(reader.sniff(new InputSource(p, "other.csv"))).as(other).isFalse();
        }
    }
}
