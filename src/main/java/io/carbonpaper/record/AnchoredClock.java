package io.carbonpaper.record;

import java.time.Instant;

/**
 * Wall time read once, then advanced by the monotonic {@link System#nanoTime()}: a clock change
 * during the recording (NTP step, daylight saving, an operator) cannot make samples jump or go back.
 * Over a long run it may drift from the wall clock by the oscillator's error (parts per million).
 */
public final class AnchoredClock {
    private final Instant anchor;
    private final long anchorNanos;
    private final long anchorMicros;

    private AnchoredClock(Instant anchor, long anchorNanos) {
        this.anchor = anchor;
        this.anchorNanos = anchorNanos;
        this.anchorMicros = Math.addExact(Math.multiplyExact(anchor.getEpochSecond(), 1_000_000L), anchor.getNano() / 1_000);
    }

    public static AnchoredClock start() {
        long n = System.nanoTime();
        return new AnchoredClock(Instant.now(), n);
    }

    /** For tests: a clock anchored at a given wall time. */
    static AnchoredClock anchoredAt(Instant anchor) { return new AnchoredClock(anchor, System.nanoTime()); }

    public Instant anchor() { return anchor; }

    /** Microseconds since the epoch, now. */
    public long micros() { return anchorMicros + (System.nanoTime() - anchorNanos) / 1_000; }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
