package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.TraceSummary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TraceIntegratorTest {
    private static final long S = 1_000_000L;

    private static TraceSummary finish(TraceIntegrator t) { return t.finish(Optional.empty(), Optional.empty()); }

    @Test void trapezoidPerDevice() {
        TraceIntegrator t = new TraceIntegrator("test");
        t.power("0", "gpu", 0, 100);
        t.power("0", "gpu", 2 * S, 300);
        t.power("1", "gpu", 0, 50);
        t.power("1", "gpu", 2 * S, 50);
        TraceSummary s = finish(t);
        assertThat(s.devices()).extracting(d -> d.energy().joules()).containsExactly(400.0, 100.0);
        assertThat(s.samplesUsed()).isEqualTo(4);
    }

    @Test void gapsLongerThanFiveMediansAreNotBridgedAndAreListed() {
        TraceIntegrator t = new TraceIntegrator("test");
        for (int i = 0; i <= 10; i++) t.power("0", "gpu", i * S, 100);
        for (int i = 0; i <= 10; i++) t.power("0", "gpu", (100 + i) * S, 100);
        TraceSummary s = finish(t);
        assertThat(s.gaps()).hasSize(1);
        assertThat(s.gaps().get(0).seconds()).isEqualTo(90.0);
        assertThat(s.total().joules()).isCloseTo(2000.0, within(1e-9));
        assertThat(s.devices().get(0).uncoveredSeconds()).isEqualTo(90.0); // what the energy leaves out of the 110 s span
    }

    @Test void theTimeLeftOutIsTheSumOfTheGapsAndNoneWhenTheyAreBridged() {
        TraceIntegrator t = new TraceIntegrator("test");
        long at = 0;
        for (int gap = 0; gap < 3; gap++) { // runs of 1-s samples, then gaps of 21.25 s, 31.25 s and (the last) 40.25 s
            for (int i = 0; i <= 10; i++) t.power("0", "gpu", at += S, 100);
            at += (10 + 10L * (gap + 1)) * S + S / 4;
        }
        t.power("0", "gpu", at, 100);
        assertThat(finish(t).devices().get(0).uncoveredSeconds()).isEqualTo(21.25 + 31.25 + 40.25, within(1e-9));

        TraceIntegrator bridged = new TraceIntegrator("test", 5.0, true);
        for (int i = 0; i <= 10; i++) bridged.power("0", "gpu", i * S, 100);
        bridged.power("0", "gpu", 100 * S, 100);
        assertThat(finish(bridged).devices().get(0).uncoveredSeconds()).isZero();
    }

    @Test void anIntervalOfFourMediansIsNotAGap() {
        TraceIntegrator t = new TraceIntegrator("test");
        for (int i = 0; i <= 10; i++) t.power("0", "gpu", i * S, 100);
        t.power("0", "gpu", 14 * S, 100);
        TraceSummary s = finish(t);
        assertThat(s.gaps()).isEmpty();
        assertThat(s.total().joules()).isCloseTo(1400.0, within(1e-9));
    }

    @Test void gapFillingBridgesAndFlags() {
        TraceIntegrator t = new TraceIntegrator("test", 5.0, true);
        for (int i = 0; i <= 10; i++) t.power("0", "gpu", i * S, 100);
        t.power("0", "gpu", 100 * S, 100);
        TraceSummary s = finish(t);
        assertThat(s.gaps()).hasSize(1);
        assertThat(s.total().joules()).isCloseTo(10_000.0, within(1e-9));
        assertThat(s.missingByReason()).containsKey("gaps bridged at the neighbours' mean (flagged)");
    }

    @Test void theCounterWinsOverPower() {
        TraceIntegrator t = new TraceIntegrator("test");
        t.power("0", "gpu", 0, 100);
        t.power("0", "gpu", 10 * S, 100);
        t.energyCounter("0", "gpu", 0, 5_000);
        t.energyCounter("0", "gpu", 10 * S, 5_900);
        DeviceEnergy d = finish(t).devices().get(0);
        assertThat(d.method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(d.energy().joules()).isEqualTo(900.0);
    }

    @Test void aCounterGoingBackwardsIsAResetAndThatIntervalIsSkipped() {
        TraceIntegrator t = new TraceIntegrator("test");
        t.energyCounter("0", "gpu", 0, 1_000);
        t.energyCounter("0", "gpu", S, 1_100);
        t.energyCounter("0", "gpu", 2 * S, 10);
        t.energyCounter("0", "gpu", 3 * S, 110);
        TraceSummary s = finish(t);
        assertThat(s.total().joules()).isEqualTo(200.0);
        assertThat(s.missingByReason()).containsEntry("energy counter reset", 1L);
    }

    @Test void duplicatesAndBackwardsTimeAreSkippedAndCounted() {
        TraceIntegrator t = new TraceIntegrator("test");
        t.power("0", "gpu", 0, 100);
        t.power("0", "gpu", 0, 900);
        t.power("0", "gpu", S, 100);
        t.power("0", "gpu", S / 2, 900);
        t.power("0", "gpu", 2 * S, 100);
        TraceSummary s = finish(t);
        assertThat(s.total().joules()).isEqualTo(200.0);
        assertThat(s.missingByReason()).containsEntry("duplicate timestamp", 1L).containsEntry("time went backwards", 1L);
    }

    @Test void negativeAndNanPowerAreCountedNotUsed() {
        TraceIntegrator t = new TraceIntegrator("test");
        t.power("0", "gpu", 0, 100);
        t.power("0", "gpu", S, -5);
        t.power("0", "gpu", S, Double.NaN);
        t.power("0", "gpu", 2 * S, 100);
        TraceSummary s = finish(t);
        assertThat(s.total().joules()).isEqualTo(200.0);
        assertThat(s.missingByReason()).containsEntry("negative or infinite power", 1L).containsEntry("not a number", 1L);
    }

    @Test void aGapFactorOfOneOrLessIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TraceIntegrator("test", 1.0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gapFactor");
    }

    // ---- properties

    record Sample(long micros, double watts) {}

    /** Traces without gaps: intervals of 1 to 3 s, so no interval reaches five medians. */
    @Provide Arbitrary<List<Sample>> traces() {
        Arbitrary<Long> dt = Arbitraries.longs().between(S, 3 * S);
        Arbitrary<Double> w = Arbitraries.doubles().between(0, 700);
        return Combinators.combine(dt, w).as((d, x) -> new long[] {d, Double.doubleToLongBits(x)}).list().ofMinSize(2).ofMaxSize(300)
                .map(steps -> {
                    List<Sample> out = new ArrayList<>();
                    long t = 1_700_000_000L * S;
                    for (long[] st : steps) {
                        t += st[0];
                        out.add(new Sample(t, Double.longBitsToDouble(st[1])));
                    }
                    return out;
                });
    }

    private static double energy(List<Sample> samples, double scale) {
        TraceIntegrator t = new TraceIntegrator("test");
        for (Sample s : samples) t.power("0", "gpu", s.micros(), s.watts() * scale);
        return finish(t).total().joules() / scale;
    }

    @Property void splittingAtASampleAndAddingTheHalvesGivesTheWhole(@ForAll("traces") List<Sample> trace, @ForAll @IntRange(min = 0, max = 1000) int at) {
        int k = 1 + at % (trace.size() - 1);
        double whole = energy(trace, 1);
        double halves = energy(trace.subList(0, k + 1), 1) + energy(trace.subList(k, trace.size()), 1);
        assertThat(halves).isCloseTo(whole, within(1e-9 * Math.max(1, whole)));
    }

    @Property void energyDoesNotDependOnHowDevicesAreInterleaved(@ForAll("traces") List<Sample> a, @ForAll("traces") List<Sample> b, @ForAll long seed) {
        TraceIntegrator one = new TraceIntegrator("test");
        for (Sample s : a) one.power("0", "gpu", s.micros(), s.watts());
        for (Sample s : b) one.power("1", "gpu", s.micros(), s.watts());
        TraceIntegrator two = new TraceIntegrator("test");
        java.util.Random r = new java.util.Random(seed);
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || (i < a.size() && r.nextBoolean())) {
                two.power("0", "gpu", a.get(i).micros(), a.get(i++).watts());
            } else {
                two.power("1", "gpu", b.get(j).micros(), b.get(j++).watts());
            }
        }
        assertThat(finish(two).total().joules()).isEqualTo(finish(one).total().joules());
    }

    @Property void energyIsNeverNegative(@ForAll("traces") List<Sample> trace) {
        assertThat(energy(trace, 1)).isGreaterThanOrEqualTo(0);
    }

    /** Watts given as kilowatts (scaled down: a scale-up would cross the plausibility bound, which the next test covers). */
    @Property void wattsOrKilowattsGiveTheSameEnergy(@ForAll("traces") List<Sample> trace) {
        double w = energy(trace, 1);
        double kw = energy(trace, 1e-3);
        assertThat(kw).isCloseTo(w, within(1e-9 * Math.max(1, w)));
    }

    @Test void implausiblePowerIsCountedNotUsed() {
        TraceIntegrator t = new TraceIntegrator("test");
        t.power("0", "gpu", 0, 100);
        t.power("0", "gpu", S, 250_000); // 250 W written in mW
        t.power("0", "gpu", 2 * S, 100);
        t.power("pkg", "cpu", 0, 50);
        t.power("pkg", "cpu", S, TraceIntegrator.MAX_CPU_WATTS + 1);
        t.power("pkg", "cpu", 2 * S, 50);
        TraceSummary s = finish(t);
        assertThat(s.total().joules()).isEqualTo(200.0 + 100.0);
        assertThat(s.missingByReason()).containsEntry("implausible power (above the bound for a gpu)", 1L)
                .containsEntry("implausible power (above the bound for a cpu)", 1L);
        assertThat(TraceIntegrator.implausible("gpu", TraceIntegrator.MAX_GPU_WATTS)).isNull();
        assertThat(TraceIntegrator.implausible("gpu", 10_000)).contains("implausible power 10000 W for one gpu (above 2000 W");
    }
}
