package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.carbonpaper.report.EconomicsSamples.LISA;
import static io.carbonpaper.report.EconomicsSamples.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The project's energy in other grids: the configured list, or the default selection. */
class RegionsTableTest {
    @Test void theDefaultSelectionHasThePapersGridTheExtremesAndTheProvidersFlagships() {
        Table t = EconomicsSamples.of(SAMPLE).table("regions").orElseThrow();
        assertThat(t.csvRows()).extracting(r -> r.get(0)).contains("us-epa-2018", "world", "aws:us-east-1", "gcp:us-central1", "azure:eastus");
        assertThat(EconomicsSamples.value(t, "us-epa-2018", "change_vs_report_pct")).isEqualTo("0");
        // Lowest and highest countries, with a zero (a data gap) never taken as the lowest.
        assertThat(t.csvRows().stream().filter(r -> r.get(2).equals("country")).count()).isEqualTo(2);
        assertThat(t.csvRows()).allMatch(r -> Double.parseDouble(r.get(4)) > 0);
    }

    @Test void theConfiguredListIsShownInItsOrderAndScalesWithIntensity() {
        Table t = EconomicsSamples.of(LISA).table("regions").orElseThrow();
        assertThat(t.csvRows()).extracting(r -> r.get(0)).containsExactly("us-epa-2018", "us-egrid-2023", "world", "FRA", "DEU", "IND",
                "aws:us-east-1", "gcp:us-central1", "gcp:europe-west1", "azure:eastus");
        double us = EconomicsSamples.number(t, "us-epa-2018", "co2e_lbs"), fr = EconomicsSamples.number(t, "FRA", "co2e_lbs");
        assertThat(fr / us).isCloseTo(EconomicsSamples.number(t, "FRA", "intensity_g_per_kwh")
                / EconomicsSamples.number(t, "us-epa-2018", "intensity_g_per_kwh"), within(1e-9));
        assertThat(EconomicsSamples.number(t, "FRA", "co2e_lbs_high")).isGreaterThan(fr);
    }

    @Test void matchesTheGoldenCsvs() throws IOException {
        EconomicsSamples.assertGolden(LISA, "regions");
        EconomicsSamples.assertGolden(SAMPLE, "regions");
    }
}
