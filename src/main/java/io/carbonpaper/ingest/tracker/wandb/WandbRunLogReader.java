package io.carbonpaper.ingest.tracker.wandb;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.source.ProtoMessage;
import io.carbonpaper.ingest.trace.TraceIntegrator;
import io.carbonpaper.ingest.tracker.TrackerFolders;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.SchedulerJob;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a W&B run's binary transaction log {@code run-<id>.wandb}: the run's start, its exit
 * (code and runtime), the system-metric samples ({@code stats}) and the host's hardware
 * ({@code environment}), and the last summary values. GPU power samples
 * ({@code gpu.N.powerWatts}, W, averages over the sampling window) are integrated at their real
 * timestamps; where the log has per-process samples ({@code gpu.process.N.*}), only the GPUs the
 * run's processes used count, since {@code gpu.N.*} covers every GPU of the host.
 *
 * <p>A truncated or still-growing file is read up to its first bad record; a warning gives the
 * byte offset. Record field numbers are listed in {@code docs/trackers.md} with their source.
 */
public final class WandbRunLogReader implements LogReader {
    public static final String FORMAT = "wandb-run-log";

    // wandb_internal.proto, message Record: the oneof fields carbonpaper reads.
    private static final int REC_SUMMARY = 3, REC_STATS = 7, REC_RUN = 17, REC_EXIT = 18, REC_ENVIRONMENT = 26;
    private static final Pattern GPU_KEY = Pattern.compile("gpu\\.(process\\.)?(\\d+)\\.(\\w+)");
    /** Final metrics kept at most; a summary is a handful of keys, this bounds memory on odd files. */
    private static final int MAX_METRICS = 10_000;
    /** What wandb-core's Apple collector writes of a Mac's chip, in its order: CPU, GPU, neural engine (W). */
    private static final List<String> CHIP_PARTS = List.of("cpu.powerWatts", "gpu.0.powerWatts", "ane.power");
    private static final java.util.Set<String> SLURM_KEYS = java.util.Set.of("job_id", "jobid", "array_job_id", "array_task_id", "cluster_name");

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) { return WandbLogFile.hasHeader(source.head()); }

    @Override public String experimentFolder(InputSource source) {
        return TrackerFolders.joinHydraJob(source, TrackerFolders.wandbRunFolder(source.name()), "wandb", 2);
    }

    /** The run folder: its console capture, debug logs and requirements are not evidence. */
    @Override public List<String> claimedFolders(InputSource source) { return List.of(TrackerFolders.wandbRunFolder(source.name())); }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        Run run = new Run(TraceIntegrator.forFile(source, FORMAT), TraceIntegrator.forFile(source, FORMAT), TraceIntegrator.forFile(source, FORMAT));
        try (InputStream in = source.open()) {
            WandbLogFile log = WandbLogFile.open(in);
            if (log == null) throw new InputException(0, "not a W&B run log: the file does not start with the ':W&B' header (3A 57 26 42 E1 BE 00)");
            byte[] record;
            while ((record = log.next()) != null) {
                try {
                    run.record(new ProtoMessage(record));
                } catch (ProtoMessage.MalformedException e) {
                    sink.problem(Problem.warning(source.name(), 0, "record at byte " + log.recordOffset() + " is not a valid protobuf Record ("
                            + e.getMessage() + "); skipped"));
                }
            }
            if (log.stop() != null) {
                sink.problem(Problem.warning(source.name(), 0, "read up to byte " + log.stop().offset() + ": " + log.stop().reason()
                        + "; the file is truncated or was copied while the run was still writing it"));
            }
        }
        run.emit(source, sink);
    }

    /** What the records of one file told so far. */
    private static final class Run {
        Optional<Instant> start = Optional.empty();
        Optional<Integer> exitCode = Optional.empty();
        Optional<Integer> exitRuntime = Optional.empty();
        Optional<String> name = Optional.empty(), group = Optional.empty(), host = Optional.empty(), accelerator = Optional.empty();
        Optional<Integer> hostGpus = Optional.empty();
        /** A TPU VM's or a Mac's accelerator (EnvironmentRecord tpu, apple): used where no GPU is named. */
        Optional<String> tpuChip = Optional.empty(), appleChip = Optional.empty();
        Optional<Integer> tpuChips = Optional.empty();
        /** The Slurm environment's job keys (EnvironmentRecord slurm=27, a map of SLURM_* without the prefix, lower case). */
        final Map<String, String> slurm = new TreeMap<>();
        long lastStatsMicros = Long.MIN_VALUE;
        final TraceIntegrator all;
        final TraceIntegrator inUse;
        /** A Mac's chip, sample by sample: its CPU, GPU and neural engine together ({@link #chipPower}). */
        final TraceIntegrator chip;
        /** The keys summed into {@link #chip}. */
        final java.util.Set<String> chipParts = new java.util.HashSet<>();

        Run(TraceIntegrator all, TraceIntegrator inUse, TraceIntegrator chip) {
            this.all = all;
            this.inUse = inUse;
            this.chip = chip;
        }
        final TreeSet<Integer> sampledGpus = new TreeSet<>(), usedGpus = new TreeSet<>();
        final Map<String, Double> metrics = new TreeMap<>();
        long statsRecords;

        void record(ProtoMessage m) {
            while (m.next()) {
                switch (m.field()) {
                    case REC_STATS -> stats(m.message());
                    case REC_RUN -> run(m.message());
                    case REC_EXIT -> exit(m.message());
                    case REC_ENVIRONMENT -> environment(m.message());
                    case REC_SUMMARY -> summary(m.message());
                    default -> m.skip();
                }
            }
        }

        /** RunRecord: run_id=1, run_group=6, display_name=8, sweep_id=12, host=13, start_time=17. */
        private void run(ProtoMessage m) {
            while (m.next()) {
                switch (m.field()) {
                    case 6 -> group = nonEmpty(m.string()).or(() -> group);
                    case 8 -> name = nonEmpty(m.string()).or(() -> name);
                    case 12 -> { Optional<String> s = nonEmpty(m.string()); if (group.isEmpty() && s.isPresent()) group = Optional.of("sweep " + s.get()); }
                    case 13 -> host = nonEmpty(m.string()).or(() -> host);
                    case 17 -> {
                        long t = micros(timestamp(m.message()));
                        if (Plausible.micros(t) == null) start = Optional.of(instant(t));
                    }
                    default -> m.skip();
                }
            }
        }

        /** RunExitRecord: exit_code=1, runtime=2 (seconds); both absent when zero (proto3). */
        private void exit(ProtoMessage m) {
            exitCode = Optional.of(0);
            while (m.next()) {
                switch (m.field()) {
                    case 1 -> exitCode = Optional.of((int) m.varint());
                    case 2 -> exitRuntime = Optional.of((int) m.varint());
                    default -> m.skip();
                }
            }
        }

        /**
         * EnvironmentRecord (wandb-core): host=12, gpu_type=18, gpu_count=19, apple=23 {name=1},
         * gpu_nvidia=24 {name=1}, slurm=27 (map entries {key=1, value=2}), tpu=29 {name=1, count=4}.
         */
        private void environment(ProtoMessage m) {
            while (m.next()) {
                switch (m.field()) {
                    case 12 -> { Optional<String> s = nonEmpty(m.string()); if (host.isEmpty()) host = s; }
                    case 18 -> { Optional<String> s = nonEmpty(m.string()); if (s.isPresent()) accelerator = s; }
                    case 19 -> { long n = m.varint(); if (n > 0 && n < 1_000_000) hostGpus = Optional.of((int) n); }
                    case 23 -> appleChip = name(m.message()).or(() -> appleChip);
                    case 24 -> { Optional<String> s = name(m.message()); if (accelerator.isEmpty()) accelerator = s; }
                    case 27 -> {
                        // map<string, string> entry {key=1, value=2}; only the job's id, array task and cluster are kept
                        ProtoMessage entry = m.message();
                        String k = null, v = null;
                        while (entry.next()) {
                            if (entry.field() == 1 && entry.wireType() == ProtoMessage.LENGTH_DELIMITED) k = entry.string();
                            else if (entry.field() == 2 && entry.wireType() == ProtoMessage.LENGTH_DELIMITED) v = entry.string();
                            else entry.skip();
                        }
                        if (k != null && v != null && SLURM_KEYS.contains(k)) slurm.put(k, v);
                    }
                    case 29 -> {
                        ProtoMessage tpu = m.message();
                        while (tpu.next()) {
                            if (tpu.field() == 1 && tpu.wireType() == ProtoMessage.LENGTH_DELIMITED) {
                                Optional<String> s = nonEmpty(tpu.string()).flatMap(WandbFiles::tpuName);
                                if (s.isPresent()) tpuChip = s;
                            } else if (tpu.field() == 4 && tpu.wireType() == ProtoMessage.VARINT) {
                                long n = tpu.varint();
                                if (n > 0 && n < 1_000_000) tpuChips = Optional.of((int) n);
                            } else tpu.skip();
                        }
                    }
                    default -> m.skip();
                }
            }
        }

        /** The name (field 1) of a device message (GpuNvidiaInfo, AppleInfo): the last one given, blank as none. */
        private static Optional<String> name(ProtoMessage device) {
            Optional<String> name = Optional.empty();
            while (device.next()) {
                if (device.field() == 1 && device.wireType() == ProtoMessage.LENGTH_DELIMITED) {
                    Optional<String> s = nonEmpty(device.string());
                    if (s.isPresent()) name = s;
                } else device.skip();
            }
            return name;
        }

        /** SummaryRecord: update=1 repeated SummaryItem {key=1, nested_key=2, value_json=16}. */
        private void summary(ProtoMessage m) {
            while (m.next()) {
                if (m.field() != 1) { m.skip(); continue; }
                String[] kv = item(m.message());
                if (kv == null || kv[0].startsWith("_")) continue;
                double v = number(kv[1]);
                if (Double.isFinite(v) && (metrics.size() < MAX_METRICS || metrics.containsKey(kv[0]))) metrics.put(kv[0], v);
            }
        }

        /** StatsRecord: timestamp=2, item=3 repeated StatsItem {key=1, value_json=16}. */
        private void stats(ProtoMessage m) {
            statsRecords++;
            long micros = Long.MIN_VALUE;
            // Fields may come in any order on the wire: collect the items, then apply the timestamp.
            List<String[]> items = new ArrayList<>();
            while (m.next()) {
                switch (m.field()) {
                    case 2 -> micros = micros(timestamp(m.message()));
                    case 3 -> { String[] kv = item(m.message()); if (kv != null) items.add(kv); }
                    default -> m.skip();
                }
            }
            if (micros == Long.MIN_VALUE) {
                if (hasPower(items)) all.missing("stats record without a timestamp");
                return;
            }
            if (Plausible.micros(micros) != null) {
                if (hasPower(items)) all.missing(Plausible.OUTSIDE_TIME);
                return;
            }
            lastStatsMicros = Math.max(lastStatsMicros, micros);
            chipPower(items, micros);
            for (String[] kv : items) {
                Matcher g = GPU_KEY.matcher(kv[0]);
                if (!g.matches()) continue;
                boolean process = g.group(1) != null;
                int gpu = Integer.parseInt(g.group(2).length() > 6 ? "999999" : g.group(2));
                (process ? usedGpus : sampledGpus).add(gpu);
                if (!g.group(3).equals("powerWatts")) continue;
                TraceIntegrator target = process ? inUse : all;
                double w = number(kv[1]);
                if (Double.isNaN(w)) target.missing("power value is not a number");
                else target.power(Integer.toString(gpu), "gpu", micros, w);
            }
        }

        /**
         * On a Mac, wandb-core's Apple collector writes the chip's parts as one sample: {@code cpu.powerWatts},
         * {@code gpu.0.powerWatts} and {@code ane.power} (W, from the SoC's energy counters; only that collector
         * writes the first and the last), and {@code system.powerWatts}, the whole Mac's (display, storage and
         * all). The catalog's figure for an Apple chip is the package's, CPU + GPU + neural engine: their sum
         * is the chip's power; a record of the GPU alone would leave out most of the chip.
         */
        private void chipPower(List<String[]> items, long micros) {
            double sum = 0;
            boolean apple = false, bad = false;
            List<String> parts = new ArrayList<>(CHIP_PARTS.size());
            for (String[] kv : items) {
                String k = kv[0];
                if (!CHIP_PARTS.contains(k)) continue;
                apple |= !k.equals("gpu.0.powerWatts");
                double w = number(kv[1]);
                bad |= Double.isNaN(w);
                sum += w;
                parts.add(k);
            }
            if (!apple) return;
            if (bad) {
                chip.missing("power value is not a number");
                return;
            }
            chipParts.addAll(parts);
            chip.power("0", "gpu", micros, sum);
        }

        private static String gpuList(java.util.SortedSet<Integer> gpus) {
            return gpus.stream().map(g -> "gpu." + g).collect(java.util.stream.Collectors.joining(", "));
        }

        private static boolean hasPower(List<String[]> items) {
            for (String[] kv : items) if (kv[0].endsWith(".powerWatts")) return true;
            return false;
        }

        void emit(InputSource source, FindingSink sink) {
            if (accelerator.isEmpty() && tpuChip.isPresent()) {
                accelerator = tpuChip;
                if (hostGpus.isEmpty()) hostGpus = tpuChips;
            } else if (accelerator.isEmpty() && appleChip.isPresent()) {
                accelerator = appleChip;
                if (hostGpus.isEmpty()) hostGpus = Optional.of(1);
            }
            boolean onChip = accelerator.isPresent() && accelerator.equals(appleChip) && !chip.isEmpty();
            boolean processLevel = !onChip && !inUse.isEmpty();
            TraceIntegrator chosen = onChip ? chip : processLevel ? inUse : all;
            if (onChip) {
                sink.problem(Problem.note(source.name(), 0, "the " + appleChip.get() + "'s power is the sum of W&B's "
                        + String.join(" + ", CHIP_PARTS.stream().filter(chipParts::contains).toList()) + " (the chip's CPU, GPU and neural engine, the package the catalog's figure"
                        + " is for); system.powerWatts, the whole Mac's, is not used"));
            }
            if (!chosen.isEmpty()) {
                io.carbonpaper.model.TraceSummary kept = chosen.finish(host, accelerator);
                sink.accept(kept);
                if (processLevel && !all.isEmpty() && !usedGpus.containsAll(sampledGpus)) {
                    // The policy, said where the numbers are: the host's other GPUs drew power too, for other work or idle.
                    double hostWh = all.finish(host, accelerator).total().joules() / 3600, runWh = kept.total().joules() / 3600;
                    sink.problem(Problem.note(source.name(), 0, String.format(java.util.Locale.ROOT,
                            "the host's %d GPUs (%s) were sampled, %.3f Wh in all; the run's processes used %s (gpu.process.N), "
                                    + "so only their %.3f Wh count: the other GPUs' energy is not this run's",
                            sampledGpus.size(), gpuList(sampledGpus), hostWh, gpuList(usedGpus), runWh)));
                }
            }

            Optional<Integer> count = Optional.empty();
            RunInfo.CountEvidence evidence = RunInfo.CountEvidence.NONE;
            if (!usedGpus.isEmpty()) {
                count = Optional.of(usedGpus.size());
                evidence = RunInfo.CountEvidence.IN_USE;
            } else if (!sampledGpus.isEmpty()) {
                count = Optional.of(sampledGpus.size());
                evidence = RunInfo.CountEvidence.SAMPLED;
            } else if (hostGpus.isPresent()) {
                count = hostGpus;
                evidence = RunInfo.CountEvidence.HOST;
            }
            sink.accept(new RunInfo(FORMAT, name, group, Optional.empty(), accelerator, count, evidence, host));
            SchedulerJob.fromSlurmEnvironment(FORMAT, slurm::get).ifPresent(sink::accept);

            Optional<Hours> runtime = exitRuntime.filter(r -> r > 0).map(r -> Hours.of(Duration.ofSeconds(r)));
            Optional<Instant> end = start.flatMap(s -> exitRuntime.filter(r -> r > 0).map(r -> s.plusSeconds(r)));
            if (end.isEmpty() && lastStatsMicros != Long.MIN_VALUE) end = Optional.of(instant(lastStatsMicros));
            if (exitCode.isEmpty()) {
                sink.problem(Problem.note(source.name(), 0, "no exit record: the run had not finished when the file was written, or it is incomplete"));
            } else if (exitCode.get() != 0) {
                sink.problem(Problem.note(source.name(), 0, "the run exited with code " + exitCode.get()));
            }
            if (start.isPresent() || runtime.isPresent() || !metrics.isEmpty()) {
                sink.accept(new TrainingLog(FORMAT, start, end, runtime, runtime.isPresent() ? "exit record runtime" : "", metrics, Map.of()));
            }
        }
    }

    private static long micros(long[] secondsNanos) {
        long s = secondsNanos[0];
        // Saturated, not wrapped: an extreme is then outside Plausible's range and dropped like any implausible time.
        if (s > Long.MAX_VALUE / 1_000_000L - 1) return Long.MAX_VALUE;
        if (s < Long.MIN_VALUE / 1_000_000L + 1) return Long.MIN_VALUE + 1;
        return s * 1_000_000L + secondsNanos[1] / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    /** google.protobuf.Timestamp {seconds=1, nanos=2}. */
    private static long[] timestamp(ProtoMessage m) {
        long[] t = new long[2];
        while (m.next()) {
            switch (m.field()) {
                case 1 -> t[0] = m.varint();
                case 2 -> t[1] = (int) m.varint();
                default -> m.skip();
            }
        }
        if (t[0] < 0 || t[0] > 253402300799L || t[1] < 0 || t[1] > 999_999_999)
            throw new ProtoMessage.MalformedException("timestamp out of range: " + t[0] + " s " + t[1] + " ns");
        return t;
    }

    /** StatsItem / SummaryItem: key=1, nested_key=2 (joined with '.'), value_json=16. */
    private static String[] item(ProtoMessage m) {
        String key = null, value = null;
        StringBuilder nested = null;
        while (m.next()) {
            switch (m.field()) {
                case 1 -> key = m.string();
                case 2 -> { if (nested == null) nested = new StringBuilder(); else nested.append('.'); nested.append(m.string()); }
                case 16 -> value = m.string();
                default -> m.skip();
            }
        }
        if (key == null && nested != null) key = nested.toString();
        return key == null || value == null ? null : new String[] {key, value};
    }

    /** A JSON number (possibly quoted), else NaN; media, objects and text are not metrics. */
    static double number(String json) {
        String s = json.trim();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') s = s.substring(1, s.length() - 1);
        if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '.')) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Optional<String> nonEmpty(String s) { return s == null || s.isBlank() ? Optional.empty() : Optional.of(s); }
}
