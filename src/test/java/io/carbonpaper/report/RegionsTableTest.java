package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.carbonpaper.report.EconomicsSamples.LISA;
import static io.carbonpaper.report.EconomicsSamples.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The project's energy in other grids: the configured list, or the default selection. */
class RegionsTableTest {
    @TempDir Path dir;

    @Test void theDefaultSelectionIsTheProjectsGridItsPriceListsRegionsAndTheLargeGrids() {
        Table t = EconomicsSamples.of(SAMPLE).table("regions").orElseThrow();
        // The sample's experiments are priced at the paper's US average but for the CodeCarbon run, at Germany's grid
        // where its log says it ran (largest share first); its prices come from gcp-2019 (us-central1).
        assertThat(t.csvRows()).extracting(r -> r.get(0))
                .containsExactly("us-epa-2018", "DEU", "gcp:us-central1", "world", "CHN", "USA", "eu", "IND");
        assertThat(Double.parseDouble(EconomicsSamples.value(t, "us-epa-2018", "change_vs_report_pct"))).isBetween(0.0, 0.001);
        assertThat(Double.parseDouble(EconomicsSamples.value(t, "us-epa-2018", "project_energy_share_pct"))).isBetween(99.99, 100.0);
        assertThat(Double.parseDouble(EconomicsSamples.value(t, "DEU", "project_energy_share_pct"))).isBetween(0.0001, 0.001);
        assertThat(EconomicsSamples.value(t, "CHN", "project_energy_share_pct")).isEmpty();
        // No extremes of the world list (a 20 g/kWh Lesotho, a 959 g/kWh Kosovo) stand in for the world.
        assertThat(t.csvRows()).allMatch(r -> Double.parseDouble(r.get(4)) > 200 && Double.parseDouble(r.get(4)) < 800);
    }

    @Test void theProjectsOwnGridsComeFirstWithTheirShareOfItsEnergy() throws IOException {
        // Three runs of one accelerator: two hours in Germany, one in France, one with its own declared intensity.
        write("de/experiment.yaml", "hardware: {accelerator: V100, count: 1}\nhours: 2\nregion: Germany\n");
        write("fr/experiment.yaml", "hardware: {accelerator: V100, count: 1}\nhours: 1\nregion: FR\n");
        write("own/experiment.yaml", "hardware: {accelerator: V100, count: 1}\nhours: 1\ncarbon_intensity_g_per_kwh: 100\n");
        write("carbonpaper.yaml", "cloud_prices: aws-2024\n");
        Table t = EconomicsSamples.build(dir).table("regions").orElseThrow();
        assertThat(t.csvRows()).extracting(r -> r.get(0)).startsWith("DEU", "FRA", "aws:us-east-1", "us-epa-2018", "world");
        // Shares of all four hours' energy: the declared intensity is no catalogue grid, so its hour has no row.
        assertThat(EconomicsSamples.number(t, "DEU", "project_energy_share_pct")).isCloseTo(50, within(1e-6));
        assertThat(EconomicsSamples.number(t, "FRA", "project_energy_share_pct")).isCloseTo(25, within(1e-6));
        assertThat(EconomicsSamples.value(t, "us-epa-2018", "project_energy_share_pct")).isEmpty();
        int share = t.columns().size() - 1;
        assertThat(t.columns().get(share).header()).contains("Project's energy here");
        assertThat(t.rows().get(0).cells().get(share).text()).isEqualTo("50");
        assertThat(t.rows().get(3).cells().get(share).text()).isEmpty();
    }

    private void write(String path, String text) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
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
