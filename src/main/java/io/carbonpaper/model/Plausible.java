package io.carbonpaper.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The bounds beyond which a value read from the logs is taken for a misreading (a corrupt field,
 * a wrong unit, a hostile file) and not used, in one place, with the messages that say so.
 * Every check is total: it accepts any double or long (NaN, infinities, the extremes) and answers
 * with a message, never an exception, so a reader can report the value at its line and go on.
 *
 * <p>The bounds are generous on purpose: they are there so that arithmetic on times and
 * quantities never overflows and no report prints a number nobody could have measured, not to
 * second-guess a plausible run.
 */
public final class Plausible {
    private Plausible() {}

    /**
     * The earliest instant a log may carry: the Unix epoch. Traces that print no time
     * ({@code nvidia-smi dmon} without {@code -o T}, {@code dcgmi dmon}) count from it.
     */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest instant a log may carry: 2100-01-01T00:00:00Z. */
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** {@link #EARLIEST} and {@link #LATEST} in microseconds since the epoch, the unit of the trace readers. */
    public static final long EARLIEST_MICROS = 0, LATEST_MICROS = LATEST.getEpochSecond() * 1_000_000L;

    /** The data-quality reason under which samples at an implausible time are counted. */
    public static final String OUTSIDE_TIME = "time outside 1970-2100";

    /**
     * Wall-clock hours of one run: 100,000,000 (about 11,000 years), the bound experiment.yaml
     * always had. Durations up to {@link #LATEST} minus {@link #EARLIEST} (1.1 million hours) fit.
     */
    public static final double MAX_HOURS = 1e8;

    /**
     * Power above which one GPU's reading is taken for a misreading (a milliwatt value in a watt
     * column, a corrupt field, a server's wrong answer): twice the largest board power in
     * catalog/accelerators.csv (NVIDIA B200, 1,000 W), leaving room for short excursions above it.
     * The bound of every source: trace files, and a Prometheus server's answer.
     */
    public static final double MAX_GPU_WATTS = 2_000;

    /** Accelerators in one run, or servers: a million, the bound experiment.yaml always had. */
    public static final int MAX_DEVICES = 1_000_000;

    /** A server's life for amortising its price: from a month to a century. */
    public static final double MIN_LIFETIME_YEARS = 1.0 / 12, MAX_LIFETIME_YEARS = 100;

    /** Why {@code t} cannot be a time a log was written, or null when it can. */
    public static String instant(Instant t) {
        if (t == null || !t.isBefore(EARLIEST) && t.isBefore(LATEST)) return null;
        return "time " + t + " is outside " + EARLIEST.toString().substring(0, 4) + "-" + LATEST.toString().substring(0, 4)
                + " (a misread timestamp or a wrong unit?); not used";
    }

    /** As {@link #instant(Instant)}, for microseconds since the epoch. */
    public static String micros(long micros) {
        if (micros >= EARLIEST_MICROS && micros < LATEST_MICROS) return null;
        return instant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
    }

    /** As {@link #instant(Instant)}, for milliseconds since the epoch. */
    public static String millis(long millis) {
        return instant(Instant.ofEpochSecond(Math.floorDiv(millis, 1_000L), Math.floorMod(millis, 1_000L) * 1_000_000L));
    }

    /**
     * As {@link #instant(Instant)}, for a number of seconds since the epoch (Prometheus, W&B):
     * any double, NaN and infinities included.
     */
    public static String epochSeconds(double seconds) {
        if (seconds >= EARLIEST.getEpochSecond() && seconds < LATEST.getEpochSecond()) return null;
        return "time " + plain(seconds) + " s since 1970 is outside " + EARLIEST.toString().substring(0, 4) + "-"
                + LATEST.toString().substring(0, 4) + " (a misread timestamp or a wrong unit?); not used";
    }

    /** Whether {@code seconds} since the epoch is a time {@link #epochSeconds} accepts. */
    public static boolean isEpochSeconds(double seconds) { return epochSeconds(seconds) == null; }

    /**
     * Why {@code hours} cannot be the wall-clock time of one run, or null when it can:
     * negative, not finite, or above {@link #MAX_HOURS}.
     *
     * @param what what the value is, as the message names it ({@code 'train_runtime'})
     */
    public static String hours(String what, double hours) {
        if (hours >= 0 && hours <= MAX_HOURS) return null;
        return what + " must be between 0 and " + plain(MAX_HOURS) + " hours, found " + plain(hours) + " hours; not used";
    }

    /** As {@link #hours}, for a number of seconds. */
    public static String seconds(String what, double seconds) {
        if (seconds >= 0 && seconds <= MAX_HOURS * 3600) return null;
        return what + " must be between 0 and " + plain(MAX_HOURS * 3600) + " seconds, found " + plain(seconds) + "; not used";
    }

    /** A number as a person writes it: no exponent below 1e21, NaN and infinities by name. */
    public static String plain(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (Math.abs(v) >= 1e21) return Double.toString(v);
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
