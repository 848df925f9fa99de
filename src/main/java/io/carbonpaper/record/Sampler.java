package io.carbonpaper.record;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Samples every device at a fixed interval on its own thread and appends the rows to the trace.
 * Ticks are scheduled on the monotonic clock; a tick that comes late (a stalled machine) is not
 * made up for, so samples never bunch. Other processes on the GPUs are checked, and the GPUs' energy
 * counters read, once a second (see {@link #COUNTER_EVERY_NANOS}).
 */
final class Sampler {
    private static final long SHARING_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How often the GPUs' energy counters are read, besides the first and the last sample. A counter
     * read is costly where a power read is not: on an NVIDIA H200 with driver 580.159,
     * nvmlDeviceGetTotalEnergyConsumption took 3.4-4.0 ms of CPU per call and nvmlDeviceGetPowerUsage
     * 0.002 ms (bench/nvml_cost.py, BENCHMARKS.md), so a counter read at every 100 ms sample cost 4 % of a
     * core. The counter is cumulative, so reading it less often loses no energy.
     */
    static final long COUNTER_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AnchoredClock clock;
    private final TraceWriter trace;
    private final Optional<NvmlDevices> gpus;
    private final RaplZones rapl;
    private final String cpuModel;
    private final long intervalNanos;
    private final Optional<Supplier<Set<Long>>> jobPids;
    private final Consumer<String> warn;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private volatile boolean running;
    private volatile long cpuNanos = -1;
    private Thread thread;
    private long lastSharingCheck = Long.MIN_VALUE;
    private long lastCounterRead = Long.MIN_VALUE;
    private long ticks;
    private boolean broken;

    Sampler(AnchoredClock clock, TraceWriter trace, Optional<NvmlDevices> gpus, RaplZones rapl, String cpuModel,
            Duration interval, Optional<Supplier<Set<Long>>> jobPids, Consumer<String> warn) {
        this.clock = clock;
        this.trace = trace;
        this.gpus = gpus;
        this.rapl = rapl;
        this.cpuModel = cpuModel;
        this.intervalNanos = interval.toNanos();
        this.jobPids = jobPids;
        this.warn = warn;
    }

    /** One row per device, now. A trace that cannot be written stops the sampling (one warning); the job goes on. */
    synchronized void sampleOnce() { sample(false); }

    /** As {@link #sampleOnce}; {@code last} reads the energy counters whenever they were last read. */
    private synchronized void sample(boolean last) {
        if (broken) return;
        try {
            if (gpus.isPresent()) {
                NvmlDevices g = gpus.get();
                long now = System.nanoTime();
                if (jobPids.isPresent() && (lastSharingCheck == Long.MIN_VALUE || now - lastSharingCheck >= SHARING_CHECK_NANOS)) {
                    lastSharingCheck = now;
                    g.checkSharing(jobPids.get(), warn);
                }
                boolean counter = last || lastCounterRead == Long.MIN_VALUE || now - lastCounterRead >= COUNTER_EVERY_NANOS;
                if (counter) lastCounterRead = now;
                for (NvmlDevices.Gpu gpu : g.gpus()) {
                    Optional<NvmlDevices.Reading> r = g.read(gpu, counter, warn);
                    if (r.isEmpty()) continue;
                    trace.row(clock.micros(), Integer.toString(gpu.index()), "gpu", gpu.name(),
                            r.get().milliwatts(), r.get().millijoules(), 3, r.get().status());
                }
            }
            for (RaplZones.Zone z : rapl.zones()) {
                long t = clock.micros();
                RaplZones.Reading r = rapl.read(z, t, warn);
                trace.row(t, z.device(), z.kind(), z.kind().equals("cpu") ? cpuModel : "", r.milliwatts(), r.microjoules(), 6, r.status());
            }
            ticks++;
            trace.flushIfDue();
        } catch (IOException e) {
            broken = true;
            warn.accept("cannot write the trace (" + e.getMessage() + "): sampling stops, the command goes on");
        }
    }

    void start() {
        running = true;
        thread = new Thread(this::loop, "carbonpaper-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long next = System.nanoTime() + intervalNanos;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue; // woken early or by stop(): re-check
            }
            sampleOnce();
            next += intervalNanos;
            long now = System.nanoTime();
            if (next <= now) next = now + intervalNanos; // late: skip the missed ticks
            cpuNanos = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        }
        cpuNanos = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** Stops the thread, takes a last sample with the counters (so the trace reaches the end of the job) and flushes. */
    void stop() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sample(true);
        flush();
    }

    synchronized void flush() {
        try {
            trace.flush();
        } catch (IOException e) {
            if (!broken) warn.accept("cannot write the trace (" + e.getMessage() + ")");
            broken = true;
        }
    }

    synchronized long ticks() { return ticks; }

    /** CPU time the sampling thread used, in nanoseconds; -1 where the JVM cannot tell. */
    long cpuNanos() { return cpuNanos; }
}
