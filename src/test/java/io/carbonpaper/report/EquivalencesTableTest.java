package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.carbonpaper.report.EconomicsSamples.LISA;
import static io.carbonpaper.report.EconomicsSamples.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The paper's Table 1 beside the project's totals, in the report's unit. */
class EquivalencesTableTest {
    @Test void printsThePapersFiguresInPoundsAndTheProjectBesideThem() {
        Table t = EconomicsSamples.of(LISA).table("equivalences").orElseThrow();
        assertThat(EconomicsSamples.value(t, "Air travel, 1 passenger, NY<->SF", "co2e_lbs")).isEqualTo("1984");
        assertThat(EconomicsSamples.value(t, "Car, avg incl. fuel, 1 lifetime", "co2e_lbs")).isEqualTo("126000");
        double total = EconomicsSamples.number(t, "This project: all experiments", "co2e_lbs");
        assertThat(EconomicsSamples.number(t, "Air travel, 1 passenger, NY<->SF", "project_multiple")).isCloseTo(total / 1984, within(1e-6));
        assertThat(EconomicsSamples.number(t, "This project: all experiments", "co2e_lbs_low")).isLessThan(total);
        assertThat(t.footnotes()).anyMatch(f -> f.references().contains("strubell-2019"));
    }

    @Test void matchesTheGoldenCsvs() throws IOException {
        EconomicsSamples.assertGolden(LISA, "equivalences");
        EconomicsSamples.assertGolden(SAMPLE, "equivalences");
    }
}
