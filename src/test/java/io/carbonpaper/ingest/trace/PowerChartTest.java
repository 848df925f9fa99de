package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The power-over-time series a trace hands to the report: a break in the line only where the trace has a gap. */
class PowerChartTest {
    private static final long S = 1_000_000;
    private static final long START = 1_700_000_000L * S;

    /** W&B samples every 15 s: over 30 minutes the chart's buckets are 8 s wide, so every other one is empty. */
    @Test void bucketsNarrowerThanTheSamplingIntervalDoNotBreakTheLine() {
        TraceIntegrator t = new TraceIntegrator("test");
        TraceIntegrator.Device d = t.device("0", "gpu");
        for (int i = 0; i <= 120; i++) t.power(d, START + i * 15 * S, 100 + i);
        List<TraceSummary.ChartPoint> chart = t.finish(Optional.empty(), Optional.empty()).chart();
        assertThat(chart).hasSizeGreaterThan(100);
        assertThat(chart).noneMatch(p -> Double.isNaN(p.watts()));
        assertThat(chart).isSortedAccordingTo((a, b) -> a.time().compareTo(b.time()));
    }

    /** A ten-minute hole in the same trace is a gap (over 5 x 15 s): one break, inside the hole. */
    @Test void aGapIsOneBreakWhereTheSamplesStop() {
        TraceIntegrator t = new TraceIntegrator("test");
        TraceIntegrator.Device d = t.device("0", "gpu");
        for (int i = 0; i <= 120; i++) if (i < 40 || i >= 80) t.power(d, START + i * 15 * S, 200);
        TraceSummary s = t.finish(Optional.empty(), Optional.empty());
        assertThat(s.gaps()).hasSize(1);
        List<TraceSummary.ChartPoint> breaks = s.chart().stream().filter(p -> Double.isNaN(p.watts())).toList();
        assertThat(breaks).hasSize(1);
        Instant at = breaks.get(0).time();
        assertThat(at).isAfter(Instant.ofEpochSecond(1_700_000_000L + 39 * 15)).isBefore(Instant.ofEpochSecond(1_700_000_000L + 80 * 15));
    }

    /** Samples every 0.5 s on 1 s buckets: every bucket is filled and there is nothing to join. */
    @Test void aDenseTraceIsOnePointPerBucket() {
        TraceIntegrator t = new TraceIntegrator("test");
        TraceIntegrator.Device d = t.device("0", "gpu");
        for (int i = 0; i < 200; i++) t.power(d, START + i * S / 2, 50);
        List<TraceSummary.ChartPoint> chart = t.finish(Optional.empty(), Optional.empty()).chart();
        assertThat(chart).hasSize(100).allMatch(p -> p.watts() == 50);
    }
}
