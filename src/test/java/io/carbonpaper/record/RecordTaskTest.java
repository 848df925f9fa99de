package io.carbonpaper.record;

import io.carbonpaper.cli.RecordCommandMain;
import io.carbonpaper.ingest.trace.CarbonpaperTraceReader;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.settings.ManifestReader;
import io.carbonpaper.ingest.source.YamlDocument;
import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Finding;
import io.carbonpaper.settings.Manifest;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The real recorder, on the stand-in NVML and a fake powercap tree, around real child processes. */
class RecordTaskTest {
    @TempDir Path dir;
    final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    private Path powercap() throws IOException {
        Path root = dir.resolve("powercap");
        Path pkg = Files.createDirectories(root.resolve("intel-rapl:0"));
        Files.writeString(pkg.resolve("name"), "package-0\n");
        Files.writeString(pkg.resolve("energy_uj"), "1000\n");
        Files.writeString(pkg.resolve("max_energy_range_uj"), "262143328850\n");
        Path dram = Files.createDirectories(root.resolve("intel-rapl:0:0"));
        Files.writeString(dram.resolve("name"), "dram\n");
        Files.writeString(dram.resolve("energy_uj"), "5\n");
        return root;
    }

    private int record(RecordJob job) throws IOException {
        return new RecordTask(job, new PrintStream(messages, true, StandardCharsets.UTF_8)).run();
    }

    private static Outcome read(Path file) throws IOException {
        List<Finding> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        FindingSink sink = new FindingSink() {
            @Override public void accept(Finding finding) { found.add(finding); }
            @Override public void problem(Problem problem) { problems.add(problem); }
        };
        InputSource src = new InputSource(file, file.getFileName().toString());
        if (file.getFileName().toString().equals(RecordTask.MANIFEST_FILE)) new ManifestReader().read(src, sink);
        else {
            assertThat(new CarbonpaperTraceReader().sniff(src)).isTrue();
            new CarbonpaperTraceReader().read(src, sink);
        }
        return new Outcome(found, problems);
    }

    record Outcome(List<Finding> findings, List<Problem> problems) {}

    @Test void measuresTheJobsGpusToTheJouleAndPassesTheExitCodeThrough() throws IOException {
        String longName = "NVIDIA H100 80GB HBM3, \"quoted\" " + "x".repeat(95 - 32);
        Path procs = dir.resolve("procs");
        Files.writeString(procs, "3 1\n"); // init on GPU 3: not the job's
        FakeNvml.configure(dir, "devices=6", "name.0=" + longName, "name.1=" + longName, "name.2=" + longName, "name.3=" + longName,
                "energy_start_mj.0=900000000000", "energy_step_mj.0=7321",
                "energy_unsupported.1=1", "power_mw.1=123456",
                "lost_after.2=3",
                "procs_file=" + procs);
        Path out = dir.resolve("logs/run-1");
        RecordJob job = RecordJob.of(out, List.of("sh", "-c", "echo \"0 $$\" >> '" + procs + "'; sleep 1; exit 3"))
                .withSysfsRoot(powercap())
                .withCudaVisibleDevices(Optional.of("0,1,2,GPU-fa4e0000-0000-0000-0000-000000000003"));

        assertThat(record(job)).isEqualTo(3);

        Outcome trace = read(out.resolve("trace.csv"));
        assertThat(trace.problems()).isEmpty();
        TraceSummary t = (TraceSummary) trace.findings().get(0);
        Map<String, DeviceEnergy> d = t.devices().stream().collect(Collectors.toMap(DeviceEnergy::device, Function.identity()));
        assertThat(d).containsOnlyKeys("0", "1", "2", "3", "package-0", "dram-0"); // GPUs 4 and 5 are not the job's
        assertThat(d.get("0").method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(d.get("0").energy().joules()).isCloseTo(FakeNvml.joulesSinceFirstReading(0, 900_000_000_000L), within(1e-9));
        assertThat(d.get("0").energy().joules()).isGreaterThan(7.321); // at least two counter readings
        assertThat(d.get("1").method()).isEqualTo(EnergyMethod.TRACE);
        // power alone: the trapezoid over the span, less any interval the integrator had to call a gap (a stalled test machine)
        double gapSeconds = t.gaps().stream().filter(g -> g.device().equals("1"))
                .mapToDouble(io.carbonpaper.model.Gap::seconds).sum();
        assertThat(d.get("1").energy().joules()).isCloseTo(123.456 * (d.get("1").seconds() - gapSeconds), within(1e-6));
        assertThat(d.get("3").energy().joules()).isCloseTo(FakeNvml.joulesSinceFirstReading(3, 1_000_000_003L), within(1e-9));
        assertThat(t.missingByReason()).containsEntry("GPU_IS_LOST", 1L);
        assertThat(t.sharedDevice()).isTrue();
        assertThat(t.deviceName()).contains(longName);
        assertThat(messages.toString(StandardCharsets.UTF_8))
                .contains("GPU 2 (GPU-fa4e0000-0000-0000-0000-000000000002) is lost")
                .contains("GPU 3 also runs processes outside this job")
                .doesNotContain("GPU 0 also runs");

        Outcome manifest = read(out.resolve("experiment.yaml"));
        assertThat(manifest.problems()).isEmpty();
        Manifest m = (Manifest) manifest.findings().get(0);
        assertThat(m.name()).contains("run-1");
        assertThat(m.accelerator()).contains(longName);
        assertThat(m.count()).contains(4);
        assertThat(m.hours().orElseThrow().seconds()).isBetween(1.0, 60.0);
        YamlDocument y = YamlDocument.parse(new InputSource(out.resolve("experiment.yaml"), "experiment.yaml"));
        assertThat(y.integer("exit_code", 0, 255)).contains(3);
        assertThat(y.node("command").get(2).asText()).startsWith("echo \"0 $$\"");
        assertThat(y.node("devices").get(0).get("shared_with_other_processes").asBoolean()).isFalse();
        assertThat(y.node("devices").get(3).get("shared_with_other_processes").asBoolean()).isTrue();
        assertThat(y.node("devices").get(1).get("energy_counter").asBoolean()).isFalse();
        assertThat(y.node("devices").get(2).get("lost").asBoolean()).isTrue();
        assertThat(y.node("devices").get(0).get("power_limit_watts").asDouble()).isEqualTo(300.0);
        assertThat(y.node("devices").get(4).get("device").asText()).isEqualTo("package-0");
        assertThat(y.string("recorder.trace")).contains("trace.csv");
    }

    @Test void readsTheCostlyEnergyCounterOnceASecondAndAtBothEndsWhilePowerIsSampledAtEveryTick() throws IOException {
        FakeNvml.configure(dir, "devices=1", "energy_start_mj.0=1000", "energy_step_mj.0=2500", "power_mw.0=200000");
        Path out = dir.resolve("cadence");
        assertThat(record(RecordJob.of(out, List.of("sleep", "2.5")).withSysfsRoot(powercap()).withInterval(Duration.ofMillis(50)))).isZero();

        List<String[]> gpu = Files.readAllLines(out.resolve("trace.csv")).stream()
                .filter(l -> l.contains(",gpu,")).map(l -> l.split(",", -1)).toList();
        List<java.time.Instant> counterTimes = gpu.stream().filter(r -> !r[5].isEmpty())
                .map(r -> java.time.Instant.parse(r[0])).toList();
        assertThat(gpu).hasSizeGreaterThan(15).allSatisfy(r -> assertThat(r[4]).isEqualTo("200.000"));
        assertThat(gpu.get(0)[5]).isEqualTo("0.000");
        assertThat(gpu.get(gpu.size() - 1)[5]).isNotEmpty(); // the last sample reads the counter, so the energy spans the job
        double span = Duration.between(java.time.Instant.parse(gpu.get(0)[0]), java.time.Instant.parse(gpu.get(gpu.size() - 1)[0])).toNanos() / 1e9;
        assertThat(counterTimes).hasSizeBetween(2, 2 + (int) Math.ceil(span));
        // readings between the ends are a second apart (a row's time is taken a little after the sampler's decision,
        // to the microsecond, so allow 10 ms; without the cadence they would be 50 ms apart)
        for (int i = 1; i < counterTimes.size() - 1; i++)
            assertThat(Duration.between(counterTimes.get(i - 1), counterTimes.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(FakeNvml.CONTROL.fake_nvml_energy_reads(0)).isEqualTo(counterTimes.size());

        TraceSummary t = (TraceSummary) read(out.resolve("trace.csv")).findings().get(0);
        DeviceEnergy d = t.devices().stream().filter(e -> e.device().equals("0")).findFirst().orElseThrow();
        assertThat(d.method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(d.energy().joules()).isCloseTo(FakeNvml.joulesSinceFirstReading(0, 1000), within(1e-9))
                .isCloseTo(2.5 * (counterTimes.size() - 1), within(1e-9));
    }

    @Test void withoutNvmlItRecordsTheCpuAndSaysSoInOneLine() throws IOException {
        FakeNvml.configure(dir, "init_error=9");
        Path out = dir.resolve("cpu-only");
        assertThat(record(RecordJob.of(out, List.of("true")).withSysfsRoot(powercap()).withInterval(Duration.ofMillis(20)))).isZero();
        assertThat(messages.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("carbonpaper record: NVML does not start (DRIVER_NOT_LOADED: Driver Not Loaded): recording CPU and DRAM only");
        TraceSummary t = (TraceSummary) read(out.resolve("trace.csv")).findings().get(0);
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("package-0", "dram-0");
        Manifest m = (Manifest) read(out.resolve("experiment.yaml")).findings().get(0);
        assertThat(m.accelerator()).isEmpty();
        assertThat(m.count()).isEmpty();
    }

    @Test void aCommandThatCannotStartIsExitCode127AndAClosedRecording() throws IOException {
        FakeNvml.configure(dir, "devices=1");
        Path out = dir.resolve("missing");
        assertThat(record(RecordJob.of(out, List.of(dir.resolve("no-such-program").toString())).withSysfsRoot(powercap()))).isEqualTo(127);
        assertThat(messages.toString(StandardCharsets.UTF_8)).contains("cannot start");
        YamlDocument y = YamlDocument.parse(new InputSource(out.resolve("experiment.yaml"), "experiment.yaml"));
        assertThat(y.integer("exit_code", 0, 255)).contains(127);
        assertThat(read(out.resolve("trace.csv")).findings()).hasSize(1);
    }

    @Test void refusesAFolderThatAlreadyHoldsARecording() throws IOException {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("experiment.yaml"), "name: mine\n");
        assertThatThrownBy(() -> record(RecordJob.of(out, List.of("true")))).isInstanceOf(RecordException.class)
                .hasMessageContaining("experiment.yaml already exists");
        assertThat(Files.readString(out.resolve("experiment.yaml"))).isEqualTo("name: mine\n");
    }

    @Test void sigtermReachesTheCommandAndLeavesAReadableTrace() throws Exception {
        Path conf = FakeNvml.configure(dir, "devices=2", "name.0=Fake A100", "name.1=Fake A100");
        Path started = dir.resolve("started"), gotTerm = dir.resolve("got-term"), out = dir.resolve("signalled");
        String script = "trap 'echo term > \"" + gotTerm + "\"; exit 7' TERM; echo up > \"" + started + "\"; "
                + "while true; do sleep 0.05; done";
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djna.library.path=" + System.getProperty("jna.library.path"),
                RecordCommandMain.class.getName(),
                "--out", out.toString(), "--interval", "50ms", "--sysfs-root", powercap().toString(), "--", "sh", "-c", script);
        pb.environment().put("FAKE_NVML_CONFIG", conf.toString());
        pb.environment().remove("CUDA_VISIBLE_DEVICES");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("recorder.log").toFile());
        Process recorder = pb.start();
        try {
            for (int i = 0; i < 600 && !Files.exists(started); i++) Thread.sleep(50);
            assertThat(started).as("the command started; recorder log: %s", log()).exists();
            Thread.sleep(300); // a few samples
            recorder.destroy(); // SIGTERM to the recorder only
            assertThat(recorder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            recorder.destroyForcibly();
        }
        assertThat(gotTerm).as("recorder log: %s", log()).exists();
        assertThat(recorder.exitValue()).isEqualTo(7);
        Outcome trace = read(out.resolve("trace.csv"));
        assertThat(trace.problems()).isEmpty();
        TraceSummary t = (TraceSummary) trace.findings().get(0);
        assertThat(t.devices()).extracting(DeviceEnergy::device).contains("0", "1", "package-0");
        assertThat(t.devices().get(0).samples()).isGreaterThanOrEqualTo(2);
        YamlDocument y = YamlDocument.parse(new InputSource(out.resolve("experiment.yaml"), "experiment.yaml"));
        assertThat(y.integer("exit_code", 0, 255)).contains(7);
        assertThat(y.string("end")).isPresent();
    }

    @Test void aCommandKilledWithSigkillEndsTheRecordingWithExitCode137AndAReadableTrace() throws Exception {
        FakeNvml.configure(dir, "devices=1", "name.0=Fake A100");
        Path pid = dir.resolve("command.pid"), out = dir.resolve("killed-command");
        RecordJob job = RecordJob.of(out, List.of("sh", "-c", "echo $$ > '" + pid + "'; exec sleep 60"))
                .withSysfsRoot(powercap()).withInterval(Duration.ofMillis(50)).withCudaVisibleDevices(Optional.empty());
        var recording = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return record(job);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int i = 0; i < 600 && !(Files.exists(pid) && Files.size(pid) > 0); i++) Thread.sleep(50);
        long commandPid = Long.parseLong(Files.readString(pid).trim());
        Thread.sleep(500); // a few samples
        assertThat(ProcessHandle.of(commandPid).orElseThrow().destroyForcibly()).isTrue(); // SIGKILL

        // As a shell reports it: 128 + signal 9.
        assertThat(recording.get(30, TimeUnit.SECONDS)).isEqualTo(137);
        Outcome trace = read(out.resolve("trace.csv"));
        assertThat(trace.problems()).isEmpty();
        TraceSummary t = (TraceSummary) trace.findings().get(0);
        DeviceEnergy gpu = t.devices().stream().filter(d -> d.device().equals("0")).findFirst().orElseThrow();
        assertThat(gpu.samples()).isGreaterThanOrEqualTo(2);
        assertThat(gpu.energy().joules()).isPositive();
        YamlDocument y = YamlDocument.parse(new InputSource(out.resolve("experiment.yaml"), "experiment.yaml"));
        assertThat(y.integer("exit_code", 0, 255)).contains(137);
        assertThat(y.string("end")).isPresent();
    }

    @Test void aRecorderKilledWithSigkillLeavesEveryFlushedRowReadable() throws Exception {
        Path conf = FakeNvml.configure(dir, "devices=2", "name.0=Fake A100", "name.1=Fake A100");
        Path pid = dir.resolve("command.pid"), out = dir.resolve("killed-recorder");
        Path trace = out.resolve("trace.csv");
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djna.library.path=" + System.getProperty("jna.library.path"),
                RecordCommandMain.class.getName(),
                "--out", out.toString(), "--interval", "50ms", "--sysfs-root", powercap().toString(), "--",
                "sh", "-c", "echo $$ > '" + pid + "'; exec sleep 60");
        pb.environment().put("FAKE_NVML_CONFIG", conf.toString());
        pb.environment().remove("CUDA_VISIBLE_DEVICES");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("recorder.log").toFile());
        Process recorder = pb.start();
        try {
            // Past the header (5 lines), then two more flushes' worth of time.
            for (int i = 0; i < 600 && lines(trace) <= 5; i++) Thread.sleep(50);
            assertThat(lines(trace)).as("rows written; recorder log: %s", log()).isGreaterThan(5);
            Thread.sleep(2 * TraceWriter.FLUSH_EVERY.toMillis() + 200);
            recorder.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(recorder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            recorder.destroyForcibly();
            // The command outlives a killed recorder (it cannot be told); end it here.
            if (Files.exists(pid) && Files.size(pid) > 0)
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertThat(recorder.exitValue()).isEqualTo(137);

        // Everything flushed is read; a torn last line, should the kill have left one, is a problem, not a failure.
        String text = Files.readString(trace);
        long complete = text.lines().count() - (text.endsWith("\n") ? 0 : 1) - 5;
        Outcome read = read(trace);
        assertThat(read.problems()).allSatisfy(p -> assertThat(p.message()).contains("last line is incomplete"));
        TraceSummary t = (TraceSummary) read.findings().get(0);
        assertThat(t.devices()).extracting(DeviceEnergy::device).contains("0", "1", "package-0");
        // every device here has a counter, so each complete row that carries one is a reading the energy came from
        long withCounter = text.lines().skip(5).limit(complete).filter(l -> !l.split(",", -1)[5].isEmpty()).count();
        assertThat(t.devices().stream().mapToLong(DeviceEnergy::samples).sum()).isEqualTo(withCounter);
        assertThat(t.missingByReason()).isEmpty(); // and the rows between counter readings are power samples, none missing
        assertThat(t.devices().get(0).energy().joules()).isPositive();

        // The same file cut inside its last row, as a kill during a write would leave it.
        assertThat(text).endsWith("\n");
        String cut = text.substring(0, text.length() - 20); // a row is over 60 characters
        Path torn = Files.writeString(dir.resolve("torn.csv"), cut);
        Outcome tornRead = read(torn);
        assertThat(tornRead.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(complete + 5);
            assertThat(p.message()).contains("last line is incomplete");
        });
        long tornWithCounter = text.lines().skip(5).limit(complete - 1).filter(l -> !l.split(",", -1)[5].isEmpty()).count();
        assertThat(((TraceSummary) tornRead.findings().get(0)).devices().stream().mapToLong(DeviceEnergy::samples).sum()).isEqualTo(tornWithCounter);

        // The manifest written at the start is there and reads without a problem; it has no end or exit code.
        Outcome manifest = read(out.resolve("experiment.yaml"));
        assertThat(manifest.problems()).isEmpty();
        assertThat(manifest.findings().get(0)).isInstanceOf(Manifest.class);
        // ... and names the host's CPU, for a run without accelerators (issue 15, item 7), when the machine tells it.
        assertThat(manifest.findings().subList(1, manifest.findings().size())).allMatch(f -> f instanceof io.carbonpaper.model.CpuInfo);
        YamlDocument y = YamlDocument.parse(new InputSource(out.resolve("experiment.yaml"), "experiment.yaml"));
        assertThat(y.integer("exit_code", 0, 255)).isEmpty();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) return 0;
        try (var l = Files.lines(file)) {
            return l.count();
        }
    }

    private String log() throws IOException {
        Path l = dir.resolve("recorder.log");
        return Files.exists(l) ? Files.readString(l) : "(none)";
    }
}
