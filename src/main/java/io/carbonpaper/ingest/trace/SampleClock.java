package io.carbonpaper.ingest.trace;

import java.util.HashSet;
import java.util.Set;

/**
 * Times for traces that print none ({@code nvidia-smi dmon} without {@code -o T},
 * {@code dcgmi dmon}): each round of rows, one per device, is one interval later than the one
 * before; a round ends when a device already seen in it appears again. Times count from the epoch,
 * so only the durations they give are meaningful; the reader says which interval it assumed.
 */
final class SampleClock {
    private final long intervalMicros;
    private final Set<String> round = new HashSet<>();
    private long rounds;

    SampleClock(long intervalMicros) { this.intervalMicros = intervalMicros; }

    /** The time of {@code device}'s next row. */
    long next(String device) {
        if (!round.add(device)) {
            round.clear();
            round.add(device);
            rounds++;
        }
        return rounds * intervalMicros;
    }
}
