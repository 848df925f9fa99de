package io.carbonpaper.report;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Runs' hours, one value a run, kept as a count per distinct value (issue 20): the shortest, the
 * longest and the exact median of a folded history without a value a run in memory. A cluster's
 * accounting gives run times in whole seconds, so a history of a million jobs has at most as many
 * distinct hours as there are seconds in its longest job (a 48-hour limit: 172,800); memory grows
 * with those, 12 bytes each at most twice over, not with the jobs. Past {@value #DISTINCT_MAX}
 * distinct values (some 24 MB) the counts are dropped and only the shortest, the longest and the
 * count are kept: {@link #median()} is then empty, never approximate.
 *
 * <p>The median is the one a sorted array of every value gives: the middle value, or the mean of
 * the two middle ones ({@code (a + b) / 2}, the same double arithmetic).
 */
public final class RunHours {
    /** Distinct values counted at most; past it the median is not known. */
    static final int DISTINCT_MAX = 1 << 20;

    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    /** Open addressing: the value's bits, and how many runs had it (0: a free slot). Null once past the limit. */
    private long[] bits = new long[1024];
    private int[] counts = new int[1024];
    private int distinct;

    /** Adds one run's hours (finite). */
    public void add(double hours) {
        if (!Double.isFinite(hours)) throw new IllegalArgumentException("hours not finite: " + hours);
        count++;
        if (hours < min) min = hours;
        if (hours > max) max = hours;
        if (bits == null) return;
        long b = Double.doubleToLongBits(hours + 0.0); // -0.0 counts as 0.0, as a sorted array has them side by side
        int mask = bits.length - 1;
        int i = slot(b, mask);
        while (counts[i] != 0 && bits[i] != b) i = (i + 1) & mask;
        if (counts[i] != 0) {
            if (counts[i] == Integer.MAX_VALUE) { // a fold counts at most Integer.MAX_VALUE runs anyway
                drop();
                return;
            }
            counts[i]++;
            return;
        }
        if (distinct == DISTINCT_MAX) {
            drop();
            return;
        }
        bits[i] = b;
        counts[i] = 1;
        if (++distinct * 4 > bits.length * 3) grow();
    }

    /** Adds every run of {@code other}. */
    public void addAll(RunHours other) {
        if (other.count == 0) return;
        if (other.bits == null) {
            count += other.count;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            drop();
            return;
        }
        for (int i = 0; i < other.bits.length; i++) {
            for (int n = 0; n < other.counts[i]; n++) add(Double.longBitsToDouble(other.bits[i]));
        }
    }

    /** How many runs were added. */
    public long count() { return count; }

    /** The shortest run's hours; only with {@link #count()} above 0. */
    public double min() { return min; }

    /** The longest run's hours; only with {@link #count()} above 0. */
    public double max() { return max; }

    /** The exact median, or empty with no run or past {@value #DISTINCT_MAX} distinct values. */
    public OptionalDouble median() {
        if (count == 0 || bits == null) return OptionalDouble.empty();
        double[] values = new double[distinct];
        int n = 0;
        for (int i = 0; i < bits.length; i++) if (counts[i] != 0) values[n++] = Double.longBitsToDouble(bits[i]);
        Arrays.sort(values);
        long lower = (count - 1) / 2, upper = count / 2; // 0-based ranks of the middle value(s)
        double a = Double.NaN, b = Double.NaN;
        long seen = 0;
        for (double v : values) {
            seen += counts[find(Double.doubleToLongBits(v))];
            if (Double.isNaN(a) && lower < seen) a = v;
            if (upper < seen) {
                b = v;
                break;
            }
        }
        return OptionalDouble.of(lower == upper ? a : (a + b) / 2);
    }

    private int find(long b) {
        int mask = bits.length - 1;
        int i = slot(b, mask);
        while (bits[i] != b || counts[i] == 0) i = (i + 1) & mask;
        return i;
    }

    private static int slot(long b, int mask) {
        long h = b * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldBits = bits;
        int[] oldCounts = counts;
        bits = new long[oldBits.length * 2];
        counts = new int[oldBits.length * 2];
        int mask = bits.length - 1;
        for (int j = 0; j < oldBits.length; j++) {
            if (oldCounts[j] == 0) continue;
            int i = slot(oldBits[j], mask);
            while (counts[i] != 0) i = (i + 1) & mask;
            bits[i] = oldBits[j];
            counts[i] = oldCounts[j];
        }
    }

    private void drop() {
        bits = null;
        counts = null;
        distinct = 0;
    }
}
