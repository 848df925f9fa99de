package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LocalClock;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Gap;
import io.carbonpaper.model.Plausible;
import io.carbonpaper.model.TraceSettings;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.Energy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a stream of power samples (and energy-counter readings, where a device has them) into a
 * {@link TraceSummary}, in memory that does not grow with the trace.
 *
 * <p>Per device, energy is the trapezoid integral of power over time; a device with at least two
 * counter readings uses the counter's differences instead (a counter that goes backwards was reset,
 * and that interval is skipped and counted). Samples whose time does not advance (duplicates,
 * clocks going backwards) are skipped and counted by reason. An interval longer than
 * {@code gapFactor} times the device's median sampling interval is a gap: it is not bridged, and it
 * is listed (or, with {@code fillGaps}, bridged at the neighbours' mean and flagged). Gaps are found
 * exactly however many there are ({@link GapFinder}), in memory bounded by the number of distinct
 * interval lengths, not of samples.
 *
 * <p>Times are microseconds since the epoch. Not thread-safe: one integrator per file.
 */
public final class TraceIntegrator {
    /** Intervals are histogrammed at this resolution to find the median sampling interval. */
    private static final long BUCKET_MICROS = 1_000;
    private static final int BUCKETS = 600_000; // up to 10 minutes; longer intervals count in the last bucket
    private static final int CHART_POINTS = 400;

    /** Power above which one GPU's sample is not integrated: {@link Plausible#MAX_GPU_WATTS}. */
    public static final double MAX_GPU_WATTS = Plausible.MAX_GPU_WATTS;
    /** Per CPU package: about three times the largest CPU TDP in catalog/accelerators.csv (AMD EPYC 9654, 360 W). */
    public static final double MAX_CPU_WATTS = 1_000;
    /** Per DRAM zone (RAPL): a full socket of DIMMs draws tens of watts; this is the CPU bound again, generously. */
    public static final double MAX_DRAM_WATTS = 1_000;

    /** The reason counted for a sample whose time equals its device's previous one. */
    public static final String DUPLICATE = "duplicate timestamp";

    private final String format;
    private final double gapFactor;
    private final boolean fillGaps;
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Long> missing = new TreeMap<>();
    private boolean sharedDevice;

    /** The file's clock for times written without a zone ({@link #clock}). */
    private final LocalClock clock;

    public TraceIntegrator(String format) { this(format, 5.0, false); }

    /** A fresh integrator for one file's power samples, with the project's gap settings and zone. */
    public static TraceIntegrator forFile(InputSource source, String format) {
        TraceSettings s = source.traceSettings();
        return new TraceIntegrator(format, s.gapFactor(), s.fillGaps(), new LocalClock(s));
    }

    public TraceIntegrator(String format, double gapFactor, boolean fillGaps) {
        this(format, gapFactor, fillGaps, new LocalClock(TraceSettings.DEFAULT));
    }

    private TraceIntegrator(String format, double gapFactor, boolean fillGaps, LocalClock clock) {
        if (!(gapFactor > 1)) throw new IllegalArgumentException("gapFactor must be > 1: " + gapFactor);
        this.format = format;
        this.gapFactor = gapFactor;
        this.fillGaps = fillGaps;
        this.clock = clock;
    }

    /**
     * Places the file's times written without a zone in the settings' zone ({@code timezone}); a reader
     * passes each such time through it. A time it takes as UTC because no zone is named marks the
     * summary ({@link TraceSummary#zonelessAsUtc}).
     */
    public LocalClock clock() { return clock; }

    /**
     * Why a power sample of a device of this kind ({@code gpu}, {@code cpu}, {@code dram}) cannot be
     * believed, or null when it can: above {@link #MAX_GPU_WATTS} and its siblings. Readers call it to
     * report the sample at its line; {@link #power} refuses such samples anyway.
     */
    public static String implausible(String kind, double watts) {
        double max = maxWatts(kind);
        if (!(watts > max) || Double.isInfinite(watts)) return null;
        return "implausible power " + plain(watts) + " W for one " + (kind == null ? "gpu" : kind) + " (above " + plain(max)
                + " W; a value in mW?); not integrated";
    }

    private static double maxWatts(String kind) {
        return "cpu".equals(kind) ? MAX_CPU_WATTS : "dram".equals(kind) ? MAX_DRAM_WATTS : MAX_GPU_WATTS;
    }

    private static String plain(double w) { return java.math.BigDecimal.valueOf(w).stripTrailingZeros().toPlainString(); }

    /**
     * A power sample of {@code watts} at {@code micros}. Negative or non-finite watts, and watts
     * {@link #implausible} for the kind, are counted as missing and not integrated.
     */
    public void power(String device, String kind, long micros, double watts) {
        if (refused(kind, watts)) return;
        sample(device(device, kind), micros, watts);
    }

    /** As {@link #power(String, String, long, double)}, for a device already looked up with {@link #device}. */
    public void power(Device d, long micros, double watts) {
        if (watts >= 0 && watts <= d.maxWatts) sample(d, micros, watts); // the common case, without refused()'s look at the kind
        else if (!refused(d.kind, watts)) sample(d, micros, watts);
    }

    private boolean refused(String kind, double watts) {
        if (!Double.isFinite(watts) || watts < 0) {
            missing(Double.isNaN(watts) ? "not a number" : "negative or infinite power");
            return true;
        }
        if (implausible(kind, watts) != null) {
            missing("implausible power (above the bound for a " + kind + ")");
            return true;
        }
        return false;
    }

    private void sample(Device d, long micros, double watts) {
        if (micros < Plausible.EARLIEST_MICROS || micros >= Plausible.LATEST_MICROS) {
            // Readers report such a sample at its line; here it is only kept out of the arithmetic.
            missing(Plausible.OUTSIDE_TIME);
            return;
        }
        if (d.lastPowerMicros != Long.MIN_VALUE) {
            long dt = micros - d.lastPowerMicros;
            if (dt <= 0) {
                missing(dt == 0 ? DUPLICATE : "time went backwards");
                return;
            }
            d.addInterval(dt, (d.lastWatts + watts) / 2.0 * dt / 1e6, d.lastPowerMicros, micros);
        } else {
            d.firstMicros = Math.min(d.firstMicros, micros);
        }
        d.lastPowerMicros = micros;
        d.lastWatts = watts;
        d.samples++;
        d.lastMicros = Math.max(d.lastMicros, micros);
        d.chart.add(micros, watts);
    }

    /** A cumulative energy-counter reading in joules (NVML and DCGM total energy, RAPL energy_uj). */
    public void energyCounter(String device, String kind, long micros, double joules) {
        if (!Double.isFinite(joules) || joules < 0) {
            missing("invalid energy counter");
            return;
        }
        if (micros < Plausible.EARLIEST_MICROS || micros >= Plausible.LATEST_MICROS) {
            missing(Plausible.OUTSIDE_TIME);
            return;
        }
        Device d = device(device, kind);
        if (d.lastCounterMicros != Long.MIN_VALUE) {
            if (micros <= d.lastCounterMicros) {
                missing(micros == d.lastCounterMicros ? DUPLICATE : "time went backwards");
                return;
            }
            double delta = joules - d.lastCounter;
            if (delta < 0) d.counterResets++;
            else d.addCounter(delta);
        }
        d.counterReadings++;
        d.lastCounterMicros = micros;
        d.lastCounter = joules;
        d.firstMicros = Math.min(d.firstMicros, micros);
        d.lastMicros = Math.max(d.lastMicros, micros);
    }

    /** A sample that could not be used; {@code reason} becomes a row of the data-quality table. */
    public void missing(String reason) { missing.merge(reason, 1L, Long::sum); }

    /** Other processes were seen on the job's devices (the recorder says so). */
    public void markShared() { sharedDevice = true; }

    private boolean zonelessAsUtc;

    /**
     * Some of the trace's times had no zone and were read as UTC (no {@code timezone} setting), by a reader that
     * placed them without {@link #clock}: {@link TraceSummary#zonelessAsUtc}.
     */
    public void markZonelessAsUtc() { zonelessAsUtc = true; }

    /** Whether no device has a usable sample or counter reading: {@link #finish} has nothing to summarise. */
    public boolean isEmpty() {
        for (Device d : devices.values()) if (d.samples > 0 || d.counterReadings > 0) return false;
        return true;
    }

    /** The gap threshold as a multiple of a device's median sampling interval. */
    public double gapFactor() { return gapFactor; }

    public TraceSummary finish(Optional<String> host, Optional<String> deviceName) {
        List<DeviceEnergy> out = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        List<TraceSummary.ChartPoint> chart = new ArrayList<>();
        long used = 0, gapCount = 0;
        Map<String, Long> missingOut = new TreeMap<>(missing);
        for (Map.Entry<String, Device> e : devices.entrySet()) {
            Device d = e.getValue();
            if (d.samples == 0 && d.counterReadings == 0) continue;
            boolean counter = d.counterReadings >= 2;
            double joules;
            long threshold = d.gapThresholdMicros(gapFactor);
            List<GapFinder.Interval> listed = List.of();
            long uncoveredMicros = 0;
            if (counter) {
                joules = d.counterJoules;
                if (d.counterResets > 0) missingOut.merge("energy counter reset", d.counterResets, Long::sum);
            } else {
                joules = d.joules;
                GapFinder.Found found = d.gaps.found(threshold);
                listed = found.listed();
                if (!fillGaps) {
                    joules -= found.joules();
                    uncoveredMicros = found.micros();
                }
                for (GapFinder.Interval iv : found.listed()) gaps.add(new Gap(e.getKey(), micros(iv.from()), micros(iv.to())));
                if (found.unlisted() > 0) missingOut.merge(GapFinder.UNLISTED, found.unlisted(), Long::sum);
                gapCount += found.count();
            }
            used += counter ? d.counterReadings : d.samples;
            out.add(new DeviceEnergy(e.getKey(), d.kind, Energy.ofJoules(joules), counter ? EnergyMethod.COUNTER : EnergyMethod.TRACE,
                    counter ? d.counterReadings : d.samples, micros(d.firstMicros), micros(d.lastMicros), uncoveredMicros / 1e6));
            d.chart.emit(e.getKey(), chart, threshold, listed);
        }
        if (out.isEmpty()) throw new IllegalStateException("no samples");
        Instant first = out.stream().map(DeviceEnergy::first).min(Instant::compareTo).orElseThrow();
        Instant last = out.stream().map(DeviceEnergy::last).max(Instant::compareTo).orElseThrow();
        if (fillGaps && gapCount > 0) missingOut.merge("gaps bridged at the neighbours' mean (flagged)", gapCount, Long::sum);
        return new TraceSummary(format, host, deviceName, out, first, last, used, missingOut, gaps, sharedDevice, chart, List.of(),
                zonelessAsUtc || clock.readAsUtc());
    }

    /**
     * The device called {@code id}, added (in the order devices appear) if it is new; a reader that
     * keeps the handle passes samples without a lookup by name. A device without samples is left out
     * of {@link #finish}.
     */
    public Device device(String id, String kind) {
        Device d = devices.get(id);
        if (d == null) {
            d = new Device(kind, gapFactor);
            devices.put(id, d);
        }
        return d;
    }

    static Instant micros(long micros) { return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L); }

    /** One device's running integral: a handle from {@link #device}, opaque outside this class. */
    public static final class Device {

        private final String kind;
        private long firstMicros = Long.MAX_VALUE, lastMicros = Long.MIN_VALUE;
        private long lastPowerMicros = Long.MIN_VALUE;
        private double lastWatts;
        private long samples;
        private double joules;
        private double compensation; // Kahan summation: traces of a billion rows must still agree to 1e-9
        /** Grown on demand up to {@link #BUCKETS}: many small traces must not each cost the full 2.4 MB. */
        private int[] histogram = new int[1024];
        private long intervals;
        /** Every interval by length, with its energy: the gaps are known exactly once the median is. */
        private final GapFinder gaps;

        private long lastCounterMicros = Long.MIN_VALUE;
        private double lastCounter;
        private double counterJoules, counterCompensation;
        private long counterReadings, counterResets;

        private void addCounter(double delta) {
            double y = delta - counterCompensation;
            double t = counterJoules + y;
            counterCompensation = (t - counterJoules) - y;
            counterJoules = t;
        }

        private final ChartSeries chart = new ChartSeries();

        private final double maxWatts;

        private Device(String kind, double gapFactor) {
            this.kind = kind;
            this.gaps = new GapFinder(gapFactor);
            this.maxWatts = maxWatts(kind);
        }

        private void addInterval(long dt, double j, long from, long to) {
            double y = j - compensation;
            double t = joules + y;
            compensation = (t - joules) - y;
            joules = t;
            int bucket = (int) Math.min(BUCKETS - 1, dt / BUCKET_MICROS);
            if (bucket >= histogram.length) histogram = Arrays.copyOf(histogram, Math.min(BUCKETS, Math.max(bucket + 1, 2 * histogram.length)));
            histogram[bucket]++;
            intervals++;
            gaps.add(from, to, dt, j);
        }

        private long median() {
            long half = (intervals + 1) / 2, seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= half) return (i * BUCKET_MICROS) + BUCKET_MICROS / 2;
            }
            return BUCKETS * BUCKET_MICROS;
        }

        private long gapThresholdMicros(double factor) {
            return intervals == 0 ? Long.MAX_VALUE : (long) (factor * median());
        }
    }

    /**
     * A power-over-time series of at most {@value #CHART_POINTS} buckets: when the time range
     * outgrows the buckets, neighbours merge and the bucket width doubles.
     */
    private static final class ChartSeries {
        long origin = Long.MIN_VALUE;
        long width = 1_000_000; // 1 s to start
        final double[] sum = new double[CHART_POINTS];
        final int[] count = new int[CHART_POINTS];

        void add(long micros, double watts) {
            if (origin == Long.MIN_VALUE) origin = micros;
            long idx = (micros - origin) / width;
            while (idx >= CHART_POINTS) {
                for (int i = 0; i < CHART_POINTS / 2; i++) {
                    sum[i] = sum[2 * i] + sum[2 * i + 1];
                    count[i] = count[2 * i] + count[2 * i + 1];
                }
                Arrays.fill(sum, CHART_POINTS / 2, CHART_POINTS, 0);
                Arrays.fill(count, CHART_POINTS / 2, CHART_POINTS, 0);
                width *= 2;
                idx = (micros - origin) / width;
            }
            if (idx < 0) return;
            sum[(int) idx] += watts;
            count[(int) idx]++;
        }

        /**
         * The buckets as points. An empty bucket is a break in the line only where the trace has a
         * gap, the same gaps the energy leaves out: a listed gap overlaps it, or the empty run is at
         * least {@code gapMicros} long. Elsewhere the bucket is only narrower than the sampling
         * interval (a tracker sampling every 15 s on 8 s buckets leaves every other one empty), and
         * the line joins its neighbours.
         */
        void emit(String device, List<TraceSummary.ChartPoint> out, long gapMicros, List<GapFinder.Interval> gaps) {
            if (origin == Long.MIN_VALUE) return;
            int lastFilled = -1;
            for (int i = 0; i < CHART_POINTS; i++) if (count[i] > 0) lastFilled = i;
            for (int i = 0; i <= lastFilled; i++) {
                if (count[i] > 0) {
                    out.add(new TraceSummary.ChartPoint(device, micros(origin + i * width + width / 2), sum[i] / count[i]));
                    continue;
                }
                int end = i;
                while (count[end] == 0) end++; // the next filled bucket; lastFilled is one
                long from = origin + i * width, to = origin + end * width;
                if (to - from >= gapMicros || gaps.stream().anyMatch(g -> g.from() < to && g.to() > from))
                    out.add(new TraceSummary.ChartPoint(device, micros(from + (to - from) / 2), Double.NaN));
                i = end - 1;
            }
        }
    }
}
