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

/** Which PUE an experiment gets. */
class PueChoiceTest {
    static final Catalogs CATALOGS = Catalogs.bundled();

    @Test void theExperimentsOwnWinsAndIsAPointWithoutNotes() {
        PueChoice c = PueChoice.of(Optional.of(Pue.of(1.1)), Optional.of(Pue.of(1.4)), CATALOGS.pue());
        assertThat(c.pue().value()).isEqualTo(1.1);
        assertThat(c.range().low()).isEqualTo(1.1);
        assertThat(c.range().high()).isEqualTo(1.1);
        assertThat(c.assumptions()).isEmpty();
        assertThat(c.source()).isEmpty();
    }

    @Test void theProjectsComesNext() {
        assertThat(PueChoice.of(Optional.empty(), Optional.of(Pue.of(1.4)), CATALOGS.pue()).pue().value()).isEqualTo(1.4);
    }

    @Test void otherwiseThePapersDefaultSpanningTheCatalog() {
        PueChoice c = PueChoice.of(Optional.empty(), Optional.empty(), CATALOGS.pue());
        assertThat(c.pue().value()).isEqualTo(1.58);
        assertThat(c.source()).contains("uptime-2018");
        assertThat(c.range().low()).isLessThan(1.58);
        assertThat(c.range().high()).isGreaterThan(1.58);
        assertThat(c.assumptions()).extracting(Assumption::id).containsExactly("pue-default", "pue-range");
        assertThat(c.assumptions()).allMatch(a -> a.setting() && a.first().equals(Optional.of(Assumption.Affects.ENERGY)));
    }
}
