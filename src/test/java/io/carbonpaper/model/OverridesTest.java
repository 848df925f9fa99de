package io.carbonpaper.model;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Pue;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OverridesTest {
    private static final Overrides MANIFEST = new Overrides(Optional.of(Pue.of(1.1)), Optional.empty(), Optional.of("FRA"), Optional.empty());
    private static final Overrides PROJECT = new Overrides(Optional.of(Pue.of(1.58)), Optional.of(CarbonIntensity.ofGramsPerKilowattHour(300)),
            Optional.of("DEU"), Optional.of("aws-2026"));

    @Test
    void theFirstSourceWinsFieldByFieldAndTheSecondFillsItsSilences() {
        Overrides o = MANIFEST.or(PROJECT);
        assertThat(o.pue()).contains(Pue.of(1.1));
        assertThat(o.region()).contains("FRA");
        assertThat(o.carbonIntensity()).contains(CarbonIntensity.ofGramsPerKilowattHour(300));
        assertThat(o.cloudPrices()).contains("aws-2026");
        assertThat(Overrides.NONE.or(PROJECT)).isEqualTo(PROJECT);
        assertThat(PROJECT.or(Overrides.NONE)).isEqualTo(PROJECT);
    }

    @Test
    void aNewRegionDropsTheIntensityThatWouldHaveHiddenIt() {
        Overrides o = PROJECT.withGrid(Optional.empty(), Optional.of("NOR"));
        assertThat(o.region()).contains("NOR");
        assertThat(o.carbonIntensity()).isEmpty();
        assertThat(o.pue()).contains(Pue.of(1.58));
        assertThat(o.cloudPrices()).contains("aws-2026");

        Overrides same = PROJECT.withGrid(Optional.of(Pue.of(1.2)), Optional.empty());
        assertThat(same.carbonIntensity()).isEqualTo(PROJECT.carbonIntensity());
        assertThat(same.pue()).contains(Pue.of(1.2));
    }
}
