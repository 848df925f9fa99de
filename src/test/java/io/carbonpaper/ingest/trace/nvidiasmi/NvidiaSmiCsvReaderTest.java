package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.trace.NvidiaSmiTraceGenerator;
import io.carbonpaper.ingest.ReaderRegistry;

import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NvidiaSmiCsvReaderTest extends ReaderContract {
    private static final String V100 = "Tesla V100-SXM2-16GB";

    @Override protected LogReader reader() { return new NvidiaSmiCsvReader(); }

    @Override protected String fileName() { return "gpu-power.csv"; }

    /** Two GPUs, one second apart across midnight: 200 J each. */
    @Override protected List<String> validLines() {
        return List.of(
                "timestamp, index, name, power.draw [W], utilization.gpu [%]",
                "2019/05/28 23:59:59.000, 0, " + V100 + ", 100.00 W, 90 %",
                "2019/05/28 23:59:59.000, 1, " + V100 + ", 200.00 W, 91 %",
                "2019/05/29 00:00:00.000, 0, " + V100 + ", 300.00 W, 92 %",
                "2019/05/29 00:00:00.000, 1, " + V100 + ", 200.00 W, 93 %");
    }

    @Override protected int headerLineCount() { return 1; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.format()).isEqualTo("nvidia-smi-csv");
        assertThat(t.deviceName()).contains(V100);
        assertThat(t.host()).isEmpty();
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        assertThat(t.devices()).allSatisfy(d -> assertThat(d.energy().joules()).isCloseTo(200.0, within(1e-9)));
        assertThat(t.first()).isEqualTo(Instant.parse("2019-05-28T23:59:59Z"));
        assertThat(t.last()).isEqualTo(Instant.parse("2019-05-29T00:00:00Z"));
    }

    private Outcome read(String... lines) throws IOException { return read(join(List.of(lines), "\n")); }

    private static List<Problem> errors(Outcome o) {
        return o.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    /** Issue 16 item 7: past a handful of devices, keys are looked up by hash; every device keeps its own samples. */
    @Test void manyDevicesAreEachTheirOwn() throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("timestamp, uuid, power.draw [W]"));
        for (int t = 0; t < 3; t++)
            for (int d = 0; d < 300; d++) lines.add("2024/01/01 00:00:0" + t + ".000, GPU-" + (1000 + d) + "-ab, " + (d + 1) + ".00 W");
        TraceSummary t = Fixture.single(read(join(lines, "\n")).findings());
        assertThat(t.devices()).hasSize(300);
        for (int d = 0; d < 300; d++) {
            assertThat(t.devices().get(d).device()).isEqualTo("GPU-" + (1000 + d) + "-ab");
            assertThat(t.devices().get(d).energy().joules()).isCloseTo(2.0 * (d + 1), within(1e-9));
            assertThat(t.devices().get(d).samples()).isEqualTo(3);
        }
    }

    @Test void nounitsValuesAndHeaderAreRead() throws IOException {
        Outcome o = read("timestamp, index, power.draw",
                "2024/01/01 00:00:00.000, 0, 100.5",
                "2024/01/01 00:00:02.000, 0, 99.5");
        assertThat(Fixture.single(o.findings()).total().joules()).isCloseTo(200.0, within(1e-9));
        assertThat(o.problems()).isEmpty();
    }

    @Test void columnsAreFoundByNameInAnyOrderAndPowerDrawIsPreferred() throws IOException {
        Outcome o = read("power.draw.instant [W], memory.used [MiB], power.draw [W], index, timestamp",
                "999.00 W, 10 MiB, 50.00 W, 3, 2024/01/01 00:00:00.000",
                "999.00 W, 10 MiB, 50.00 W, 3, 2024/01/01 00:00:10.000");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("3");
        assertThat(t.total().joules()).isCloseTo(500.0, within(1e-9));
    }

    @Test void powerDrawAverageIsUsedWhenPowerDrawIsAbsent() throws IOException {
        Outcome o = read("timestamp, index, power.draw.average [W]",
                "2024/01/01 00:00:00.000, 0, 10.00 W",
                "2024/01/01 00:00:01.000, 0, 30.00 W");
        assertThat(Fixture.single(o.findings()).total().joules()).isCloseTo(20.0, within(1e-9));
    }

    @Test void aHeaderRepeatedWhenLoggingRestartedIsAcceptedAgain() throws IOException {
        Outcome o = read("timestamp, index, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, 100.00 W",
                "2024/01/01 00:00:01.000, 0, 100.00 W",
                "timestamp, index, power.draw [W]",
                "2024/01/01 00:00:02.000, 0, 100.00 W");
        assertThat(o.problems()).isEmpty();
        assertThat(Fixture.single(o.findings()).total().joules()).isCloseTo(200.0, within(1e-9));
    }

    @Test void noheaderRowsAfterAnEarlierHeaderUseIt() throws IOException {
        // `--format=csv` once, then appended `--format=csv,noheader` runs.
        Outcome o = read("timestamp, index, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, 100.00 W",
                "2024/01/01 00:00:01.000, 0, 100.00 W",
                "2024/01/01 00:00:02.000, 0, 100.00 W");
        assertThat(Fixture.single(o.findings()).devices().get(0).samples()).isEqualTo(3);
    }

    @Test void midnightRollOverIsExact() throws IOException {
        Outcome o = read("timestamp, index, power.draw [W]",
                "2023/12/31 23:59:59.900, 0, 100.00 W",
                "2024/01/01 00:00:00.100, 0, 100.00 W");
        assertThat(Fixture.single(o.findings()).total().joules()).isCloseTo(20.0, within(1e-9));
    }

    @Test void daylightSavingFallBackIsReportedAndTheRepeatedHourKept() throws IOException {
        // 03:00 summer time is 02:00 winter time: after 02:50 comes 02:00, ten real minutes later.
        Outcome o = read("timestamp, index, power.draw [W]",
                "2024/10/27 02:40:00.000, 0, 100.00 W",
                "2024/10/27 02:50:00.000, 0, 100.00 W",
                "2024/10/27 02:00:00.000, 0, 100.00 W",
                "2024/10/27 02:10:00.000, 0, 100.00 W");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(o.problems()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("daylight saving");
        });
        assertThat(t.total().joules()).isCloseTo(100.0 * 3 * 600, within(1e-6));
        assertThat(t.gaps()).isEmpty();
        assertThat(t.missingByReason()).doesNotContainKey("time went backwards");
    }

    @Test void daylightSavingSpringForwardShowsAsAGap() throws IOException {
        List<String> lines = new ArrayList<>(List.of("timestamp, index, power.draw [W]"));
        for (int m = 0; m < 60; m += 10) lines.add("2024/03/31 01:" + pad(m) + ":00.000, 0, 100.00 W");
        for (int m = 0; m < 60; m += 10) lines.add("2024/03/31 03:" + pad(m) + ":00.000, 0, 100.00 W");
        Outcome o = read(join(lines, "\n"));
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.gaps()).hasSize(1);
        assertThat(t.gaps().get(0).seconds()).isEqualTo(4200.0);
        assertThat(t.total().joules()).isCloseTo(100.0 * 10 * 600, within(1e-6));
        assertThat(o.problems()).anySatisfy(p -> assertThat(p.message()).contains("jumped forward"));
    }

    @Test void isoTimestampsWithOffsetsAreInstants() throws IOException {
        Outcome o = read("timestamp,gpu,index,power.draw",
                "2024-03-01T10:00:00.123+08:00,a,0,100",
                "2024-03-01T10:00:01.123+08:00,a,0,100");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.first()).isEqualTo(Instant.parse("2024-03-01T02:00:00.123Z"));
        assertThat(t.total().joules()).isCloseTo(100.0, within(1e-9));
    }

    @Test void interleavedGpusAreKeyedByUuidWithoutIndex() throws IOException {
        Outcome o = read("timestamp, uuid, power.draw [W]",
                "2024/01/01 00:00:00.000, GPU-aaaa, 100.00 W",
                "2024/01/01 00:00:00.000, GPU-bbbb, 300.00 W",
                "2024/01/01 00:00:01.000, GPU-aaaa, 100.00 W",
                "2024/01/01 00:00:01.000, GPU-bbbb, 300.00 W");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("GPU-aaaa", "GPU-bbbb");
        assertThat(t.total().joules()).isCloseTo(400.0, within(1e-9));
    }

    @Test void withoutIndexOrUuidGpusAreKeyedByOrderWithinATimestamp() throws IOException {
        Outcome o = read("timestamp, name, power.draw [W]",
                "2024/01/01 00:00:00.000, " + V100 + ", 100.00 W",
                "2024/01/01 00:00:00.000, " + V100 + ", 300.00 W",
                "2024/01/01 00:00:01.000, " + V100 + ", 100.00 W",
                "2024/01/01 00:00:01.000, " + V100 + ", 300.00 W");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(100.0, 300.0);
    }

    @Test void placeholdersAreMissingNotZeroAndCountedByReason() throws IOException {
        Outcome o = read("timestamp, index, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, 100.00 W",
                "2024/01/01 00:00:01.000, 0, [N/A]",
                "2024/01/01 00:00:01.500, 0, [Not Supported]",
                "2024/01/01 00:00:01.700, 0, [Insufficient Permissions]",
                "2024/01/01 00:00:01.800, 0, [Unknown Error]",
                "2024/01/01 00:00:02.000, 0, 100.00 W");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.total().joules()).isCloseTo(200.0, within(1e-9));
        assertThat(t.missingByReason()).containsEntry("power.draw [N/A]", 1L).containsEntry("power.draw [Not Supported]", 1L)
                .containsEntry("power.draw [Insufficient Permissions]", 1L).containsEntry("power.draw [Unknown Error]", 1L);
        assertThat(errors(o)).isEmpty();
    }

    @Test void aNameWithCommasAbsorbsTheExtraFields() throws IOException {
        Outcome o = read("timestamp, index, name, power.draw [W], pstate",
                "2024/01/01 00:00:00.000, 0, NVIDIA A100, Rev 2, 100.00 W, P0",
                "2024/01/01 00:00:01.000, 0, NVIDIA A100, Rev 2, 100.00 W, P0");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.deviceName()).contains("NVIDIA A100, Rev 2");
        assertThat(t.total().joules()).isCloseTo(100.0, within(1e-9));
    }

    @Test void theNvidiaSmiBannerBeforeTheHeaderIsSkipped() throws IOException {
        Outcome o = read("Fri Dec  3 13:29:07 2021",
                "+-----------------------------------------------------------------------------+",
                "| NVIDIA-SMI 495.44       Driver Version: 495.44       CUDA Version: 11.5     |",
                "|   0  Tesla V100-PCIE...  On   | 00000000:58:00.0 Off |                    0 |",
                "+-----------------------------------------------------------------------------+",
                "timestamp, index, name, power.draw [W]",
                "2021/12/03 13:29:08.000, 0, Tesla V100-PCIE-32GB, 25.00 W",
                "2021/12/03 13:29:09.000, 0, Tesla V100-PCIE-32GB, 35.00 W");
        assertThat(o.problems()).isEmpty();
        assertThat(Fixture.single(o.findings()).total().joules()).isCloseTo(30.0, within(1e-9));
    }

    @Test void aMalformedRowIsReportedWithItsLineAndTheRestKept() throws IOException {
        Outcome o = read("timestamp, index, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, 100.00 W",
                "2024/01/01 00:00:01.000, 0, lots",
                "2024/01/01 25:00:01.000, 0, 1 W",
                "2024/01/01 00:00:02.000, 0",
                "2024/01/01 00:00:02.000, 0, 100.00 W");
        assertThat(errors(o)).extracting(Problem::line).containsExactly(3L, 4L, 5L);
        assertThat(errors(o).get(0).message()).contains("expected power in watts").contains("lots");
        assertThat(Fixture.single(o.findings()).total().joules()).isCloseTo(200.0, within(1e-9));
    }

    @Test void aFileWithoutTimestampsIsRefusedWithAReason() throws IOException {
        Outcome o = read("index, power.draw [W]", "0, 100.00 W");
        assertThat(o.failure()).isNotNull();
        assertThat(o.failure().getMessage()).contains("timestamp");
    }

    @Test void sniffNeedsAPowerColumnAndATimeOrDeviceColumn(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        assertThat(sniff(tmp, "timestamp, memory.used [MiB], utilization.gpu [%]\n2026/02/02 01:07:37.100, 17092 MiB, 0 %\n")).isFalse();
        assertThat(sniff(tmp, "# gpu   pwr gtemp\n# Idx     W     C\n    0    43    35\n")).isFalse();
        assertThat(sniff(tmp, "banner\ntimestamp, power.draw [W]\n")).isTrue();
    }

    private static boolean sniff(Path tmp, String content) throws IOException {
        Path f = tmp.resolve("x.csv");
        Files.writeString(f, content);
        return new NvidiaSmiCsvReader().sniff(new InputSource(f, "x.csv"));
    }

    /**
     * The scheme of bench/gen-nvsmi-trace: sample i at t = i/hz exactly, timestamps truncated to
     * milliseconds (exact at 10 Hz), rows of 8 GPUs interleaved, a few [N/A], crossing midnight.
     * The energy is the per-GPU trapezoid over the valid samples, computed here independently.
     */
    @Test void energyOfAGeneratedTraceAgreesToOneInABillion() throws IOException {
        java.io.StringWriter sb = new java.io.StringWriter();
        double expected = NvidiaSmiTraceGenerator.write(sb, 8, 10, 10 * 60 * 10, LocalDateTime.parse("2019-05-28T23:55:00"), V100, 1);
        Outcome o = read(sb.toString().getBytes(StandardCharsets.UTF_8));
        TraceSummary summary = Fixture.single(o.findings());
        assertThat(summary.devices()).hasSize(8);
        assertThat(summary.last()).isEqualTo(Instant.parse("2019-05-29T00:04:59.900Z"));
        assertThat(summary.missingByReason()).containsKey("power.draw [N/A]");
        assertThat(summary.gaps()).isEmpty();
        assertThat(Math.abs(summary.total().joules() - expected) / expected).isLessThan(1e-9);
    }

    private static String pad(int m) { return m < 10 ? "0" + m : Integer.toString(m); }

    @Test void theBuiltInRegistryPicksThisReader() throws IOException {
        java.nio.file.Path f = dir.resolve(fileName());
        java.nio.file.Files.write(f, join(validLines(), "\n"));
        assertThat(ReaderRegistry.builtIn().detect(new InputSource(f, fileName()))).get().isInstanceOf(NvidiaSmiCsvReader.class);
    }

    @Test void fixtureWithBannerRestartCommasAndFallBack() throws IOException {
        Outcome o = fixture("nvidia-smi-csv/banner-restart-commas.csv");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.deviceName()).contains("NVIDIA A100, Rev 2");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(240_000.0, 360_000.0);
        assertThat(t.gaps()).isEmpty();
        assertThat(t.missingByReason()).containsEntry("power.draw [N/A]", 1L).containsEntry("power.draw [Not Supported]", 1L);
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.line()).isEqualTo(13);
        });
    }

    private Outcome fixture(String path) throws IOException {
        try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/" + path)) {
            assertThat(in).as(path).isNotNull();
            return read(in.readAllBytes());
        }
    }

    @Test void fixtureKeyedByTheGpuColumnWhenIndexRepeats() throws IOException {
        Outcome o = fixture("nvidia-smi-csv/gpu-column-index-constant.csv");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1", "2", "3");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(300.0, 600.0, 900.0, 1200.0);
        assertThat(t.missingByReason()).isEmpty();
        assertThat(o.problems()).isEmpty();
    }

    @Test void indexIsKeptAsTheKeyWhenItTellsDevicesApart() throws IOException {
        Outcome o = read("timestamp, index, uuid, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, GPU-a, 100 W",
                "2024/01/01 00:00:00.000, 1, GPU-b, 100 W",
                "2024/01/01 00:00:01.000, 0, GPU-a, 100 W",
                "2024/01/01 00:00:01.000, 1, GPU-b, 100 W");
        assertThat(Fixture.single(o.findings()).devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
    }

    @Test void theUuidTellsDevicesApartWhenIndexRepeatsWithinOneTime() throws IOException {
        // Two containers each see their one GPU as index 0.
        Outcome o = read("timestamp, index, uuid, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, GPU-a, 100 W",
                "2024/01/01 00:00:00.000, 0, GPU-b, 300 W",
                "2024/01/01 00:00:02.000, 0, GPU-a, 100 W",
                "2024/01/01 00:00:02.000, 0, GPU-b, 300 W");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("GPU-a", "GPU-b");
        assertThat(t.total().joules()).isCloseTo(800.0, within(1e-9));
        assertThat(o.problems()).isEmpty();
    }

    @Test void aBusIdKeysDevicesWhenItIsTheOnlyColumnThatCan() throws IOException {
        Outcome o = read("timestamp, pci.bus_id, power.draw [W]",
                "2024/01/01 00:00:00.000, 00000000:07:00.0, 100 W",
                "2024/01/01 00:00:00.000, 00000000:0F:00.0, 100 W",
                "2024/01/01 00:00:01.000, 00000000:07:00.0, 100 W",
                "2024/01/01 00:00:01.000, 00000000:0F:00.0, 100 W");
        assertThat(Fixture.single(o.findings()).devices()).extracting(DeviceEnergy::device)
                .containsExactly("00000000:07:00.0", "00000000:0F:00.0");
    }

    @Test void repeatsNoColumnResolvesAreAWarningNotASilentDrop() throws IOException {
        Outcome o = read("timestamp, index, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, 100 W",
                "2024/01/01 00:00:00.000, 0, 300 W",
                "2024/01/01 00:00:01.000, 0, 100 W",
                "2024/01/01 00:00:01.000, 0, 300 W");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.missingByReason()).containsEntry("duplicate timestamp", 2L);
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.message()).contains("2 rows repeat the time").contains("keyed by index").contains("uuid");
        });
    }

    @Test void aLaterHeaderWithOtherColumnsChoosesItsKeyAgain() throws IOException {
        Outcome o = read("timestamp, index, power.draw [W]",
                "2024/01/01 00:00:00.000, 0, 100 W",
                "2024/01/01 00:00:01.000, 0, 100 W",
                "timestamp, gpu, index, power.draw [W]",
                "2024/01/01 00:00:02.000, 0, 0, 100 W",
                "2024/01/01 00:00:02.000, 1, 0, 100 W",
                "2024/01/01 00:00:03.000, 0, 0, 100 W",
                "2024/01/01 00:00:03.000, 1, 0, 100 W");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        assertThat(t.devices()).extracting(DeviceEnergy::samples).containsExactly(4L, 2L);
        assertThat(o.problems()).isEmpty();
    }
}
