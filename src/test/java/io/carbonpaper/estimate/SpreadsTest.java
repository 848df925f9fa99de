package io.carbonpaper.estimate;

import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.reference.PueCatalog;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.EnergyPrice;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Range;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Ranges from the inputs' spread: power (declared vs TDP), PUE, grid; low <= central <= high always. */
class SpreadsTest {
    private static final double EPS = 1e-9;

    @Test void declaredPowerSpansToTheTdpAndThePueRange() {
        // Transformer (base): 1,415.78 W declared on 8 x 250 W P100s for 12 h at PUE 1.58, PUE range 1.08-1.67.
        Energy central = Power.ofWatts(1415.78).over(Hours.of(12)).times(1.58);
        Range<Energy> r = Spreads.energy(central, 1.58, new Range<>(1.08, 1.58, 1.67), EnergyMethod.DECLARED,
                Optional.of(Power.ofWatts(2000)), Optional.of(Hours.of(12)));
        assertThat(r.central().kilowattHours()).isCloseTo(26.8431888, within(1e-7));
        assertThat(r.low().kilowattHours()).isCloseTo(1.41578 * 12 * 1.08, within(EPS));
        assertThat(r.high().kilowattHours()).isCloseTo(2.0 * 12 * 1.67, within(EPS));
    }

    @Test void measuredAndTdpEnergyOnlySpreadByPue() {
        Energy central = Energy.ofKilowattHours(15.8);
        for (EnergyMethod m : new EnergyMethod[] {EnergyMethod.COUNTER, EnergyMethod.TRACE, EnergyMethod.TDP, EnergyMethod.TOOL}) {
            Range<Energy> r = Spreads.energy(central, 1.58, Range.of(1.58), m, Optional.of(Power.ofWatts(99999)), Optional.of(Hours.of(10)));
            assertThat(r.isPoint()).as(m.name()).isTrue();
        }
    }

    @Test void aDeclaredPowerAboveTheTdpMakesTheTdpTheLowEnd() {
        Energy central = Power.ofWatts(500).over(Hours.of(1));
        Range<Energy> r = Spreads.energy(central, 1.0, Range.of(1.0), EnergyMethod.DECLARED, Optional.of(Power.ofWatts(300)), Optional.of(Hours.of(1)));
        assertThat(r.low().kilowattHours()).isCloseTo(0.3, within(EPS));
        assertThat(r.high().kilowattHours()).isCloseTo(0.5, within(EPS));
    }

    @Test void theAssumedPueSpansTheCatalogFromTheLowestFleetToTheHighestSurvey() {
        PueCatalog c = PueCatalog.bundled();
        Range<Double> r = Spreads.assumedPue(c, 1.58);
        assertThat(r.central()).isEqualTo(1.58);
        assertThat(r.low()).isEqualTo(Spreads.lowest(c).value()).isLessThan(1.2);
        assertThat(r.high()).isEqualTo(Spreads.highest(c).value()).isGreaterThanOrEqualTo(1.58);
    }

    @Test void aBestSiteOrDesignPueNeverBoundsTheRange() {
        PueCatalog only = new PueCatalog(java.util.List.of(
                new io.carbonpaper.reference.PueFigure("fleet", "a fleet", 1.20, 2024, "s", "fleet"),
                new io.carbonpaper.reference.PueFigure("new", "newest sites", 1.05, 2024, "s", "best-site"),
                new io.carbonpaper.reference.PueFigure("survey", "a survey", 1.56, 2024, "s", "survey")));
        assertThat(Spreads.lowest(only).key()).isEqualTo("fleet");
        assertThat(Spreads.highest(only).key()).isEqualTo("survey");
    }

    @Test void emissionsCombineEndWithEnd() {
        Range<Energy> e = new Range<>(Energy.ofKilowattHours(1), Energy.ofKilowattHours(2), Energy.ofKilowattHours(3));
        Range<CarbonIntensity> g = new Range<>(CarbonIntensity.ofGramsPerKilowattHour(100), CarbonIntensity.ofGramsPerKilowattHour(200),
                CarbonIntensity.ofGramsPerKilowattHour(400));
        Range<Mass> m = Spreads.emissions(e, g);
        assertThat(m.low().kilograms()).isCloseTo(0.1, within(EPS));
        assertThat(m.central().kilograms()).isCloseTo(0.4, within(EPS));
        assertThat(m.high().kilograms()).isCloseTo(1.2, within(EPS));
        Range<Money> cost = Spreads.electricity(e, new EnergyPrice(0.1, "EUR"));
        assertThat(cost.high()).isEqualTo(Money.of(0.30000000000000004, "EUR"));
    }

    @Property void everyRangeIsOrdered(@ForAll @DoubleRange(min = 0, max = 1e6) double watts,
                                       @ForAll @DoubleRange(min = 0, max = 1e6) double tdpWatts,
                                       @ForAll @DoubleRange(min = 0.01, max = 1e5) double hours,
                                       @ForAll @DoubleRange(min = 1, max = 3) double pue,
                                       @ForAll @DoubleRange(min = 0, max = 1500) double grams) {
        Energy central = Power.ofWatts(watts).over(Hours.of(hours)).times(pue);
        Range<Double> pr = Spreads.assumedPue(PueCatalog.bundled(), pue);
        Range<Energy> e = Spreads.energy(central, pue, pr, EnergyMethod.DECLARED, Optional.of(Power.ofWatts(tdpWatts)), Optional.of(Hours.of(hours)));
        assertThat(e.low()).isLessThanOrEqualTo(e.central());
        assertThat(e.central()).isLessThanOrEqualTo(e.high());
        CarbonIntensity ci = CarbonIntensity.ofGramsPerKilowattHour(grams);
        Range<Mass> m = Spreads.emissions(e, new Range<>(ci.compareTo(CarbonIntensity.ofGramsPerKilowattHour(1)) > 0
                ? CarbonIntensity.ofGramsPerKilowattHour(grams - 1) : ci, ci, CarbonIntensity.ofGramsPerKilowattHour(grams + 1)));
        assertThat(m.low()).isLessThanOrEqualTo(m.central());
        assertThat(m.central()).isLessThanOrEqualTo(m.high());
    }
}
