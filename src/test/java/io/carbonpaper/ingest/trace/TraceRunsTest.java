package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.TraceRuns;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TraceRunsTest {
    private static final long HOUR = 3_600_000_000L;

    /** A trace of {@code gpus} devices sampled every minute from hour {@code from} to hour {@code to}. */
    static TraceSummary trace(Optional<String> host, int gpus, long from, long to) {
        TraceIntegrator in = new TraceIntegrator("nvidia-smi-csv");
        for (long t = from * HOUR; t <= to * HOUR; t += 60_000_000L) {
            for (int g = 0; g < gpus; g++) in.power(Integer.toString(g), "gpu", t, 100);
        }
        return in.finish(host, Optional.of("NVIDIA A100-SXM4-80GB"));
    }

    @Test void daysOfOneNodeThatFollowEachOtherAreOneRunOnTheSameDevices() {
        TraceSummary day1 = trace(Optional.empty(), 4, 0, 24), day2 = trace(Optional.empty(), 4, 24, 48);
        assertThat(TraceRuns.acceleratorCount(List.of(day2, day1))).isEqualTo(4);
    }

    @Test void tracesThatOverlapInTimeAddTheirDevices() {
        assertThat(TraceRuns.acceleratorCount(List.of(trace(Optional.empty(), 4, 0, 24), trace(Optional.empty(), 4, 12, 36))))
                .isEqualTo(8);
    }

    @Test void differentHostsAddTheirDevicesEvenOneAfterTheOther() {
        assertThat(TraceRuns.acceleratorCount(List.of(trace(Optional.of("node1"), 4, 0, 1), trace(Optional.of("node2"), 4, 2, 3))))
                .isEqualTo(8);
    }

    @Test void twoNodesEachLoggingTwoDaysCountEightDevices() {
        List<TraceSummary> t = List.of(trace(Optional.of("a"), 4, 0, 24), trace(Optional.of("b"), 4, 0, 24),
                trace(Optional.of("a"), 4, 24, 48), trace(Optional.of("b"), 4, 24, 48));
        assertThat(TraceRuns.acceleratorCount(t)).isEqualTo(8);
    }

    @Test void aRunCountsItsLargestFile() {
        assertThat(TraceRuns.acceleratorCount(List.of(trace(Optional.empty(), 2, 0, 1), trace(Optional.empty(), 4, 1, 2))))
                .isEqualTo(4);
    }
}
