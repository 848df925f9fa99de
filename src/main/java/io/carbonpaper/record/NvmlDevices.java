package io.carbonpaper.record;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The job's GPUs, opened through NVML. Not thread-safe: one sampling thread at a time.
 *
 * <p>A device whose query returns GPU_IS_LOST is reported once and not queried again; the others go
 * on. A device without an energy counter (NOT_SUPPORTED, before Volta) is measured by power alone.
 */
public final class NvmlDevices implements AutoCloseable {
    /** One GPU of the job and what the recorder learned about it. */
    public static final class Gpu {
        final int index;
        final Pointer handle;
        final String name;
        final String uuid;
        final OptionalLong powerLimitMilliwatts;
        Boolean counter; // null until the first reading tells
        long firstMillijoules, lastMillijoules, cumulativeMillijoules;
        boolean lost, sharedNow, everShared;

        Gpu(int index, Pointer handle, String name, String uuid, OptionalLong limit) {
            this.index = index;
            this.handle = handle;
            this.name = name;
            this.uuid = uuid;
            this.powerLimitMilliwatts = limit;
        }

        public int index() { return index; }
        public String name() { return name; }
        public String uuid() { return uuid; }
        public OptionalLong powerLimitMilliwatts() { return powerLimitMilliwatts; }
        /** Whether the device reported an energy counter; empty before the first reading. */
        public Optional<Boolean> hasCounter() { return Optional.ofNullable(counter); }
        public boolean lost() { return lost; }
        /** Whether processes outside the job were seen on this device at any check. */
        public boolean everShared() { return everShared; }
    }

    /**
     * One reading. {@code milliwatts} and {@code millijoules} (cumulative since the first reading) are
     * -1 where unknown; {@code status} is empty or a word for the trace.
     */
    public record Reading(Gpu gpu, long milliwatts, long millijoules, String status) {}

    private final Nvml nvml;
    private final List<Gpu> gpus;
    private final IntByReference intRef = new IntByReference();
    private final LongByReference longRef = new LongByReference();
    private boolean processQueryWorks = true;
    /** PIDs on the GPUs at the last check, and whether each is the job's. */
    private final Map<Long, Boolean> classified = new HashMap<>();
    private Memory processBuffer = new Memory(16L * Nvml.PROCESS_INFO_BYTES);

    private NvmlDevices(Nvml nvml, List<Gpu> gpus) {
        this.nvml = nvml;
        this.gpus = gpus;
    }

    /**
     * Loads NVML and opens the selected GPUs. Every reason there are none (no library, no driver, no
     * GPU, none selected) is one line to {@code warn} and an empty result, never an exception,
     * except a {@code --gpus} that names a GPU that is not there.
     */
    public static Optional<NvmlDevices> open(GpuSelection selection, Consumer<String> warn) {
        Nvml nvml;
        try {
            nvml = Nvml.load();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            if (selection.explicit()) throw new RecordException("--gpus given, but the NVIDIA driver library (libnvidia-ml.so.1) cannot be loaded");
            warn.accept("no NVIDIA driver library (libnvidia-ml.so.1) found: recording CPU and DRAM only");
            return Optional.empty();
        }
        int r = nvml.nvmlInit_v2();
        if (r != Nvml.SUCCESS) {
            if (selection.explicit()) throw new RecordException("--gpus given, but NVML does not start: " + describe(nvml, r));
            warn.accept("NVML does not start (" + describe(nvml, r) + "): recording CPU and DRAM only");
            return Optional.empty();
        }
        boolean ok = false;
        try {
            IntByReference count = new IntByReference();
            r = nvml.nvmlDeviceGetCount_v2(count);
            if (r != Nvml.SUCCESS) {
                warn.accept("NVML cannot count the GPUs (" + describe(nvml, r) + "): recording CPU and DRAM only");
                return Optional.empty();
            }
            List<Pointer> handles = new ArrayList<>();
            List<String> uuids = new ArrayList<>();
            for (int i = 0; i < count.getValue(); i++) {
                PointerByReference h = new PointerByReference();
                r = nvml.nvmlDeviceGetHandleByIndex_v2(i, h);
                handles.add(r == Nvml.SUCCESS ? h.getValue() : null);
                uuids.add(r == Nvml.SUCCESS ? text(nvml, h.getValue(), true).orElse(null) : null);
                if (r != Nvml.SUCCESS) warn.accept("GPU " + i + " cannot be opened (" + describe(nvml, r) + "); it is not measured");
            }
            List<Gpu> gpus = new ArrayList<>();
            for (int i : selection.resolve(uuids, warn)) {
                if (handles.get(i) == null) continue;
                IntByReference limit = new IntByReference();
                OptionalLong limitMw = nvml.nvmlDeviceGetPowerManagementLimit(handles.get(i), limit) == Nvml.SUCCESS
                        ? OptionalLong.of(Integer.toUnsignedLong(limit.getValue())) : OptionalLong.empty();
                gpus.add(new Gpu(i, handles.get(i), text(nvml, handles.get(i), false).orElse(""), uuids.get(i) == null ? "" : uuids.get(i), limitMw));
            }
            if (gpus.isEmpty()) {
                warn.accept(count.getValue() == 0 ? "NVML reports no GPU: recording CPU and DRAM only"
                        : "no GPU selected (CUDA_VISIBLE_DEVICES or --gpus): recording CPU and DRAM only");
                return Optional.empty();
            }
            ok = true;
            return Optional.of(new NvmlDevices(nvml, gpus));
        } finally {
            if (!ok) nvml.nvmlShutdown();
        }
    }

    private static Optional<String> text(Nvml nvml, Pointer h, boolean uuid) {
        byte[] buf = new byte[Nvml.TEXT_BUFFER];
        int r = uuid ? nvml.nvmlDeviceGetUUID(h, buf, buf.length) : nvml.nvmlDeviceGetName(h, buf, buf.length);
        // Native.toString stops at the first NUL or at the end of the buffer, whichever comes first.
        return r == Nvml.SUCCESS ? Optional.of(Native.toString(buf, "UTF-8").strip()) : Optional.empty();
    }

    private static String describe(Nvml nvml, int code) {
        String s;
        try {
            s = nvml.nvmlErrorString(code);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            s = null;
        }
        return Nvml.codeName(code) + (s == null || s.isBlank() ? "" : ": " + s);
    }

    public List<Gpu> gpus() { return List.copyOf(gpus); }

    /**
     * Reads one device; a lost device yields its GPU_IS_LOST reading once, then nothing. The energy
     * counter is read when {@code counter} is true or nothing is known of it yet (the first reading);
     * otherwise the reading has power only ({@code millijoules} -1).
     */
    public Optional<Reading> read(Gpu g, boolean counter, Consumer<String> warn) {
        if (g.lost) return Optional.empty();
        long mw = -1, mj = -1;
        String status = "";
        int r = nvml.nvmlDeviceGetPowerUsage(g.handle, intRef);
        if (r == Nvml.SUCCESS) mw = Integer.toUnsignedLong(intRef.getValue());
        else status = Nvml.codeName(r);
        if (r != Nvml.ERROR_GPU_IS_LOST && (g.counter == null || counter && g.counter)) {
            int e = nvml.nvmlDeviceGetTotalEnergyConsumption(g.handle, longRef);
            if (e == Nvml.SUCCESS) {
                long v = longRef.getValue();
                if (g.counter == null) {
                    g.counter = true;
                    g.firstMillijoules = v;
                } else if (Long.compareUnsigned(v, g.lastMillijoules) >= 0) {
                    g.cumulativeMillijoules += v - g.lastMillijoules;
                } // else the driver was reloaded: the interval is lost, counting goes on from the new value
                g.lastMillijoules = v;
                mj = g.cumulativeMillijoules;
            } else if (e == Nvml.ERROR_NOT_SUPPORTED && g.counter == null) {
                g.counter = false;
            } else {
                r = e;
                if (status.isEmpty()) status = Nvml.codeName(e);
            }
        }
        if (r == Nvml.ERROR_GPU_IS_LOST) {
            g.lost = true;
            warn.accept("GPU " + g.index + " (" + g.uuid + ") is lost (GPU_IS_LOST): no longer measured; the other devices go on");
            return Optional.of(new Reading(g, -1, -1, Nvml.codeName(Nvml.ERROR_GPU_IS_LOST)));
        }
        if (status.isEmpty() && g.sharedNow) status = "shared";
        return Optional.of(new Reading(g, mw, mj, status));
    }

    /**
     * Checks the compute processes on every device still measured: a PID not in {@code jobPids}
     * (asked again once, since the job may have started it since) makes the device shared. A PID is
     * classified once and remembered while it stays on a GPU, because asking {@code jobPids} walks the
     * process table (about 2 ms of CPU on a machine with 90 processes, every second otherwise).
     * Stops checking, with one warning, where the driver lacks the query.
     */
    public void checkSharing(java.util.function.Supplier<Set<Long>> jobPids, Consumer<String> warn) {
        if (!processQueryWorks) return;
        Set<Long> known = null, seen = new HashSet<>();
        for (Gpu g : gpus) {
            if (g.lost) continue;
            List<Long> pids;
            try {
                pids = processes(g);
            } catch (UnsatisfiedLinkError e) {
                processQueryWorks = false;
                warn.accept("this driver has no nvmlDeviceGetComputeRunningProcesses_v3: other processes on the GPUs are not detected");
                return;
            }
            if (pids == null) continue;
            boolean foreign = false;
            for (long pid : pids) {
                seen.add(pid);
                Boolean ours = classified.get(pid);
                if (ours == null) {
                    if (known == null) known = jobPids.get();
                    if (!known.contains(pid)) known = jobPids.get();
                    ours = known.contains(pid);
                    classified.put(pid, ours);
                }
                if (!ours) foreign = true;
            }
            g.sharedNow = foreign;
            if (foreign && !g.everShared) {
                g.everShared = true;
                warn.accept("GPU " + g.index + " also runs processes outside this job: its trace rows are marked shared");
            }
        }
        classified.keySet().retainAll(seen); // a PID that left the GPUs is asked about again should it come back
    }

    /** The PIDs of the compute processes on a device, or null when the query fails. */
    private List<Long> processes(Gpu g) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int capacity = (int) (processBuffer.size() / Nvml.PROCESS_INFO_BYTES);
            intRef.setValue(capacity);
            int r = nvml.nvmlDeviceGetComputeRunningProcesses_v3(g.handle, intRef, processBuffer);
            if (r == Nvml.SUCCESS) {
                int n = Math.min(intRef.getValue(), capacity);
                List<Long> pids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) pids.add(Integer.toUnsignedLong(processBuffer.getInt((long) i * Nvml.PROCESS_INFO_BYTES)));
                return pids;
            }
            if (r != Nvml.ERROR_INSUFFICIENT_SIZE) return null;
            processBuffer = new Memory((long) (Math.max(intRef.getValue(), capacity) + 16) * Nvml.PROCESS_INFO_BYTES);
        }
        return null;
    }

    @Override public void close() { nvml.nvmlShutdown(); }
}
