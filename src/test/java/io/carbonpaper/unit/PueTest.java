package io.carbonpaper.unit;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reference.AcceleratorSpec;
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

/** The one bound of the PUE. */
class PueTest {

    @Test void isOneToThreeInclusive() {
        assertThat(Pue.of(1.0).value()).isEqualTo(1.0);
        assertThat(Pue.of(3.0).value()).isEqualTo(3.0);
        assertThatThrownBy(() -> Pue.of(0.99)).hasMessageContaining("between 1 and 3");
        assertThatThrownBy(() -> Pue.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pue.of(3.5, "--pue")).hasMessage("--pue must be between 1 and 3, found 3.5");
    }
}
