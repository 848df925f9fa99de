package io.carbonpaper.reference;

import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EquivalenceCatalogTest {
    private final EquivalenceCatalog catalog = EquivalenceCatalog.bundled();

    @Test
    void thePapersTable1InPoundsAndOrder() {
        assertThat(catalog.paper()).extracting(Equivalence::key).containsExactlyElementsOf(EquivalenceCatalog.PAPER_KEYS);
        assertThat(catalog.paper()).extracting(e -> Math.round(e.in(MassUnit.LBS)))
                .containsExactly(1984L, 11023L, 36156L, 126000L);
        assertThat(catalog.paper()).allSatisfy(e -> {
            assertThat(e.statedUnit()).isEqualTo(MassUnit.LBS);
            assertThat(e.source()).isEqualTo("strubell-2019");
        });
    }

    @Test
    void poundsConvertToKilogramsExactly() {
        Equivalence flight = catalog.find("air-travel-ny-sf").orElseThrow();
        assertThat(flight.in(MassUnit.KG)).isCloseTo(1984 * 0.45359237, within(1e-9));
    }

    @Test
    void kilogramRowsStayInKilograms() {
        Equivalence gallon = catalog.find("gasoline-gallon").orElseThrow();
        assertThat(gallon.statedUnit()).isEqualTo(MassUnit.KG);
        assertThat(gallon.in(MassUnit.KG)).isEqualTo(8.887);
    }

    @Test
    void multiplesCountHowManyTimesAProjectsEmissionsCoverAConsumption() {
        Equivalence flight = catalog.find("air-travel-ny-sf").orElseThrow();
        assertThat(flight.multiplesOf(Mass.ofPounds(3968))).isCloseTo(2.0, within(1e-9));
    }
}
