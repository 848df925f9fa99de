package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.ReaderRegistry;

import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CarbonpaperTraceReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new CarbonpaperTraceReader(); }

    @Override protected String fileName() { return "run1/trace.csv"; }

    @Override protected List<String> validLines() { return fixture("two-gpus-rapl.csv").lines().toList(); }

    @Override protected int headerLineCount() { return 5; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        TraceSummary t = (TraceSummary) findings.get(0);
        Map<String, DeviceEnergy> d = byDevice(t);
        assertThat(d.get("0").method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(d.get("0").energy().joules()).isCloseTo(450.0, within(1e-9)); // counter, not the 500 J of power
        assertThat(d.get("1").method()).isEqualTo(EnergyMethod.TRACE);
        assertThat(d.get("1").energy().joules()).isCloseTo(500.0, within(1e-9));
        assertThat(d.get("package-0").energy().joules()).isCloseTo(100.0, within(1e-9));
        assertThat(d.get("package-0").kind()).isEqualTo("cpu");
        assertThat(d.get("dram-0").energy().joules()).isCloseTo(10.0, within(1e-9));
        assertThat(d.get("dram-0").kind()).isEqualTo("dram");
        assertThat(t.acceleratorCount()).isEqualTo(2);
        assertThat(t.host()).contains("node01");
        assertThat(t.deviceName()).contains("NVIDIA A100-SXM4-80GB, \"rev 2\"");
        assertThat(t.sharedDevice()).isTrue();
        assertThat(t.format()).isEqualTo("carbonpaper-trace");
    }

    @Test void aDeviceLostMidRunIsCountedAndATornLastLineIsLeftOut() throws IOException {
        Outcome o = read(fixture("lost-and-torn.csv").getBytes(StandardCharsets.UTF_8));
        assertThat(o.failure()).isNull();
        TraceSummary t = (TraceSummary) o.findings().get(0);
        assertThat(byDevice(t).get("0").energy().joules()).isCloseTo(100.0, within(1e-9));
        assertThat(t.missingByReason()).containsEntry("GPU_IS_LOST", 1L);
        assertThat(t.sharedDevice()).isFalse();
        assertThat(t.host()).contains("node02");
        assertThat(o.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.message()).contains("incomplete");
        });
    }

    @Test void aRealH200RecordingReadsToItsCounter() throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("src/test/resources/fixtures/carbonpaper-trace/h200-gpu-burn-60s");
        List<Finding> found = new java.util.ArrayList<>();
        List<io.carbonpaper.model.Problem> problems = new java.util.ArrayList<>();
        io.carbonpaper.ingest.source.FindingSink sink = new io.carbonpaper.ingest.source.FindingSink() {
            @Override public void accept(Finding f) { found.add(f); }
            @Override public void problem(io.carbonpaper.model.Problem p) { problems.add(p); }
        };
        new CarbonpaperTraceReader().read(new io.carbonpaper.ingest.source.InputSource(dir.resolve("trace.csv"), "trace.csv"), sink);
        new io.carbonpaper.settings.ManifestReader().read(new io.carbonpaper.ingest.source.InputSource(dir.resolve("experiment.yaml"), "experiment.yaml"), sink);
        assertThat(problems).isEmpty();
        TraceSummary t = (TraceSummary) found.get(0);
        DeviceEnergy gpu = t.devices().get(0);
        assertThat(t.devices()).hasSize(1); // the VM had no RAPL zones
        assertThat(gpu.method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(gpu.energy().joules()).isCloseTo(25_055.130, within(1e-6)); // its last counter value; the first is 0.000
        assertThat(gpu.samples()).isEqualTo(607);
        assertThat(gpu.seconds()).isCloseTo(60.539958, within(1e-6));
        assertThat(t.deviceName()).contains("NVIDIA H200");
        assertThat(t.sharedDevice()).isFalse();
        assertThat(t.missingByReason()).isEmpty();
        io.carbonpaper.settings.Manifest m = (io.carbonpaper.settings.Manifest) found.get(1);
        assertThat(m.accelerator()).contains("NVIDIA H200");
        assertThat(m.count()).contains(1);
    }

    @Test void malformedRowsAreErrorsAtTheirLineAndTheRestIsRead() throws IOException {
        List<String> lines = new java.util.ArrayList<>(validLines());
        lines.add(6, "yesterday,0,gpu,X,1.0,2.0,");
        lines.add(7, "2026-11-26T14:00:00.500000Z,0,tpu,X,1.0,2.0,");
        lines.add(8, "2026-11-26T14:00:00.500000Z,0,gpu,X,lots,,");
        lines.add(9, "2026-11-26T14:00:00.500000Z,0,gpu");
        Outcome o = read(join(lines, "\n"));
        assertThat(o.failure()).isNull();
        List<Problem> errors = o.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
        assertThat(errors).extracting(Problem::line).containsExactly(7L, 8L, 9L, 10L);
        assertThat(errors).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith("time_utc: expected an ISO-8601"))
                .anySatisfy(m -> assertThat(m).startsWith("kind: expected gpu, cpu or dram"))
                .anySatisfy(m -> assertThat(m).startsWith("power_w: expected a non-negative number"))
                .anySatisfy(m -> assertThat(m).startsWith("expected 7 fields"));
        assertThat(byDevice((TraceSummary) o.findings().get(0)).get("package-0").energy().joules()).isCloseTo(100.0, within(1e-9));
    }

    @Test void aWrongColumnHeaderRefusesTheFileAtItsLine() throws IOException {
        List<String> lines = new java.util.ArrayList<>(validLines());
        lines.set(4, "time,device,kind,model,power_w,energy_j,status");
        Outcome o = read(join(lines, "\n"));
        assertThat(o.failure()).isNotNull();
        assertThat(((InputException) o.failure()).line()).isEqualTo(5);
        assertThat(o.failure().getMessage()).contains("expected the column header time_utc,device,kind");
    }

    @Test void sniffsTheFirstLineNotTheName() throws IOException {
        java.nio.file.Path f = dir.resolve("power.csv");
        java.nio.file.Files.writeString(f, String.join("\n", validLines()));
        assertThat(reader().sniff(new InputSource(f, "power.csv"))).isTrue();
        java.nio.file.Path other = dir.resolve("trace.csv");
        java.nio.file.Files.writeString(other, "# carbonpaper trace v2\ntime_utc\n");
        assertThat(reader().sniff(new InputSource(other, "trace.csv"))).isFalse();
    }

    @Test void isRegisteredRightAfterTheManifestReader() {
        List<LogReader> readers = ReaderRegistry.builtIn().readers();
        int manifest = readers.stream().map(LogReader::format).toList().indexOf("experiment-manifest");
        assertThat(readers.get(manifest + 1)).isInstanceOf(CarbonpaperTraceReader.class);
    }

    static Map<String, DeviceEnergy> byDevice(TraceSummary t) {
        return t.devices().stream().collect(Collectors.toMap(DeviceEnergy::device, Function.identity()));
    }

    static String fixture(String name) {
        try (InputStream in = CarbonpaperTraceReaderTest.class.getResourceAsStream("/fixtures/carbonpaper-trace/" + name)) {
            return new String(Optional.ofNullable(in).orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
