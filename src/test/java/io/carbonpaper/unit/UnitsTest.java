package io.carbonpaper.unit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UnitsTest {
    @Test void energyConvertsBetweenJoulesAndKilowattHours() {
        assertThat(Energy.ofKilowattHours(1).joules()).isEqualTo(3.6e6);
        assertThat(Energy.ofMillijoules(3.6e9).kilowattHours()).isEqualTo(1.0);
        assertThat(Power.ofWatts(1000).over(Hours.of(1)).kilowattHours()).isEqualTo(1.0, within(1e-12));
    }

    @Test void averagePowerOverADuration() {
        assertThat(Energy.ofKilowattHours(2).averageOver(Hours.of(4)).watts()).isEqualTo(500, within(1e-9));
        assertThatThrownBy(() -> Energy.ZERO.averageOver(Hours.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void thePapersIntensityInGramsAndBack() {
        CarbonIntensity epa = CarbonIntensity.ofPoundsPerKilowattHour(0.954);
        assertThat(epa.gramsPerKilowattHour()).isEqualTo(432.727, within(1e-3));
        assertThat(epa.emissionsOf(Energy.ofKilowattHours(201.1278696)).pounds()).isEqualTo(191.876, within(1e-3));
    }

    @Test void moneyOfDifferentCurrenciesNeverMixes() {
        assertThat(Money.usd(1).plus(Money.usd(2))).isEqualTo(Money.usd(3));
        assertThatThrownBy(() -> Money.usd(1).plus(Money.of(1, "EUR"))).hasMessageContaining("USD and EUR");
        assertThatThrownBy(() -> Money.of(1, "dollars")).hasMessageContaining("ISO 4217");
    }

    @Test void rangesKeepTheirEndsInOrder() {
        Range<Mass> r = new Range<>(Mass.ofKilograms(1), Mass.ofKilograms(2), Mass.ofKilograms(3));
        assertThat(r.map(m -> Mass.ofKilograms(-m.kilograms())).low()).isEqualTo(Mass.ofKilograms(-3));
        assertThatThrownBy(() -> Range.between(Mass.ofKilograms(2), Mass.ofKilograms(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
