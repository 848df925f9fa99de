package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a GPU monitoring log without power samples still tells: which devices the host had and over
 * which time they were watched (an nvidia-smi CSV queried without {@code power.draw}, {@code
 * nvidia-smi dmon} without its {@code pwr} column, a {@code noheader,nounits} CSV whose power
 * column cannot be told from the others, one table snapshot). It becomes a {@link RunInfo} (model and
 * count of the host's GPUs) and, when rows carry times, a {@link TrainingLog} whose runtime is the
 * span of the samples, so the estimate can fall back to the catalog's TDP for those devices and hours.
 *
 * <p>Memory: one entry per device, whatever the length of the log. Not thread-safe: one per file.
 */
public final class DevicesWithoutPower {
    private final String format;
    private final Map<String, long[]> devices = new LinkedHashMap<>(); // first and last micros, or MIN_VALUE when untimed
    private final Set<String> names = new LinkedHashSet<>();
    /** Devices whose use a row showed ({@link #activity}), and those seen in use at least once. */
    private final Set<String> watched = new LinkedHashSet<>(), used = new LinkedHashSet<>();
    private long rows;

    /** @param format the reader's format id, named in the findings */
    public DevicesWithoutPower(String format) { this.format = format; }

    /** A row of {@code device} at {@code micros} (since the epoch), or without a time when {@code micros} is {@link Long#MIN_VALUE}. */
    public void row(String device, long micros) {
        rows++;
        long[] span = devices.get(device);
        if (span == null) {
            if (devices.size() >= 4096) return; // a corrupt key column; the count is already far beyond any host
            devices.put(device, new long[] {micros, micros});
            return;
        }
        if (micros == Long.MIN_VALUE) return;
        if (span[0] == Long.MIN_VALUE || micros < span[0]) span[0] = micros;
        if (span[1] == Long.MIN_VALUE || micros > span[1]) span[1] = micros;
    }

    /**
     * The memory a row showed {@code device} holding: in use when a process's CUDA context was on it
     * ({@link #CONTEXT_MIB} or more). Utilization is not asked: an idle card shows 1 % now and then.
     */
    public void activity(String device, double memoryUsedMib) {
        if (watched.size() < 4096) watched.add(device);
        if (memoryUsedMib >= CONTEXT_MIB) used.add(device);
    }

    /**
     * Less memory than any process's CUDA context holds (a few hundred MiB with PyTorch or JAX): a GPU
     * showing less the whole time ran nothing; the driver's and a display's few MiB stay under it.
     */
    public static final double CONTEXT_MIB = 64;

    /** The model name a row gave (kept up to 16 distinct names). */
    public void name(String name) {
        if (name != null && !name.isBlank() && names.size() < 16) names.add(name.strip());
    }

    public boolean isEmpty() { return devices.isEmpty(); }

    public int deviceCount() { return devices.size(); }

    public long rows() { return rows; }

    /** The time from the earliest to the latest row of any device, if rows carried times and there were at least two. */
    public Optional<long[]> span() {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (long[] s : devices.values()) {
            if (s[0] == Long.MIN_VALUE) continue;
            first = Math.min(first, s[0]);
            last = Math.max(last, s[1]);
        }
        return last == Long.MIN_VALUE || last <= first ? Optional.empty() : Optional.of(new long[] {first, last});
    }

    /**
     * Passes on what is known: a {@link RunInfo} with the first model name and the device count, a
     * {@link TrainingLog} with the span when there is one, and a note saying why there is no energy.
     *
     * @param why what the log lacks, for the note ({@code "no power.draw column"})
     */
    public void emit(String file, FindingSink sink, String why) {
        if (devices.isEmpty()) return;
        Optional<String> model = names.stream().findFirst();
        int count = devices.size();
        // Devices idle the whole time, beside others in use, ran none of the run's work (the host's other GPUs, as W&B's
        // per-process stats tell): only those in use count. When none was seen in use nothing can be told: all count.
        List<String> idle = used.isEmpty() ? List.of() : devices.keySet().stream().filter(d -> watched.contains(d) && !used.contains(d)).toList();
        boolean someIdle = !idle.isEmpty();
        if (someIdle) {
            sink.problem(Problem.note(file, 0, (idle.size() == 1 ? "GPU " + idle.get(0) + " showed" : "GPUs " + String.join(", ", idle) + " showed")
                    + " no use the whole time (under " + (int) CONTEXT_MIB + " MiB of memory: no process held a CUDA context"
                    + (idle.size() == 1 ? " on it" : " on them") + "): the run is taken to have used the other " + (count - idle.size()) + " of the host's "
                    + count + " GPUs"));
        }
        sink.accept(new RunInfo(format, Optional.empty(), Optional.empty(), Optional.empty(), model, Optional.of(count - idle.size()),
                someIdle ? RunInfo.CountEvidence.IN_USE : RunInfo.CountEvidence.HOST, Optional.empty()));
        Optional<long[]> span = span();
        String devicesText = count + " device" + (count == 1 ? "" : "s") + model.map(m -> " (" + m + (names.size() > 1 ? " and others" : "") + ")").orElse("");
        if (span.isPresent()) {
            Instant first = micros(span.get()[0]), last = micros(span.get()[1]);
            sink.accept(new TrainingLog(format, Optional.of(first), Optional.of(last),
                    Optional.of(Hours.ofSeconds((span.get()[1] - span.get()[0]) / 1e6)), "time span of the GPU samples", Map.of(), Map.of()));
            sink.problem(Problem.note(file, 0, why + ": the log gives " + devicesText + " and how long they were watched, but no power; "
                    + "the energy can only be estimated from the devices' TDP"));
        } else {
            sink.problem(Problem.note(file, 0, why + ": the log gives " + devicesText + " but neither power over time nor a time span; "
                    + "the hours must come from another log or experiment.yaml"));
        }
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
