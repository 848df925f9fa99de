package io.carbonpaper.report;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the shortest, median and longest run of a folded history, counted by value, are
 * exactly what a sorted array of every run's hours gives.
 */
class RunHoursTest {
    /** Whole seconds in hours (as sacct gives them, many runs alike), and any hours (as traces give them). */
    @Provide Arbitrary<List<Double>> hours() {
        Arbitrary<Double> seconds = Arbitraries.integers().between(0, 200_000).map(s -> s / 3600.0);
        Arbitrary<Double> few = Arbitraries.integers().between(1, 5).map(s -> s * 3600 / 3600.0);
        Arbitrary<Double> any = Arbitraries.doubles().between(0, 1e6);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, seconds), net.jqwik.api.Tuple.of(3, few), net.jqwik.api.Tuple.of(2, any))
                .list().ofMinSize(1).ofMaxSize(3000);
    }

    @Property void agreesWithASortedArray(@ForAll("hours") List<Double> values) {
        RunHours r = new RunHours();
        for (double v : values) r.add(v);
        double[] h = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = h.length % 2 == 1 ? h[h.length / 2] : (h[h.length / 2 - 1] + h[h.length / 2]) / 2;
        assertThat(r.count()).isEqualTo(h.length);
        assertThat(r.min()).isEqualTo(h[0]);
        assertThat(r.max()).isEqualTo(h[h.length - 1]);
        assertThat(r.median().getAsDouble()).isEqualTo(median);
    }

    @Property void addingAllIsAddingEach(@ForAll("hours") List<Double> a, @ForAll("hours") List<Double> b) {
        RunHours one = new RunHours(), other = new RunHours(), each = new RunHours();
        for (double v : a) {
            one.add(v);
            each.add(v);
        }
        for (double v : b) {
            other.add(v);
            each.add(v);
        }
        one.addAll(other);
        assertThat(one.count()).isEqualTo(each.count());
        assertThat(one.min()).isEqualTo(each.min());
        assertThat(one.max()).isEqualTo(each.max());
        assertThat(one.median()).isEqualTo(each.median());
    }

    @Test void aMillionJobsOfWholeSecondsKeepOnlyTheirDistinctTimes() {
        RunHours r = new RunHours();
        java.util.Random rnd = new java.util.Random(7);
        int[] seconds = new int[1_000_000];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = 60 + rnd.nextInt(48 * 3600);
            r.add(seconds[i] / 3600.0);
        }
        Arrays.sort(seconds);
        assertThat(r.median().getAsDouble()).isEqualTo((seconds[499_999] / 3600.0 + seconds[500_000] / 3600.0) / 2);
        assertThat(r.min()).isEqualTo(seconds[0] / 3600.0);
        assertThat(r.max()).isEqualTo(seconds[999_999] / 3600.0);
    }

    @Test void pastTheLimitOfDistinctValuesTheMedianIsNotGivenButTheRangeIs() {
        RunHours r = new RunHours();
        for (int i = 0; i <= RunHours.DISTINCT_MAX; i++) r.add(i * 1e-3);
        assertThat(r.count()).isEqualTo(RunHours.DISTINCT_MAX + 1L);
        assertThat(r.median()).isEmpty();
        assertThat(r.min()).isZero();
        assertThat(r.max()).isEqualTo(RunHours.DISTINCT_MAX * 1e-3);
        r.add(5);
        assertThat(r.median()).isEmpty();
        assertThat(r.count()).isEqualTo(RunHours.DISTINCT_MAX + 2L);
    }

    @Test void noRunNoMedian() {
        assertThat(new RunHours().median()).isEmpty();
        assertThat(new RunHours().count()).isZero();
    }
}
