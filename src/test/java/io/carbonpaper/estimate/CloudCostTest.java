package io.carbonpaper.estimate;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Pue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The cloud price of the device-hours. */
class CloudCostTest {
    static final Catalogs CATALOGS = Catalogs.bundled();

    @Test void theDeviceHoursPricedSpotToOnDemand() {
        AcceleratorSpec v100 = CATALOGS.accelerators().find("V100").orElseThrow();
        CloudCost c = CloudCost.of(v100, 2, Hours.of(10), Optional.empty(), CATALOGS.cloudPrices());
        var p = CATALOGS.cloudPrices().newest(v100.priceFamily()).orElseThrow();
        assertThat(c.range().orElseThrow().high().amount()).isEqualTo(p.onDemandPerDeviceHour().times(20).amount(), within(1e-9));
        assertThat(c.range().orElseThrow().low().amount()).isEqualTo(p.spotPerDeviceHour().times(20).amount(), within(1e-9));
        assertThat(c.catalog()).contains(p.catalog());
    }

    @Test void anUnpricedAcceleratorIsANoteOnTheCost() {
        AcceleratorSpec v100 = CATALOGS.accelerators().find("V100").orElseThrow();
        CloudCost c = CloudCost.of(v100, 2, Hours.of(10), Optional.of("no-such-catalog"), CATALOGS.cloudPrices());
        assertThat(c.range()).isEmpty();
        assertThat(c.assumptions()).singleElement().satisfies(a -> {
            assertThat(a.id()).startsWith("no-price-");
            assertThat(a.first()).contains(Assumption.Affects.COST);
        });
    }
}
