package io.carbonpaper.record;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a {@link RecordJob}: opens the job's GPUs (NVML) and the CPU and DRAM counters (RAPL), starts
 * the command with the recorder's standard streams, samples until it exits, and writes
 * {@code trace.csv} and {@code experiment.yaml} into the output folder. Returns the command's exit code.
 *
 * <p>Signals: a SIGINT or SIGTERM to the recorder runs its shutdown hook, which asks the command to
 * stop ({@link Process#destroy()}: SIGTERM on Unix), waits up to {@link #STOP_GRACE} for it, kills it
 * if still alive, writes the last rows and the manifest, and ends the JVM with the command's exit
 * code. A SIGKILL of the recorder cannot be forwarded: the command goes on alone, and the trace holds
 * every row up to the last flush (at most {@link TraceWriter#FLUSH_EVERY} old) with the manifest as
 * written at the start.
 *
 * <p>Without a command it samples until interrupted and then ends with exit code 0.
 */
public final class RecordTask {
    public static final String TRACE_FILE = "trace.csv";
    public static final String MANIFEST_FILE = "experiment.yaml";
    /** How long a stopping command may take before it is killed; below Slurm's default KillWait of 30 s. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** The exit code when the command cannot be started, as a shell gives for a command not found. */
    public static final int CANNOT_START = 127;

    private final RecordJob job;
    private final PrintStream messages;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    public RecordTask(RecordJob job, PrintStream messages) {
        this.job = job;
        this.messages = messages;
    }

    /**
     * Records the job. Returns the command's exit code (0 without a command).
     *
     * @throws RecordException when the recording cannot start: the output folder already holds a
     *                         recording, or {@code --gpus} names a GPU that is not there
     * @throws IOException     when the output folder cannot be written
     */
    public int run() throws IOException {
        Path out = job.out();
        Path tracePath = out.resolve(TRACE_FILE), manifestPath = out.resolve(MANIFEST_FILE);
        for (Path p : List.of(tracePath, manifestPath))
            if (Files.exists(p)) throw new RecordException(p + " already exists; record into a new folder");
        Files.createDirectories(out);
        Consumer<String> warn = w -> {
            warnings.add(w);
            messages.println("carbonpaper record: " + w);
        };
        AnchoredClock clock = AnchoredClock.start();
        String host = hostName(), cpu = cpuModel();
        Optional<NvmlDevices> gpus = NvmlDevices.open(GpuSelection.of(job.gpus(), job.cudaVisibleDevices()), warn);
        try {
            RaplZones rapl = RaplZones.discover(job.sysfsRoot(), warn);
            if (gpus.isEmpty() && rapl.zones().isEmpty()) warn.accept("no GPU and no readable RAPL counter: the trace will be empty");
            try (TraceWriter trace = TraceWriter.create(tracePath, host, job.interval(), clock.anchor())) {
                Recording rec = new Recording(clock, trace, gpus, rapl, host, cpu, manifestPath, warn);
                return job.command().isEmpty() ? rec.untilInterrupted() : rec.around(job.command());
            }
        } finally {
            gpus.ifPresent(NvmlDevices::close);
        }
    }

    /** One recording in progress; {@link #finish} runs once, from the main thread or the shutdown hook. */
    private final class Recording {
        private final AnchoredClock clock;
        private final Sampler sampler;
        private final Optional<NvmlDevices> gpus;
        private final RaplZones rapl;
        private final String host, cpu;
        private final Path manifest;
        private final Consumer<String> warn;
        private final Instant start;
        private final Set<Long> jobPids = new HashSet<>();
        private volatile Process child;
        private boolean finished;

        Recording(AnchoredClock clock, TraceWriter trace, Optional<NvmlDevices> gpus, RaplZones rapl, String host, String cpu,
                  Path manifest, Consumer<String> warn) {
            this.clock = clock;
            this.gpus = gpus;
            this.rapl = rapl;
            this.host = host;
            this.cpu = cpu;
            this.manifest = manifest;
            this.warn = warn;
            Optional<Supplier<Set<Long>>> pids = job.command().isEmpty() ? Optional.empty() : Optional.of(this::jobPids);
            this.sampler = new Sampler(clock, trace, gpus, rapl, cpu, job.interval(), pids, warn);
            this.start = AnchoredClock.instant(clock.micros());
        }

        int around(List<String> command) throws IOException {
            sampler.sampleOnce();
            sampler.start(); // before anything slow (the first YAML write loads Jackson), so the trace has no gap
            writeManifest(Optional.empty(), OptionalInt.empty());
            Process p;
            try {
                p = new ProcessBuilder(command).inheritIO().start();
            } catch (IOException e) {
                warn.accept("cannot start " + command.get(0) + ": " + e.getMessage());
                finish(CANNOT_START);
                return CANNOT_START;
            }
            child = p;
            Thread hook = new Thread(() -> {
                int code = stopChild(p);
                finish(code);
                Runtime.getRuntime().halt(code);
            }, "carbonpaper-record-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = stopChild(p);
            }
            finish(code);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and ends the JVM with the same code
            }
            return code;
        }

        int untilInterrupted() throws IOException {
            sampler.sampleOnce();
            sampler.start();
            writeManifest(Optional.empty(), OptionalInt.empty());
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                finish(0);
                done.countDown();
                Runtime.getRuntime().halt(0);
            }, "carbonpaper-record-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(0);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
            return 0;
        }

        private int stopChild(Process p) {
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        warn.accept("the command did not stop within " + STOP_GRACE.toSeconds() + " s of SIGTERM; killing it");
                        p.destroyForcibly();
                        p.waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return p.isAlive() ? 128 + 9 : p.exitValue();
        }

        /** The recorder, the command and all its descendants, as of now. */
        private Set<Long> jobPids() {
            Set<Long> pids = new HashSet<>(jobPids);
            pids.add(ProcessHandle.current().pid());
            Process p = child;
            if (p != null) {
                pids.add(p.pid());
                p.descendants().forEach(h -> pids.add(h.pid()));
            }
            jobPids.addAll(pids); // a descendant that has exited still counts as the job's
            return pids;
        }

        synchronized void finish(int exitCode) {
            if (finished) return;
            finished = true;
            sampler.stop();
            try {
                writeManifest(Optional.of(AnchoredClock.instant(clock.micros())), OptionalInt.of(exitCode));
            } catch (IOException e) {
                messages.println("carbonpaper record: cannot write " + manifest + ": " + e.getMessage());
            }
        }

        private void writeManifest(Optional<Instant> end, OptionalInt exitCode) throws IOException {
            Path name = job.out().toAbsolutePath().normalize().getFileName();
            ManifestWriter.write(manifest, new ManifestWriter.Facts(name == null ? "recording" : name.toString(), host, cpu, start, end,
                    job.command(), exitCode, gpus.map(NvmlDevices::gpus).orElse(List.of()), rapl.zones(), job.interval(),
                    sampler.cpuNanos(), sampler.ticks(), List.copyOf(warnings)));
        }
    }

    /** The kernel's host name (not a DNS lookup, which may hang on a cluster node). */
    static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
            if (!h.isEmpty()) return h;
        } catch (IOException | SecurityException e) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The CPU model from /proc/cpuinfo, or empty. */
    static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
