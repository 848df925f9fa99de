package io.carbonpaper.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How many accelerators the traces of one experiment stand for. Files of one host that follow each
 * other in time ({@code gpu-day1.csv}, {@code gpu-day2.csv.gz}) are one longer run on the same
 * devices; files that overlap in time, or name different hosts, add devices (one trace per node of
 * a multi-node run).
 *
 * <p>The traces are laid in runs: in order of their first sample, each joins a run of the same host
 * (or both without one) that ended by the time it starts (the latest such, so that runs stay few),
 * else starts a run of its own. A run counts the most devices any of its traces has; the runs add
 * up.
 */
public final class TraceRuns {
    private TraceRuns() {}

    /** The accelerators ({@code gpu} devices) of {@code traces}, counted as above; 0 for none. */
    public static long acceleratorCount(List<TraceSummary> traces) {
        List<TraceSummary> byStart = new ArrayList<>(traces);
        byStart.sort(Comparator.comparing(TraceSummary::first)); // stable: file order among equals
        List<Run> runs = new ArrayList<>();
        for (TraceSummary t : byStart) {
            Run best = null;
            for (Run r : runs) {
                if (r.host.equals(t.host()) && !r.end.isAfter(t.first()) && (best == null || r.end.isAfter(best.end))) best = r;
            }
            if (best == null) {
                best = new Run(t.host());
                runs.add(best);
            }
            best.end = t.last();
            best.devices = Math.max(best.devices, t.acceleratorCount());
        }
        return runs.stream().mapToLong(r -> r.devices).sum();
    }

    private static final class Run {
        final Optional<String> host;
        Instant end = Instant.MIN;
        long devices;

        Run(Optional<String> host) { this.host = host; }
    }
}
