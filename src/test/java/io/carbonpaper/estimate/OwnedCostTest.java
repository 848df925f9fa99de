package io.carbonpaper.estimate;

import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Break-even arithmetic on cases worked by hand (a year is 8,760 hours). */
class OwnedCostTest {
    private static final double EPS = 1e-9;

    @Test void aDollarAnHourOfHardwareBreaksEvenWithTwoDollarCloudAtHalfUtilisation() {
        // $8,760 over one year = $1 per hour at full use; cloud $2/h, no electricity: u* = 1 / 2.
        OwnedCost c = new OwnedCost(Money.usd(8760), Money.usd(0), 1, Money.usd(0));
        assertThat(c.breakEven(Money.usd(2)).getAsDouble()).isCloseTo(0.5, within(EPS));
        assertThat(c.perUsedHour(0.5).amount()).isCloseTo(2.0, within(EPS));
    }

    @Test void electricityNarrowsTheMargin() {
        // margin 2 - 0.5 = 1.5 per hour; fixed $1/h at full use: u* = 1 / 1.5 = 2/3; at u = 0.5, 100 h cost 100 x (2 + 0.5).
        OwnedCost c = new OwnedCost(Money.usd(8760), Money.usd(0), 1, Money.usd(0.5));
        assertThat(c.breakEven(Money.usd(2)).getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(c.costOf(Hours.of(100), 0.5).amount()).isCloseTo(250, within(EPS));
        assertThat(c.fixedShareOf(Hours.of(100), 0.5).amount()).isCloseTo(200, within(EPS));
    }

    @Test void hostingAddsToTheFixedCostOverTheLifetime() {
        // $2,500 purchase + $500/year x 3 years = $4,000 over 26,280 h; cloud $1.46, electricity $0.04: u* = 4000 / (26280 x 1.42).
        OwnedCost c = new OwnedCost(Money.usd(2500), Money.usd(500), 3, Money.usd(0.04));
        assertThat(c.fixedPerAccelerator().amount()).isCloseTo(4000, within(EPS));
        assertThat(c.lifetimeHours().value()).isCloseTo(26280, within(EPS));
        assertThat(c.breakEven(Money.usd(1.46)).getAsDouble()).isCloseTo(4000 / (26280 * 1.42), within(EPS));
    }

    @Test void thePapersServerBreaksEvenWithOnDemandP100sAtAboutSevenPercent() {
        // 8 x GTX 1080 Ti for $20,000 = $2,500 each, 3 years, electricity ~$0.04113/h, P100 on demand $1.46: 2500 / (26280 x 1.41887).
        OwnedCost c = new OwnedCost(Money.usd(2500), Money.usd(0), 3, Money.usd(0.0411353));
        assertThat(c.breakEven(Money.usd(1.46)).getAsDouble()).isCloseTo(0.0670461, within(1e-6));
    }

    @Test void aCloudPriceBelowTheElectricityNeverBreaksEven() {
        OwnedCost c = new OwnedCost(Money.usd(1000), Money.usd(0), 1, Money.usd(0.5));
        assertThat(c.breakEven(Money.usd(0.5))).isEmpty();
        assertThat(c.breakEven(Money.usd(0.4))).isEmpty();
    }

    @Test void aBreakEvenAboveOneMeansOwningNeverPays() {
        OwnedCost c = new OwnedCost(Money.usd(87600), Money.usd(0), 1, Money.usd(0));
        assertThat(c.breakEven(Money.usd(5)).getAsDouble()).isCloseTo(2.0, within(EPS));
    }

    @Test void observedUtilisationIsUsedOverCapacityCappedAtOne() {
        // The paper's case: 239,942 GPU-hours over 172 days (4,128 h) on 64 GPUs.
        assertThat(OwnedCost.utilisation(Hours.of(239942), 64, Hours.of(4128))).isCloseTo(239942.0 / (64 * 4128), within(EPS));
        assertThat(OwnedCost.utilisation(Hours.of(239942), 8, Hours.of(4128))).isEqualTo(1.0);
    }

    @Test void rejectsNonsense() {
        assertThatThrownBy(() -> new OwnedCost(Money.usd(1), Money.usd(0), 0, Money.usd(0))).hasMessageContaining("lifetime");
        OwnedCost c = new OwnedCost(Money.usd(1), Money.usd(0), 1, Money.usd(0));
        assertThatThrownBy(() -> c.perUsedHour(0)).hasMessageContaining("utilisation");
        assertThatThrownBy(() -> c.perUsedHour(1.5)).hasMessageContaining("utilisation");
        assertThatThrownBy(() -> OwnedCost.utilisation(Hours.of(1), 0, Hours.of(1))).hasMessageContaining("capacity");
    }
}
