package io.carbonpaper.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code carbonpaper record} was asked to do.
 *
 * @param out                the folder that receives {@code trace.csv} and {@code experiment.yaml}
 * @param interval           time between samples, 10 ms to 1 h
 * @param gpus               the GPUs to measure (NVML indices or UUID prefixes); when absent,
 *                           {@code cudaVisibleDevices} decides, and when that is absent too, every GPU
 * @param sysfsRoot          where the powercap zones are ({@code /sys/class/powercap}; a folder in tests)
 * @param command            the command to run and measure; empty: sample until interrupted
 * @param cudaVisibleDevices the value of {@code CUDA_VISIBLE_DEVICES} the command will see, if set
 */
public record RecordJob(Path out, Duration interval, Optional<List<String>> gpus, Path sysfsRoot,
                        List<String> command, Optional<String> cudaVisibleDevices) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    public static final Path DEFAULT_SYSFS_ROOT = Path.of("/sys/class/powercap");
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);

    public RecordJob {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0)
            throw new IllegalArgumentException("interval must be between 10ms and 1h, was " + interval.toMillis() + "ms");
        gpus = gpus.map(List::copyOf);
        command = List.copyOf(command);
        Objects.requireNonNull(cudaVisibleDevices, "cudaVisibleDevices");
        if (gpus.isPresent() && gpus.get().isEmpty()) throw new IllegalArgumentException("gpus, when given, must name at least one GPU");
    }

    /** A job with the defaults: 100 ms, every GPU the environment allows, the real powercap tree. */
    public static RecordJob of(Path out, List<String> command) {
        return new RecordJob(out, DEFAULT_INTERVAL, Optional.empty(), DEFAULT_SYSFS_ROOT, command,
                Optional.ofNullable(System.getenv("CUDA_VISIBLE_DEVICES")));
    }

    public RecordJob withInterval(Duration d) { return new RecordJob(out, d, gpus, sysfsRoot, command, cudaVisibleDevices); }

    public RecordJob withGpus(List<String> g) { return new RecordJob(out, interval, Optional.of(g), sysfsRoot, command, cudaVisibleDevices); }

    public RecordJob withSysfsRoot(Path p) { return new RecordJob(out, interval, gpus, p, command, cudaVisibleDevices); }

    public RecordJob withCudaVisibleDevices(Optional<String> v) { return new RecordJob(out, interval, gpus, sysfsRoot, command, v); }
}
