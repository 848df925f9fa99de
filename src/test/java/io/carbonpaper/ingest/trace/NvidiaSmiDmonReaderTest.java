package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.Fixture;

import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.ingest.ReaderRegistry;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NvidiaSmiDmonReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new NvidiaSmiDmonReader(); }

    @Override protected String fileName() { return "dmon.log"; }

    /** {@code nvidia-smi dmon -o DT}: two GPUs, one second apart. */
    @Override protected List<String> validLines() {
        return List.of(
                "#Date       Time        gpu   pwr gtemp mtemp    sm   mem   enc   dec  mclk  pclk",
                "#YYYYMMDD   HH:MM:SS    Idx     W     C     C     %     %     %     %   MHz   MHz",
                " 20240301   10:00:00      0    43    35     -     0     0     0     0  2505  1075",
                " 20240301   10:00:00      1    50    36     -     0     0     0     0  2505  1075",
                " 20240301   10:00:01      0    45    35     -     0     0     0     0  2505  1075",
                " 20240301   10:00:01      1    50    36     -     0     0     0     0  2505  1075");
    }

    @Override protected int headerLineCount() { return 2; }

    @Override protected void checkValid(List<Finding> findings) {
        TraceSummary t = Fixture.single(findings);
        assertThat(t.format()).isEqualTo("nvidia-smi-dmon");
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("0", "1");
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(44.0, 50.0);
        assertThat(t.first()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
    }

    private Outcome read(String... lines) throws IOException { return read(join(List.of(lines), "\n")); }

    @Test void withoutPwrTheDevicesAndHoursRemain() throws IOException {
        java.nio.file.Path f = dir.resolve("dmon-u.log");
        java.nio.file.Files.writeString(f, Fixture.text("nvidia-smi-dmon/no-pwr-dt.txt"));
        assertThat(ReaderRegistry.builtIn().detect(new InputSource(f, "dmon-u.log"))).get().isInstanceOf(NvidiaSmiDmonReader.class);
        Fixture.Read r = Fixture.read(new NvidiaSmiDmonReader(), dir, "nvidia-smi-dmon/no-pwr-dt.txt", "dmon.log");
        assertThat(r.all(TraceSummary.class)).isEmpty();
        io.carbonpaper.model.RunInfo info = r.only(io.carbonpaper.model.RunInfo.class);
        assertThat(info.deviceCount()).contains(2);
        assertThat(info.accelerator()).isEmpty();
        io.carbonpaper.model.TrainingLog log = r.only(io.carbonpaper.model.TrainingLog.class);
        assertThat(log.runtime().orElseThrow().seconds()).isEqualTo(2.0);
        assertThat(log.start()).contains(Instant.parse("2024-05-01T23:59:59Z"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("without its pwr column");
        });
    }

    @Test void withoutATimeColumnRowsAreOneSecondApartAndTheAssumptionIsNoted() throws IOException {
        Outcome o = read("# gpu   pwr gtemp mtemp    sm   mem   enc   dec  mclk  pclk",
                "# Idx     W     C     C     %     %     %     %   MHz   MHz",
                "    0   100    35     -     0     0     0     0  2505  1075",
                "    1   200    35     -     0     0     0     0  2505  1075",
                "    0   100    35     -     0     0     0     0  2505  1075",
                "    1   200    35     -     0     0     0     0  2505  1075",
                "    0   100    35     -     0     0     0     0  2505  1075",
                "    1   200    35     -     0     0     0     0  2505  1075");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(200.0, 400.0);
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.NOTE);
            assertThat(p.message()).contains("1 s apart");
        });
    }

    @Test void headerLinesRepeatAndMayChangeTheColumns() throws IOException {
        Outcome o = read("# gpu   pwr  sm",
                "# Idx     W   %",
                "    0   100   5",
                "    0   100   5",
                "# gpu   pwr gtemp  sm   jpg   ofa",
                "# Idx     W     C   %     %     %",
                "    0   100    30   5     0     0");
        assertThat(o.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).isEmpty();
        assertThat(Fixture.single(o.findings()).total().joules()).isEqualTo(200.0);
    }

    @Test void aDashIsAMissingValueNotZero() throws IOException {
        Outcome o = read("#Date       Time        gpu   pwr",
                "#YYYYMMDD   HH:MM:SS    Idx     W",
                " 20240301   10:00:00      0   100",
                " 20240301   10:00:01      0     -",
                " 20240301   10:00:02      0   100");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(t.total().joules()).isEqualTo(200.0);
        assertThat(t.missingByReason()).containsEntry("pwr - (not supported)", 1L);
    }

    @Test void aTimeOnlyLogRollsOverMidnight() throws IOException {
        Outcome o = read("#Time        gpu   pwr",
                "#HH:MM:SS    Idx     W",
                " 23:59:59      0   100",
                " 00:00:01      0   100");
        assertThat(Fixture.single(o.findings()).total().joules()).isEqualTo(200.0);
    }

    @Test void aMalformedRowIsReportedWithItsLine() throws IOException {
        Outcome o = read("# gpu   pwr  sm", "# Idx     W   %", "    0   100   5", "    0   1x0   5", "    0   100", "    0   100   5");
        assertThat(o.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR).extracting(Problem::line).containsExactly(4L, 5L);
        assertThat(Fixture.single(o.findings()).devices().get(0).samples()).isEqualTo(2);
    }

    @Test void theBuiltInRegistryPicksThisReader() throws IOException {
        java.nio.file.Path f = dir.resolve(fileName());
        java.nio.file.Files.write(f, join(validLines(), "\n"));
        assertThat(ReaderRegistry.builtIn().detect(new InputSource(f, fileName()))).get().isInstanceOf(NvidiaSmiDmonReader.class);
    }

    @Test void fixtureAcrossALeapDayMidnight() throws IOException {
        Outcome o = fixture("nvidia-smi-dmon/dmon-dt-repeated-header.txt");
        TraceSummary t = Fixture.single(o.findings());
        assertThat(o.problems()).isEmpty();
        assertThat(t.devices()).extracting(d -> d.energy().joules()).containsExactly(500.0, 300.0);
        assertThat(t.last()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(t.missingByReason()).containsEntry("pwr - (not supported)", 1L);
    }

    private Outcome fixture(String path) throws IOException {
        try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/" + path)) {
            assertThat(in).as(path).isNotNull();
            return read(in.readAllBytes());
        }
    }
}
