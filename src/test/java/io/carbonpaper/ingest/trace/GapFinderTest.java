package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.Gap;
import io.carbonpaper.model.TraceSummary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The streaming gap finder against a plain reference that keeps every interval: same gaps, same
 * energy, at any number of bursts (issue 16, item 4: a capped candidate list lost real gaps past
 * 100,000 and reported 306 kWh for a true 6.1).
 */
class GapFinderTest {
    private static final long S = 1_000_000L;

    /** A trace of bursts: a few samples about one period apart, then a pause; kept as plain arrays. */
    record Bursts(long[] micros, double[] watts) {
        static Bursts of(long seed, int bursts, long periodMicros, long maxPauseMicros) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 0;
            long[] t = new long[Math.max(16, bursts * 3)];
            double[] w = new double[t.length];
            long now = 1_000_000_000L * S; // 2001: room for 90 years of bursts before Plausible.LATEST (2100)
            for (int b = 0; b < bursts; b++) {
                int k = 2 + r.nextInt(4);
                for (int i = 0; i < k; i++) {
                    if (n == t.length) {
                        t = Arrays.copyOf(t, 2 * n);
                        w = Arrays.copyOf(w, 2 * n);
                    }
                    t[n] = now;
                    w[n] = 50 + 250 * r.nextDouble();
                    n++;
                    now += periodMicros - periodMicros / 20 + r.nextLong(periodMicros / 10 + 1);
                }
                now += r.nextLong(maxPauseMicros + 1);
            }
            return new Bursts(Arrays.copyOf(t, n), Arrays.copyOf(w, n));
        }
    }

    /** The reference: every interval in an array, the median by sorting, the gaps by the documented rule. */
    record Reference(double joules, long gaps) {
        static Reference of(Bursts b, double factor, boolean fill) {
            int m = b.micros().length - 1;
            long[] dts = new long[m];
            double total = 0;
            for (int i = 0; i < m; i++) {
                dts[i] = b.micros()[i + 1] - b.micros()[i];
                total += (b.watts()[i] + b.watts()[i + 1]) / 2 * dts[i] / 1e6;
            }
            long[] sorted = dts.clone();
            Arrays.sort(sorted);
            long medianDt = Math.min(sorted[(m + 1) / 2 - 1], 599_999_999L); // the histogram caps at 10 minutes
            long median = medianDt / 1_000 * 1_000 + 500;
            long threshold = (long) (factor * median);
            double gapJoules = 0;
            long gaps = 0;
            for (int i = 0; i < m; i++) {
                if (GapFinder.bucketFloor(dts[i]) > threshold) {
                    gaps++;
                    gapJoules += (b.watts()[i] + b.watts()[i + 1]) / 2 * dts[i] / 1e6;
                }
            }
            return new Reference(fill ? total : total - gapJoules, gaps);
        }
    }

    static TraceSummary integrate(Bursts b, double factor, boolean fill) {
        TraceIntegrator t = new TraceIntegrator("test", factor, fill);
        TraceIntegrator.Device d = t.device("0", "gpu");
        for (int i = 0; i < b.micros().length; i++) t.power(d, b.micros()[i], b.watts()[i]);
        return t.finish(Optional.empty(), Optional.empty());
    }

    static long gapCount(TraceSummary s) {
        return s.gaps().size() + s.missingByReason().getOrDefault(GapFinder.UNLISTED, 0L);
    }

    @Provide Arbitrary<Integer> bursts() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 2_000)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(2_000, 200_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(200_000, 1_000_000)));
    }

    @Provide Arbitrary<Long> periods() { return Arbitraries.of(100_000L, 1_000_000L, 1_999_000L, 15 * S, 200 * S); }

    @Property(tries = 15)
    void gapsAndEnergyMatchAPlainListAtAnyNumberOfBursts(@ForAll long seed, @ForAll("bursts") int bursts, @ForAll("periods") long period,
                                                         @ForAll @DoubleRange(min = 1.5, max = 10) double factor, @ForAll boolean fill) {
        // Pauses up to 40 periods, but the whole trace within 2001-2093: samples after 2100 are not plausible
        // (model/Plausible) and a million bursts of 200 s with 8,000 s pauses would span 150 years.
        long maxPause = Math.max(period, Math.min(40 * period, 2 * (2_900_000_000L * S / bursts - 11 * period / 2)));
        Bursts b = Bursts.of(seed, bursts, period, maxPause);
        Reference ref = Reference.of(b, factor, fill);
        TraceSummary s = integrate(b, factor, fill);
        assertThat(s.total().joules()).isCloseTo(ref.joules(), within(1e-9 * Math.max(1, Math.abs(ref.joules()))));
        assertThat(gapCount(s)).isEqualTo(ref.gaps());
        assertThat(s.gaps().size()).isLessThanOrEqualTo(GapFinder.LISTED);
    }

    @Test void aMillionBurstsLoseNoGap() {
        Bursts b = Bursts.of(16, 1_000_000, S, 60 * S);
        Reference ref = Reference.of(b, 5, false);
        TraceSummary s = integrate(b, 5, false);
        assertThat(ref.gaps()).isGreaterThan(800_000);
        assertThat(gapCount(s)).isEqualTo(ref.gaps());
        assertThat(s.total().joules()).isCloseTo(ref.joules(), within(1e-9 * ref.joules()));
    }

    /** The case: 110,000 bursts of a steady 200 W, each 10 s of samples and a pause of 60 to 120 s. */
    @Test void a110000BurstTraceIsNotFiftyTimesTooHigh() {
        TraceIntegrator t = new TraceIntegrator("test");
        TraceIntegrator.Device d = t.device("0", "gpu");
        long now = 0;
        SplittableRandom r = new SplittableRandom(4);
        for (int b = 0; b < 110_000; b++) {
            for (int i = 0; i <= 10; i++) t.power(d, 1_700_000_000L * S + now + i * S, 200);
            now += 10 * S + 60 * S + r.nextLong(60 * S);
        }
        TraceSummary s = t.finish(Optional.empty(), Optional.empty());
        // 110,000 bursts of 10 s at 200 W: 2,000 J each, 220 MJ, 61.1 kWh; the pauses are gaps.
        assertThat(s.total().kilowattHours()).isCloseTo(61.11, within(0.01));
        assertThat(gapCount(s)).isEqualTo(109_999);
    }

    @Test void theListedGapsAreTheLongestInTimeOrderAndTheRestAreCounted() {
        TraceIntegrator t = new TraceIntegrator("test");
        TraceIntegrator.Device d = t.device("0", "gpu");
        long now = 0;
        for (int b = 0; b < 3_000; b++) {
            for (int i = 0; i <= 5; i++) t.power(d, 1_700_000_000L * S + now + i * S, 100);
            now += 5 * S + (100 + b) * S; // each pause one second longer than the one before
        }
        TraceSummary s = t.finish(Optional.empty(), Optional.empty());
        assertThat(s.gaps()).hasSize(GapFinder.LISTED);
        assertThat(s.missingByReason()).containsEntry(GapFinder.UNLISTED, 2_999L - GapFinder.LISTED);
        assertThat(s.gaps()).extracting(Gap::seconds).isSorted().first().isEqualTo(100.0 + 2_999 - GapFinder.LISTED);
        assertThat(s.gaps().get(GapFinder.LISTED - 1).seconds()).isEqualTo(100.0 + 2_998);
    }

    @Test void intervalsBeyondTenMinutesAndSevenDaysAreJudgedToo() {
        TraceIntegrator t = new TraceIntegrator("test");
        long base = 1_700_000_000L * S;
        // Sampled every 5 minutes, with one pause of an hour and one of 30 days.
        long now = base;
        for (int i = 0; i < 20; i++) t.power("0", "gpu", now += 300 * S, 100);
        t.power("0", "gpu", now += 3_600 * S, 100);
        for (int i = 0; i < 20; i++) t.power("0", "gpu", now += 300 * S, 100);
        t.power("0", "gpu", now += 30L * 86_400 * S, 100);
        TraceSummary s = t.finish(Optional.empty(), Optional.empty());
        assertThat(s.gaps()).extracting(Gap::seconds).containsExactly(3_600.0, 30.0 * 86_400);
        assertThat(s.total().joules()).isCloseTo(39 * 300 * 100.0, within(1e-6));
    }
}
