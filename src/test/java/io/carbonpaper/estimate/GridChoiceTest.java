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

/** Which grid an experiment gets. */
class GridChoiceTest {
    static final Catalogs CATALOGS = Catalogs.bundled();

    final Optional<CarbonIntensity> none = Optional.empty();
    final Optional<CarbonIntensity> g300 = Optional.of(CarbonIntensity.ofGramsPerKilowattHour(300));

    @Test void aDeclaredIntensityWinsOverEveryRegion() {
        GridChoice c = GridChoice.of(g300, Optional.of("DEU"), none, Optional.of("FRA"), CATALOGS.grids()).orElseThrow();
        assertThat(c.grid()).isEqualTo("declared");
        assertThat(c.sources()).isEmpty();
        assertThat(c.note().first()).contains(Assumption.Affects.CO2E);
        assertThat(c.note().sources()).isEmpty();
    }

    @Test void theExperimentsRegionWinsOverTheProjectsIntensity() {
        GridChoice c = GridChoice.of(none, Optional.of("DEU"), g300, Optional.empty(), CATALOGS.grids()).orElseThrow();
        assertThat(c.intensity().gramsPerKilowattHour()).isEqualTo(342.06, within(1e-9));
        assertThat(c.grid()).isEqualTo("Germany (2024)");
        assertThat(c.range().high().gramsPerKilowattHour()).as("Ember's 2023 figure").isEqualTo(371.43, within(1e-9));
        assertThat(c.note().sources()).containsExactly("ember-yearly");
    }

    @Test void theProjectsIntensityWinsOverTheProjectsRegion() {
        assertThat(GridChoice.of(none, Optional.empty(), g300, Optional.of("DEU"), CATALOGS.grids()).orElseThrow().grid()).isEqualTo("configured");
    }

    @Test void otherwiseThePapersUsAverage() {
        GridChoice c = GridChoice.of(none, Optional.empty(), none, Optional.empty(), CATALOGS.grids()).orElseThrow();
        assertThat(c.intensity().poundsPerKilowattHour()).isEqualTo(0.954, within(1e-9));
    }

    /** A state's range is eGRID2022's rate beside eGRID2023's: the footnote cites both editions. */
    @Test void aRangeFromAnotherEditionIsCitedToo() {
        GridChoice ca = GridChoice.of(none, Optional.of("US-CA"), none, Optional.empty(), CATALOGS.grids()).orElseThrow();
        assertThat(ca.range().high().gramsPerKilowattHour()).as("eGRID2022 ST22 457.485 lb/MWh").isEqualTo(207.51, within(1e-9));
        assertThat(ca.note().sources()).containsExactly("epa-egrid-2023-states", "epa-egrid-2022-states");
    }

    /** A catalog row nobody checked says so in the footnote; a checked one does not. */
    @Test void anUnverifiedCatalogFigureIsMarkedInItsFootnote() {
        GridChoice deu = GridChoice.of(none, Optional.of("DEU"), none, Optional.empty(), CATALOGS.grids()).orElseThrow();
        assertThat(deu.unverified()).isFalse();
        assertThat(deu.note().text()).doesNotContain("unverified");
        GridChoice unchecked = new GridChoice(deu.intensity(), deu.range(), deu.grid(), deu.sources(), true);
        assertThat(unchecked.note().text()).contains("Germany (2024)", "unverified", "not checked against a second");
        assertThat(unchecked.note().sources()).containsExactly("ember-yearly");
    }

    @Test void anUnknownRegionIsNoChoiceAndItsKeyIsKnown() {
        assertThat(GridChoice.of(none, Optional.of("atlantis"), none, Optional.empty(), CATALOGS.grids())).isEmpty();
        assertThat(GridChoice.regionKey(Optional.empty(), none, Optional.of("atlantis"))).contains("atlantis");
        assertThat(GridChoice.regionKey(Optional.empty(), g300, Optional.of("atlantis"))).isEmpty();
    }
}
