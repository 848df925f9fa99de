package io.carbonpaper.ingest.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds one device's gaps exactly, in memory that does not grow with the number of samples: the
 * threshold (a multiple of the median interval) is known only at the end, so every interval is kept
 * as a count and an energy in the bucket of its length, and {@link #found} sums the buckets above the
 * threshold. Nothing is dropped, whatever the number of intervals or of gaps.
 *
 * <p>Buckets are {@value #FINE_MICROS} µs wide up to 10 minutes, 1 s wide from there up to 7 days,
 * and one bucket beyond; only the buckets an interval fell in are stored (a steady trace uses a few
 * dozen), so 20,000 devices cost little. An interval is a gap when its whole bucket lies above the
 * threshold, that is when it exceeds the threshold by at least the bucket's width (1 ms for any
 * threshold under 10 minutes): the rule is the same however many intervals there are, and
 * {@code GapFinderTest} checks it against a plain list.
 *
 * <p>Up to {@value #LISTED} of the longest intervals that may be gaps (longer than the gap factor
 * times the shortest interval seen until then) are kept with their times, so that the gaps among them
 * can be listed; other gaps are counted ({@link Found#unlisted}) and their energy is handled like
 * the listed ones'. Not thread-safe: one per device.
 */
final class GapFinder {
    /** How many gaps of one device are listed one by one (the longest; the others are counted). */
    static final int LISTED = 1_000;
    /** The reason counted, in a trace's skipped-samples table, for the gaps beyond the listed ones. */
    static final String UNLISTED = "gaps beyond the " + String.format(java.util.Locale.ROOT, "%,d", LISTED)
            + " longest of a device, not listed one by one (their energy is left out all the same)";

    static final long FINE_MICROS = 1_000;
    private static final int FINE = 600_000; // up to 10 minutes
    private static final long COARSE_MICROS = 1_000_000;
    private static final long COARSE_FROM = FINE * FINE_MICROS;
    private static final int COARSE = 7 * 24 * 3600; // up to 7 days beyond the fine buckets
    private static final long OVERFLOW_FROM = COARSE_FROM + COARSE * COARSE_MICROS;

    /** An interval between two samples: its times, its length and its trapezoid energy. */
    record Interval(long from, long to, long micros, double joules) {}

    /**
     * The gaps at one threshold.
     *
     * @param count    how many intervals are gaps
     * @param joules   their energy (trapezoid), to be left out or flagged
     * @param listed   the longest of them (at most {@value #LISTED}), in time order
     * @param unlisted {@code count - listed.size()}
     */
    record Found(long count, double joules, long micros, List<Interval> listed, long unlisted) {}

    private final double factor;
    /** Open addressing, bucket number to count and energy; grown at half load, so bounded by the number of buckets. */
    private int[] keys = new int[8];
    private long[] counts = new long[8];
    private double[] energies = new double[8];
    private long[] lengths = new long[8];
    private int used;
    private long shortest = Long.MAX_VALUE;
    /** The longest candidates so far; its head is the shortest (the latest among equals). */
    private PriorityQueue<Interval> longest;

    private static final Comparator<Interval> SHORTEST_FIRST =
            Comparator.comparingLong(Interval::micros).thenComparing(Interval::from, Comparator.reverseOrder());

    /** A finder for a device whose gaps will be judged at {@code factor} times its median interval ({@code factor > 1}). */
    GapFinder(double factor) {
        this.factor = factor;
        Arrays.fill(keys, -1);
    }

    /** One interval of {@code micros > 0}, from {@code from} to {@code to}, with its energy. */
    void add(long from, long to, long micros, double joules) {
        int slot = slot(bucket(micros));
        counts[slot]++;
        energies[slot] += joules;
        lengths[slot] += micros;
        shortest = Math.min(shortest, micros);
        // Not a gap, whatever the median turns out to be: the median is at least the floor of the
        // shortest interval's bucket (capped as TraceIntegrator's histogram caps it).
        if (micros <= factor * Math.min(bucketFloor(shortest), COARSE_FROM - FINE_MICROS) - 1) return;
        if (longest == null) longest = new PriorityQueue<>(16, SHORTEST_FIRST);
        if (longest.size() < LISTED) longest.add(new Interval(from, to, micros, joules));
        else if (micros > longest.peek().micros()) { // an equal one later in time does not displace an earlier one
            longest.poll();
            longest.add(new Interval(from, to, micros, joules));
        }
    }

    private static int bucket(long micros) {
        if (micros < COARSE_FROM) return (int) (micros / FINE_MICROS);
        if (micros < OVERFLOW_FROM) return FINE + (int) ((micros - COARSE_FROM) / COARSE_MICROS);
        return FINE + COARSE;
    }

    private static long floorOf(int bucket) {
        if (bucket < FINE) return bucket * FINE_MICROS;
        if (bucket < FINE + COARSE) return COARSE_FROM + (bucket - FINE) * COARSE_MICROS;
        return OVERFLOW_FROM;
    }

    private int slot(int key) {
        int mask = keys.length - 1;
        int i = (key * 0x9E3779B9) >>> 7 & mask;
        while (keys[i] != key) {
            if (keys[i] == -1) {
                if (2 * (used + 1) > keys.length) {
                    grow();
                    return slot(key);
                }
                keys[i] = key;
                used++;
                return i;
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        int[] k = keys;
        long[] c = counts;
        double[] e = energies;
        long[] l = lengths;
        keys = new int[2 * k.length];
        Arrays.fill(keys, -1);
        counts = new long[keys.length];
        energies = new double[keys.length];
        lengths = new long[keys.length];
        used = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] == -1) continue;
            int s = slot(k[i]);
            counts[s] = c[i];
            energies[s] = e[i];
            lengths[s] = l[i];
        }
    }

    /** The lower end of the bucket an interval of this length falls in. */
    static long bucketFloor(long micros) { return floorOf(bucket(micros)); }

    /** Whether an interval of this length is a gap at {@code thresholdMicros}: its whole bucket lies above it. */
    static boolean isGap(long micros, long thresholdMicros) { return bucketFloor(micros) > thresholdMicros; }

    /** The gaps at {@code thresholdMicros}: every interval whose whole bucket lies above it. */
    Found found(long thresholdMicros) {
        int[] above = new int[used];
        int n = 0;
        for (int i = 0; i < keys.length; i++) if (keys[i] != -1 && floorOf(keys[i]) > thresholdMicros) above[n++] = i;
        // Summed in the order of the buckets, so that the same intervals give the same bits in any order.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = above[i];
        Arrays.sort(order, Comparator.comparingInt(i -> keys[i]));
        long count = 0, micros = 0;
        double joules = 0;
        for (int i : order) {
            count += counts[i];
            joules += energies[i];
            micros += lengths[i];
        }
        List<Interval> listed = new ArrayList<>();
        if (longest != null) for (Interval iv : longest) if (isGap(iv.micros(), thresholdMicros)) listed.add(iv);
        listed.sort(Comparator.comparingLong(Interval::from));
        return new Found(count, joules, micros, List.copyOf(listed), count - listed.size());
    }
}
