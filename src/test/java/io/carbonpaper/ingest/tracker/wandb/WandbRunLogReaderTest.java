package io.carbonpaper.ingest.tracker.wandb;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.appleEnvironment;
import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.environment;
import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.exit;
import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.run;
import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.slurmEnvironment;
import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.stats;
import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.summary;
import static io.carbonpaper.ingest.tracker.wandb.WandbLogWriter.tpuEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WandbRunLogReaderTest {
    private static final long T0 = Instant.parse("2026-01-22T08:54:04Z").getEpochSecond() * 1_000_000L;
    private static final String NAME = "wandb/run-20260122_095404-abcd1234/run-abcd1234.wandb";

    @TempDir Path dir;
    private final WandbRunLogReader reader = new WandbRunLogReader();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private void read(byte[] content) throws IOException {
        Path f = dir.resolve(NAME);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        reader.read(new InputSource(f, NAME), new FindingSink() {
            @Override public void accept(Finding finding) { findings.add(finding); }
            @Override public void problem(Problem problem) { problems.add(problem); }
        });
    }

    private <T extends Finding> T one(Class<T> type) {
        List<T> all = findings.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Irregular sampling intervals (as W&B's vary by version) and two GPUs with their own power. */
    private static final long[] OFFSETS_S = {0, 15, 30, 47, 60, 75, 92, 105};
    private static final double[] GPU0 = {120.5, 180.0, 185.25, 90.0, 60.0, 250.75, 249.0, 100.0};
    private static final double[] GPU1 = {50.0, 55.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0};

    private static double trapezoidJoules(double[] watts) {
        double j = 0;
        for (int i = 1; i < watts.length; i++) j += (watts[i - 1] + watts[i]) / 2 * (OFFSETS_S[i] - OFFSETS_S[i - 1]);
        return j;
    }

    private static WandbLogWriter typicalRun(boolean withProcessStats) {
        WandbLogWriter w = new WandbLogWriter()
                .record(run(1, T0, "vit-base", "sweep-lr", "node-1"))
                .record(environment(2, "NVIDIA A100-PCIE-40GB", 8));
        for (int i = 0; i < OFFSETS_S.length; i++) {
            Map<String, String> items = new LinkedHashMap<>();
            items.put("gpu.0.powerWatts", Double.toString(GPU0[i]));
            items.put("gpu.1.powerWatts", Double.toString(GPU1[i]));
            items.put("gpu.0.powerPercent", "45.2");
            items.put("gpu.0.enforcedPowerLimitWatts", "250");
            items.put("gpu.2.powerWatts", "30.0"); // an idle GPU of the host, not the run's
            if (withProcessStats) {
                items.put("gpu.process.0.powerWatts", Double.toString(GPU0[i]));
                items.put("gpu.process.1.powerWatts", Double.toString(GPU1[i]));
                items.put("gpu.process.1.gpu", "99");
            }
            items.put("cpu", "12.5");
            w.record(stats(10 + i, T0 + (5 + OFFSETS_S[i]) * 1_000_000L, items));
        }
        return w.record(summary(30, Map.of("val/acc", "0.91", "_runtime", "110", "media", "{\"_type\":\"image-file\"}")))
                .record(exit(31, 0, 120));
    }

    @Test void energyOfAGeneratedRunEqualsTheTrapezoidSumOfItsSamples() throws IOException {
        read(typicalRun(true).bytes());
        TraceSummary t = one(TraceSummary.class);
        Map<String, Double> joules = new LinkedHashMap<>();
        for (DeviceEnergy d : t.devices()) joules.put(d.device(), d.energy().joules());
        assertThat(joules).containsOnlyKeys("0", "1");
        assertThat(joules.get("0")).isCloseTo(trapezoidJoules(GPU0), within(1e-6));
        assertThat(joules.get("1")).isCloseTo(trapezoidJoules(GPU1), within(1e-6));
        assertThat(t.first()).isEqualTo(Instant.parse("2026-01-22T08:54:09Z"));
        assertThat(t.last()).isEqualTo(Instant.parse("2026-01-22T08:55:54Z"));
        assertThat(t.deviceName()).contains("NVIDIA A100-PCIE-40GB");
        assertThat(t.host()).contains("node-1");
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE));
    }

    /** docs/real-world.md r20: the host's four GPUs sampled, the run's process on one; the others' energy is named, not dropped silently. */
    @Test void theHostsOtherGpusAndTheirEnergyAreNamedWhenOnlyTheRunsCount() throws IOException {
        read(typicalRun(true).bytes());
        double runWh = (trapezoidJoules(GPU0) + trapezoidJoules(GPU1)) / 3600;
        double hostWh = runWh + 30.0 * OFFSETS_S[OFFSETS_S.length - 1] / 3600; // gpu.2 idled at 30 W throughout
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("3 GPUs (gpu.0, gpu.1, gpu.2)").contains(String.format(java.util.Locale.ROOT, "%.3f Wh in all", hostWh))
                    .contains("used gpu.0, gpu.1").contains(String.format(java.util.Locale.ROOT, "only their %.3f Wh count", runWh));
        });
    }

    @Test void processStatsNameTheDevicesTheRunUsedNotTheHostsGpuCount() throws IOException {
        read(typicalRun(true).bytes());
        RunInfo info = one(RunInfo.class);
        assertThat(info.deviceCount()).contains(2);
        assertThat(info.countEvidence()).isEqualTo(RunInfo.CountEvidence.IN_USE);
        assertThat(info.accelerator()).contains("NVIDIA A100-PCIE-40GB");
        assertThat(info.name()).contains("vit-base");
        assertThat(info.group()).contains("sweep-lr");
    }

    @Test void withoutProcessStatsEveryHostGpuSampledIsCountedAndSaidSo() throws IOException {
        read(typicalRun(false).bytes());
        assertThat(one(TraceSummary.class).devices()).extracting(DeviceEnergy::device).containsExactly("0", "1", "2");
        RunInfo info = one(RunInfo.class);
        assertThat(info.deviceCount()).contains(3);
        assertThat(info.countEvidence()).isEqualTo(RunInfo.CountEvidence.SAMPLED);
    }

    @Test void aTpuVmNamesItsChipGenerationAndChipCount() throws IOException {
        read(new WandbLogWriter().record(run(1, T0, "t5-jax", null, "t1v-n-0")).record(tpuEnvironment(2, "v5e", 8))
                .record(stats(3, T0 + 15_000_000L, Map.of("tpu.0.dutyCycle", "71.5", "cpu", "3.0"))).record(exit(4, 0, 600)).bytes());
        RunInfo info = one(RunInfo.class);
        assertThat(info.accelerator()).contains("TPU v5e");
        assertThat(info.deviceCount()).contains(8);
        assertThat(info.countEvidence()).isEqualTo(RunInfo.CountEvidence.HOST);
        assertThat(findings).noneMatch(f -> f instanceof TraceSummary);
    }

    @Test void ironwoodIsSpelledAsTheCatalogDoes() throws IOException {
        read(new WandbLogWriter().record(run(1, T0, "x", null, null)).record(tpuEnvironment(2, "7x", 4)).record(exit(3, 0, 60)).bytes());
        assertThat(one(RunInfo.class).accelerator()).contains("TPU7x");
    }

    /** wandb-core's Apple collector (xpu/src/gpu_apple.rs): the chip's CPU, GPU and neural engine, and the whole Mac. */
    private static Map<String, String> macSample(double cpu, double gpu, double ane, double system) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu.powerWatts", Double.toString(cpu));
        m.put("gpu.0.powerWatts", Double.toString(gpu));
        m.put("ane.power", Double.toString(ane));
        m.put("system.powerWatts", Double.toString(system));
        m.put("gpu.0.gpu", "87.5");
        return m;
    }

    @Test void aMacsChipPowerIsItsCpuGpuAndNeuralEngineTogetherNotTheGpuAlone() throws IOException {
        double[] cpu = {5.0, 6.0, 14.5}, gpu = {20.0, 30.0, 2.0}, ane = {0.0, 1.25, 0.5}, system = {31.0, 44.0, 25.0};
        WandbLogWriter w = new WandbLogWriter().record(run(1, T0, "mps-run", null, "macbook")).record(appleEnvironment(2, "Apple M3 Max"));
        for (int i = 0; i < 3; i++) w.record(stats(3 + i, T0 + (10 + 10L * i) * 1_000_000L, macSample(cpu[i], gpu[i], ane[i], system[i])));
        read(w.record(exit(9, 0, 30)).bytes());
        RunInfo info = one(RunInfo.class);
        assertThat(info.accelerator()).contains("Apple M3 Max");
        assertThat(info.deviceCount()).contains(1);
        TraceSummary t = one(TraceSummary.class);
        assertThat(t.deviceName()).contains("Apple M3 Max");
        assertThat(t.devices()).singleElement().satisfies(d -> assertThat(d.device()).isEqualTo("0"));
        double[] chip = new double[3];
        for (int i = 0; i < 3; i++) chip[i] = cpu[i] + gpu[i] + ane[i];
        double joules = (chip[0] + chip[1]) / 2 * 10 + (chip[1] + chip[2]) / 2 * 10;
        assertThat(t.total().joules()).isCloseTo(joules, within(1e-9));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .contains("Apple M3 Max's power is the sum of W&B's cpu.powerWatts + gpu.0.powerWatts + ane.power")
                .contains("system.powerWatts, the whole Mac's, is not used"));
    }

    @Test void aMacSampleWithAPartThatIsNotANumberIsMissingNotAPartialSum() throws IOException {
        Map<String, String> bad = macSample(5.0, 20.0, 0.0, 30.0);
        bad.put("cpu.powerWatts", "\"NaN\"");
        read(new WandbLogWriter().record(run(1, T0, "mps-run", null, "macbook")).record(appleEnvironment(2, "Apple M1"))
                .record(stats(3, T0 + 10_000_000L, macSample(4.0, 10.0, 0.0, 20.0))).record(stats(4, T0 + 20_000_000L, bad))
                .record(stats(5, T0 + 30_000_000L, macSample(6.0, 12.0, 0.0, 24.0))).record(exit(6, 0, 30)).bytes());
        TraceSummary t = one(TraceSummary.class);
        // the middle sample is dropped, not taken as 20 W of GPU: (14 + 18) / 2 W over 20 s
        assertThat(t.total().joules()).isCloseTo((14.0 + 18.0) / 2 * 20, within(1e-9));
    }

    @Test void aGpuHostsRecordsAreNotSummedWithTheCpu() throws IOException {
        // cpu.powerWatts comes only from the Apple collector; without an Apple chip the GPUs' own power is the trace
        read(new WandbLogWriter().record(run(1, T0, "x", null, "node")).record(environment(2, "NVIDIA L4", 1))
                .record(stats(3, T0 + 10_000_000L, Map.of("gpu.0.powerWatts", "40.0", "cpu.powerWatts", "9.0")))
                .record(stats(4, T0 + 20_000_000L, Map.of("gpu.0.powerWatts", "60.0", "cpu.powerWatts", "9.0"))).record(exit(5, 0, 30)).bytes());
        assertThat(one(TraceSummary.class).total().joules()).isCloseTo(500.0, within(1e-9));
        assertThat(problems).noneMatch(p -> p.message().contains("powerWatts +"));
    }

    @Test void theEnvironmentsSlurmMapNamesTheJobTheRunRanIn() throws IOException {
        read(new WandbLogWriter().record(run(1, T0, "x", null, null))
                .record(slurmEnvironment(2, Map.of("job_id", "69", "cluster_name", "ucloud", "nnodes", "2", "submit_dir", "/work")))
                .record(exit(3, 0, 60)).bytes());
        assertThat(one(io.carbonpaper.model.SchedulerJob.class)).isEqualTo(new io.carbonpaper.model.SchedulerJob("wandb-run-log", "69", java.util.Optional.of("ucloud")));
    }

    @Test void aNamedGpuWinsOverATpuBlock() throws IOException {
        read(new WandbLogWriter().record(run(1, T0, "x", null, null)).record(environment(2, "NVIDIA L4", 1))
                .record(tpuEnvironment(3, "v4", 4)).record(exit(4, 0, 60)).bytes());
        RunInfo info = one(RunInfo.class);
        assertThat(info.accelerator()).contains("NVIDIA L4");
        assertThat(info.deviceCount()).contains(1);
    }

    @Test void startRuntimeAndFinalMetricsComeFromTheRunExitAndSummaryRecords() throws IOException {
        read(typicalRun(true).bytes());
        TrainingLog log = one(TrainingLog.class);
        assertThat(log.start()).contains(Instant.parse("2026-01-22T08:54:04Z"));
        assertThat(log.runtime().orElseThrow().seconds()).isCloseTo(120, within(1e-9));
        assertThat(log.runtimeSource()).isEqualTo("exit record runtime");
        assertThat(log.end()).contains(Instant.parse("2026-01-22T08:56:04Z"));
        assertThat(log.metrics()).containsOnly(Map.entry("val/acc", 0.91));
    }

    @Test void aNonZeroExitCodeIsNotedAndAMissingRuntimeLeavesTheRuntimeOpen() throws IOException {
        read(new WandbLogWriter().record(run(1, T0, null, null, null)).record(exit(2, 255, 0)).bytes());
        assertThat(one(TrainingLog.class).runtime()).isEmpty();
        assertThat(problems).extracting(Problem::message).anyMatch(m -> m.contains("exited with code 255"));
    }

    @Test void recordsSplitOverBlocksAndBlockTrailersAreReassembled() throws IOException {
        WandbLogWriter w = new WandbLogWriter().record(run(1, T0, null, null, null));
        char[] big = new char[80_000]; // larger than two blocks: FIRST, MIDDLE, LAST
        Arrays.fill(big, 'x');
        w.record(summary(2, Map.of("note", "\"" + new String(big) + "\"", "loss", "0.25")));
        for (int i = 0; i < 3000; i++) // many small records: some land within 7 bytes of a block end
            w.record(stats(3 + i, T0 + i * 2_000_000L, Map.of("gpu.0.powerWatts", "100")));
        read(w.bytes());
        TraceSummary t = one(TraceSummary.class);
        assertThat(t.samplesUsed()).isEqualTo(3000);
        assertThat(t.total().joules()).isCloseTo(100.0 * 2 * 2999, within(1e-6));
        assertThat(one(TrainingLog.class).metrics()).containsEntry("loss", 0.25);
        assertThat(problems).extracting(Problem::message).noneMatch(m -> m.contains("read up to"));
    }

    @Test void aTruncatedFileIsReadUpToItsFirstBadRecordAndTheOffsetIsReported() throws IOException {
        byte[] whole = typicalRun(true).bytes();
        byte[] cut = Arrays.copyOf(whole, whole.length - 10); // inside the exit record
        read(cut);
        assertThat(one(TraceSummary.class).samplesUsed()).isEqualTo(2L * OFFSETS_S.length);
        assertThat(problems).filteredOn(p -> p.severity() == Problem.Severity.WARNING)
                .singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo(NAME);
                    assertThat(p.message()).matches("read up to byte \\d+: file ends inside a record.*truncated.*");
                });
        assertThat(problems).extracting(Problem::message).anyMatch(m -> m.startsWith("no exit record"));
    }

    @Test void aCorruptChecksumStopsReadingThere() throws IOException {
        byte[] b = typicalRun(true).bytes();
        int corruptAt = b.length - 40;
        b[corruptAt] ^= 0x5A;
        read(b);
        assertThat(problems).extracting(Problem::message).anyMatch(m -> m.contains("checksum mismatch"));
        assertThat(one(TraceSummary.class).samplesUsed()).isEqualTo(2L * OFFSETS_S.length);
    }

    @Test void unknownFieldsOfNewerWritersAreSkipped() throws IOException {
        WandbLogWriter.Msg stats = new WandbLogWriter.Msg().message(2, WandbLogWriter.timestamp(T0))
                .fixed32(9, 7).message(3, new WandbLogWriter.Msg().string(1, "gpu.0.powerWatts").varint(5, 1).string(16, "100"));
        WandbLogWriter.Msg stats2 = new WandbLogWriter.Msg().message(2, WandbLogWriter.timestamp(T0 + 10_000_000))
                .message(3, new WandbLogWriter.Msg().string(1, "gpu.0.powerWatts").string(16, "300"));
        read(new WandbLogWriter().record(new WandbLogWriter.Msg().varint(1, 1).message(7, stats).string(250, "future"))
                .record(new WandbLogWriter.Msg().varint(1, 2).message(7, stats2)).bytes());
        assertThat(one(TraceSummary.class).total().joules()).isCloseTo(2000.0, within(1e-9));
    }

    @Test void aStatsValueThatIsNotANumberIsCountedAsMissing() throws IOException {
        read(new WandbLogWriter()
                .record(stats(1, T0, Map.of("gpu.0.powerWatts", "100")))
                .record(stats(2, T0 + 1_000_000, Map.of("gpu.0.powerWatts", "\"N/A\"")))
                .record(stats(3, T0 + 2_000_000, Map.of("gpu.0.powerWatts", "100"))).bytes());
        assertThat(one(TraceSummary.class).missingByReason()).containsEntry("power value is not a number", 1L);
    }

    @Test void aFileWithoutTheHeaderIsRefusedAndNotSniffed() throws IOException {
        Path f = dir.resolve("x.wandb");
        Files.write(f, "not a wandb file".getBytes());
        assertThat(reader.sniff(new InputSource(f, "x.wandb"))).isFalse();
        assertThatThrownBy(() -> read("not a wandb file at all".getBytes())).isInstanceOf(InputException.class)
                .hasMessageContaining(":W&B");
    }

    @Test void sniffsTheHeaderWhateverTheFileName() throws IOException {
        Path f = dir.resolve("renamed.bin");
        Files.write(f, new WandbLogWriter().bytes());
        assertThat(reader.sniff(new InputSource(f, "renamed.bin"))).isTrue();
    }
}
