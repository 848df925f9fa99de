package io.carbonpaper.model;

import io.carbonpaper.unit.Energy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A power trace reduced to what the report needs: energy per device, the span covered, and the
 * data-quality facts behind the numbers. Produced by streaming readers; holds no raw samples
 * beyond the bounded {@code chart} series.
 *
 * @param format         the reader that produced it ({@code nvidia-smi-csv}, ...)
 * @param host           the host the trace came from, where the trace says
 * @param deviceName     the accelerator model named in the trace (for catalog matching), if any
 * @param devices        one entry per device, in device order
 * @param samplesUsed    samples that entered an integral
 * @param missingByReason samples skipped, by reason ({@code [N/A]}, {@code duplicate}, ...)
 * @param gaps           gaps longer than the threshold; not bridged
 * @param sharedDevice   true when the recorder saw other processes on the job's devices
 * @param queries        for traces a server computed ({@code prometheus}), the query text behind the
 *                       figures, so a reader of the report can rerun it; empty for traces read from files
 * @param zonelessAsUtc  whether times written without a zone were read as UTC (the settings name no
 *                       {@code timezone}): the trace is then placed in time only as well as that guess
 */
public record TraceSummary(
        String format,
        Optional<String> host,
        Optional<String> deviceName,
        List<DeviceEnergy> devices,
        Instant first,
        Instant last,
        long samplesUsed,
        Map<String, Long> missingByReason,
        List<Gap> gaps,
        boolean sharedDevice,
        List<ChartPoint> chart,
        List<String> queries,
        boolean zonelessAsUtc) implements Finding {

    public TraceSummary {
        queries = List.copyOf(queries);
    }

    /** A trace whose times all state their zone, or were placed by the settings' zone. */
    public TraceSummary(String format, Optional<String> host, Optional<String> deviceName, List<DeviceEnergy> devices,
                        Instant first, Instant last, long samplesUsed, Map<String, Long> missingByReason, List<Gap> gaps,
                        boolean sharedDevice, List<ChartPoint> chart, List<String> queries) {
        this(format, host, deviceName, devices, first, last, samplesUsed, missingByReason, gaps, sharedDevice, chart, queries, false);
    }

    /** A trace read from a file: no queries behind it. */
    public TraceSummary(String format, Optional<String> host, Optional<String> deviceName, List<DeviceEnergy> devices,
                        Instant first, Instant last, long samplesUsed, Map<String, Long> missingByReason, List<Gap> gaps,
                        boolean sharedDevice, List<ChartPoint> chart) {
        this(format, host, deviceName, devices, first, last, samplesUsed, missingByReason, gaps, sharedDevice, chart, List.of());
    }

    public Energy total() {
        Energy e = Energy.ZERO;
        for (DeviceEnergy d : devices) e = e.plus(d.energy());
        return e;
    }

    /**
     * The time the traces cover together, from the earliest first sample to the latest last one
     * (several hosts of one run overlap); empty for no traces.
     */
    public static java.util.Optional<io.carbonpaper.unit.Hours> span(List<TraceSummary> traces) {
        if (traces.isEmpty()) return java.util.Optional.empty();
        Instant first = traces.get(0).first(), last = traces.get(0).last();
        for (TraceSummary t : traces) {
            if (t.first().isBefore(first)) first = t.first();
            if (t.last().isAfter(last)) last = t.last();
        }
        return java.util.Optional.of(io.carbonpaper.unit.Hours.of(java.time.Duration.between(first, last)));
    }

    /** Accelerators in the trace (devices of kind {@code gpu}). */
    public long acceleratorCount() { return devices.stream().filter(d -> d.kind().equals("gpu")).count(); }

    /** One down-sampled point of a device's power-over-time chart; {@code watts} NaN marks a gap. */
    public record ChartPoint(String device, Instant time, double watts) {}
}
