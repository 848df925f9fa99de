package io.carbonpaper.report;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: {@link Numerals#raw}'s fast path writes exactly what the {@code BigDecimal} path
 * ({@link Numerals#rawExact}) writes, byte for byte, ties at the 12th significant digit included.
 */
class NumeralsRawTest {
    @Property(tries = 20_000) void anyBitPatternAgrees(@ForAll long bits) {
        double v = Double.longBitsToDouble(bits);
        assertThat(Numerals.raw(v)).isEqualTo(Numerals.rawExact(v));
    }

    /** Decimals such as a table prints (a few to 17 digits, any scale), and their binary neighbours. */
    @Provide Arbitrary<Double> decimals() {
        return Combinators.combine(Arbitraries.longs().between(1, 99_999_999_999_999_999L), Arbitraries.integers().between(-25, 40),
                Arbitraries.integers().between(-3, 3), Arbitraries.of(1, -1)).as((unscaled, scale, ulps, sign) -> {
                    double d = sign * new BigDecimal(java.math.BigInteger.valueOf(unscaled), scale).doubleValue();
                    for (int i = 0; i < Math.abs(ulps); i++) d = ulps > 0 ? Math.nextUp(d) : Math.nextDown(d);
                    return d;
                });
    }

    @Property(tries = 20_000) void decimalsAndTheirNeighboursAgree(@ForAll("decimals") double v) {
        assertThat(Numerals.raw(v)).isEqualTo(Numerals.rawExact(v));
    }

    /** Thirteen significant digits ending in 5: a tie at the 12th digit where the double is exact, a near tie where not. */
    @Provide Arbitrary<Double> ties() {
        return Combinators.combine(Arbitraries.longs().between(100_000_000_000L, 999_999_999_999L), Arbitraries.integers().between(-20, 30),
                Arbitraries.integers().between(-2, 2)).as((twelve, scale, ulps) -> {
                    double d = new BigDecimal(java.math.BigInteger.valueOf(twelve * 10 + 5), scale).doubleValue();
                    for (int i = 0; i < Math.abs(ulps); i++) d = ulps > 0 ? Math.nextUp(d) : Math.nextDown(d);
                    return d;
                });
    }

    @Property(tries = 20_000) void tiesAndNearTiesAgree(@ForAll("ties") double v) {
        assertThat(Numerals.raw(v)).isEqualTo(Numerals.rawExact(v));
    }

    /** What a history's rows hold: watts x seconds / 3.6e6 kWh, seconds / 3600 hours, prices x hours. */
    @Property(tries = 20_000) void figuresOfJobsAgree(@ForAll("watts") int watts, @ForAll("seconds") int seconds, @ForAll("devices") int devices) {
        double[] vs = {watts * (double) seconds * devices / 3.6e6, seconds / 3600.0, seconds / 3600.0 * devices * 2.48, watts * 1.58,
                watts * (double) seconds / 3.6e6 * 0.4327, watts * (double) seconds / 3.6e6 * 0.4327 * 2.20462262185};
        for (double v : vs) assertThat(Numerals.raw(v)).as("%s", v).isEqualTo(Numerals.rawExact(v));
    }

    @Provide Arbitrary<Integer> watts() { return Arbitraries.integers().between(1, 1000); }

    @Provide Arbitrary<Integer> seconds() { return Arbitraries.integers().between(1, 30 * 86_400); }

    @Provide Arbitrary<Integer> devices() { return Arbitraries.integers().between(1, 64); }

    @Test void exactTiesRoundHalfEven() {
        // 13 significant digits, exact in binary: the 12th digit is kept when even, raised when odd.
        assertThat(Numerals.raw(1234567890125.0)).isEqualTo("1234567890120");
        assertThat(Numerals.raw(1234567890135.0)).isEqualTo("1234567890140");
        assertThat(Numerals.raw(-1234567890135.0)).isEqualTo("-1234567890140");
        assertThat(Numerals.raw(0.5)).isEqualTo("0.5");
        assertThat(Numerals.raw(99999999999.95)).isEqualTo(Numerals.rawExact(99999999999.95));
        assertThat(Numerals.raw(999999999999.5)).isEqualTo("1000000000000");
        assertThat(Numerals.raw(99999999999.7)).isEqualTo("99999999999.7");
        assertThat(Numerals.raw(1e-11)).isEqualTo("0.00000000001");
        assertThat(Numerals.raw(Double.MIN_VALUE)).isEqualTo(Numerals.rawExact(Double.MIN_VALUE));
    }
}
