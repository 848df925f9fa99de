package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.LoggedPlace;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.reference.GridIntensity;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.settings.ProjectConfigReader;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grid of a run whose settings name none is where its tool logged it ran (CodeCarbon's country
 * and cloud columns): the cloud region, else the US state, else the country; the settings, when they
 * name a grid, win, and a logged place in another country is noted.
 */
class LoggedGridTest {
    static final Catalogs CATALOGS = Catalogs.bundled();
    final TrainingCostEstimator estimator = new TrainingCostEstimator(CATALOGS, ProjectConfig.defaults());

    static ToolEnergyReport loggedAt(String country, String region, String provider, String cloudRegion) {
        return new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(2), Optional.empty(), Optional.of(Hours.of(2)), Optional.empty(),
                false, Optional.empty(), Optional.empty(), Optional.empty(), null, List.of(),
                Optional.of(new LoggedPlace("codecarbon", Optional.ofNullable(country), Optional.ofNullable(region),
                        Optional.ofNullable(provider), Optional.ofNullable(cloudRegion))));
    }

    static ExperimentBuilder run(ToolEnergyReport... reports) {
        return ExperimentBuilder.experiment("cc-run").hardware("A100", 1).hours(2).toolReports(List.of(reports));
    }

    private static GridIntensity grid(String key) { return CATALOGS.grids().find(key).orElseThrow(); }

    @Test void aCountryLoggedByCodeCarbonIsTheGridWhereTheSettingsNameNone() {
        ExperimentEstimate e = estimator.estimate(run(loggedAt("DEU", null, null, null)).build()).estimate().orElseThrow();
        assertThat(e.intensity()).isEqualTo(grid("DEU").intensity());
        assertThat(e.grid()).startsWith("Germany");
        assertThat(e.assumptions()).anySatisfy(a -> {
            assertThat(a.id()).isEqualTo("logged-place:codecarbon:DEU");
            assertThat(a.text()).isEqualTo("The run's grid is where codecarbon logged it ran (DEU); the settings name no region for it.");
            assertThat(a.changes(Assumption.Affects.CO2E)).isTrue();
        });
        assertThat(TrainingCostEstimator.catalogGrid(run(loggedAt("DEU", null, null, null)).build(), ProjectConfig.defaults(), CATALOGS.grids()))
                .map(GridIntensity::key).contains("DEU");
    }

    @Test void aUsStateIsTheGridInsideTheUnitedStatesAndTheCountryElsewhere() {
        assertThat(keyOf(loggedAt("USA", "massachusetts", null, null))).isEqualTo("US-MA");
        assertThat(estimator.estimate(run(loggedAt("USA", "massachusetts", null, null)).build()).estimate().orElseThrow().assumptions())
                .anySatisfy(a -> assertThat(a.text()).contains("codecarbon logged it ran (USA, massachusetts: grid US-MA)"));
        assertThat(keyOf(loggedAt("United States", "New York", null, null))).isEqualTo("US-NY");
        assertThat(keyOf(loggedAt("USA", "atlantis", null, null))).isEqualTo("USA");
        // carbontracker's ISO 3166 alpha-2 codes and geocoder's region names
        assertThat(keyOf(loggedAt("US", "Missouri", null, null))).isEqualTo("US-MO");
        assertThat(keyOf(loggedAt("DK", "Capital Region", null, null))).isEqualTo("DNK");
        // a region of another country is never read as a US state (Georgia the country, not the state)
        assertThat(keyOf(loggedAt("FRA", "georgia", null, null))).isEqualTo("FRA");
        assertThat(keyOf(loggedAt("CAN", "quebec", null, null))).isEqualTo("CAN");
    }

    @Test void aCloudRegionWinsOverItsCountryAndPricesFromItsProvider() {
        assertThat(keyOf(loggedAt("USA", "iowa", "gcp", "us-central1"))).isEqualTo("gcp:us-central1");
        assertThat(keyOf(loggedAt(null, null, "aws", "eu-central-1"))).isEqualTo("aws:eu-central-1");
        // a cloud region the catalog lacks falls back to the country
        assertThat(keyOf(loggedAt("DEU", null, "aws", "mars-north-1"))).isEqualTo("DEU");
        // V100: GCP's newest list with one (gcp-2025) is not the newest of all (aws-2026), so the provider rule shows
        Experiment v100 = ExperimentBuilder.experiment("v100").hardware("V100", 8).hours(2)
                .toolReport(loggedAt("USA", "iowa", "gcp", "us-central1")).build();
        String family = CATALOGS.accelerators().find("V100").orElseThrow().priceFamily();
        String gcpNewest = CATALOGS.cloudPrices().newest(family, "gcp").orElseThrow().catalog();
        assertThat(gcpNewest).isNotEqualTo(CATALOGS.cloudPrices().newest(family).orElseThrow().catalog());
        assertThat(estimator.estimate(v100).estimate().orElseThrow().priceCatalog()).contains(gcpNewest);
    }

    @Test void theSettingsWinAndALoggedPlaceInAnotherCountryIsNoted() {
        ExperimentEstimate declared = estimator.estimate(run(loggedAt("FRA", null, null, null)).region("aws:us-east-1").build()).estimate().orElseThrow();
        assertThat(declared.intensity()).isEqualTo(grid("aws:us-east-1").intensity());
        assertThat(declared.assumptions()).anySatisfy(a -> assertThat(a.text())
                .contains("codecarbon logged this run in FRA, another country than the region the settings name (aws:us-east-1)"));
        ExperimentEstimate sameCountry = estimator.estimate(run(loggedAt("USA", "virginia", null, null)).region("aws:us-east-1").build())
                .estimate().orElseThrow();
        assertThat(sameCountry.assumptions()).noneMatch(a -> a.id().startsWith("logged-place"));
    }

    @Test void aProjectRegionOrIntensityWinsOverTheLoggedPlace() throws Exception {
        ProjectConfig region = ProjectConfigReader.fromOverrides(Map.of("region", "FRA"));
        ExperimentEstimate byRegion = new TrainingCostEstimator(CATALOGS, region).estimate(run(loggedAt("DEU", null, null, null)).build())
                .estimate().orElseThrow();
        assertThat(byRegion.intensity()).isEqualTo(grid("FRA").intensity());
        assertThat(byRegion.assumptions()).anySatisfy(a -> assertThat(a.id()).isEqualTo("logged-place-other:DEU:FRA"));
        ProjectConfig intensity = ProjectConfigReader.fromOverrides(Map.of("carbon_intensity_g_per_kwh", "123"));
        ExperimentEstimate byIntensity = new TrainingCostEstimator(CATALOGS, intensity).estimate(run(loggedAt("DEU", null, null, null)).build())
                .estimate().orElseThrow();
        assertThat(byIntensity.intensity().gramsPerKilowattHour()).isEqualTo(123);
        assertThat(byIntensity.grid()).isEqualTo("configured");
        assertThat(byIntensity.assumptions()).noneMatch(a -> a.id().startsWith("logged-place"));
    }

    @Test void placesThatDisagreeOrThatTheCatalogLacksLeaveTheDefaultAndSayWhy() {
        ExperimentEstimate two = estimator.estimate(run(loggedAt("DEU", null, null, null), loggedAt("FRA", null, null, null)).build())
                .estimate().orElseThrow();
        assertThat(two.intensity()).isEqualTo(CATALOGS.grids().defaultGrid().intensity());
        assertThat(two.assumptions()).anySatisfy(a -> assertThat(a.text()).contains("several places, DEU; FRA,", "set the run's region"));
        ExperimentEstimate unknown = estimator.estimate(run(loggedAt("Atlantis", null, null, null)).build()).estimate().orElseThrow();
        assertThat(unknown.intensity()).isEqualTo(CATALOGS.grids().defaultGrid().intensity());
        assertThat(unknown.assumptions()).anySatisfy(a -> assertThat(a.text()).contains("Atlantis (not in the grid catalog)"));
        // the same place logged twice (two ranks, two runs) is one place
        assertThat(keyOf(loggedAt("DEU", null, null, null), loggedAt("DEU", null, null, null))).isEqualTo("DEU");
    }

    private static String keyOf(ToolEnergyReport... reports) {
        return TrainingCostEstimator.catalogGrid(run(reports).build(), ProjectConfig.defaults(), CATALOGS.grids()).orElseThrow().key();
    }
}
