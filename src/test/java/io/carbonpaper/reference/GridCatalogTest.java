package io.carbonpaper.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GridCatalogTest {
    private final GridCatalog grids = GridCatalog.bundled();

    @Test
    void thePapersDefaultIs0954PoundsPerKilowattHour() {
        assertThat(grids.defaultGrid().intensity().poundsPerKilowattHour()).isCloseTo(0.954, within(1e-9));
        assertThat(grids.find("US-EPA-2018")).contains(grids.defaultGrid());
        assertThat(grids.world().intensity().gramsPerKilowattHour()).isBetween(400.0, 550.0);
        assertThat(grids.find("eu")).isPresent();
    }

    @Test
    void awsRegionWithoutItsOwnValueResolvesToItsGridsRow() {
        GridIntensity region = grids.find("aws:us-east-1").orElseThrow();
        GridIntensity srvc = grids.find("SRVC").orElseThrow();
        assertThat(region.mapsTo()).contains("SRVC");
        assertThat(region.kind()).isEqualTo("cloud-region");
        assertThat(region.intensity()).isEqualTo(srvc.intensity());
        assertThat(region.year()).isEqualTo(2022);
        assertThat(region.source()).isEqualTo("epa-egrid-2022");
        assertThat(region.note()).contains("SRVC");
    }

    @Test
    void azureRegionResolvesToACountry() {
        GridIntensity region = grids.find("azure:westeurope").orElseThrow();
        GridIntensity nld = grids.find("NLD").orElseThrow();
        assertThat(region.intensity()).isEqualTo(nld.intensity());
        assertThat(region.range()).isEqualTo(nld.range());
    }

    @Test
    void gcpRegionKeepsGooglesOwnFigureAndItsYearRange() {
        GridIntensity region = grids.find("gcp:us-central1").orElseThrow();
        assertThat(region.intensity().gramsPerKilowattHour()).isEqualTo(412.72);
        assertThat(region.source()).isEqualTo("gcp-region-carbon-2024");
        assertThat(region.mapsTo()).contains("MROW");
        assertThat(region.range().low().gramsPerKilowattHour()).isEqualTo(412.72);
        assertThat(region.range().high().gramsPerKilowattHour()).isEqualTo(430.0);
    }

    @Test
    void usStatesResolveThroughTheirEgridSubregion() {
        GridIntensity ca = grids.find("us-ca").orElseThrow();
        assertThat(ca.intensity()).isEqualTo(grids.find("CAMX").orElseThrow().intensity());
        assertThat(ca.intensity().poundsPerKilowattHour()).isCloseTo(0.497443, within(1e-9));
        assertThat(grids.ofKind("us-state")).hasSizeGreaterThanOrEqualTo(51);
        assertThat(grids.ofKind("egrid")).hasSize(27);
    }

    @Test
    void coversTheLargestElectricityConsumers() {
        for (String iso : new String[]{"CHN", "USA", "IND", "RUS", "JPN", "BRA", "CAN", "KOR", "DEU", "FRA", "SAU", "IRN",
                "IDN", "MEX", "GBR", "TUR", "ITA", "ESP", "AUS", "TWN", "ZAF", "VNM", "THA", "EGY", "POL", "MYS", "ARE",
                "UKR", "SWE", "NOR", "ARG", "NLD", "PAK", "KAZ", "PHL", "CHL", "BEL", "AUT", "FIN", "CHE"}) {
            assertThat(grids.find(iso)).as(iso).isPresent();
        }
        assertThat(grids.ofKind("country").size()).isGreaterThan(200);
    }

    @Test
    void yearRangeBracketsTheValue() {
        GridIntensity deu = grids.find("deu").orElseThrow();
        assertThat(deu.range().low().compareTo(deu.intensity())).isLessThanOrEqualTo(0);
        assertThat(deu.range().high().compareTo(deu.intensity())).isGreaterThanOrEqualTo(0);
        assertThat(deu.range().isPoint()).isFalse();
    }

    @Test
    void lowestAndHighestCloudRegionsAreFound() {
        assertThat(grids.lowest("cloud-region").orElseThrow().intensity().gramsPerKilowattHour()).isLessThan(20.0);
        assertThat(grids.highest("cloud-region").orElseThrow().intensity().gramsPerKilowattHour()).isGreaterThan(600.0);
    }

    /**
     * The outlier check: a country figure of 0 (a data gap), above 1,100 g/kWh (far above the dirtiest mainly-coal
     * grids here, Kosovo's lignite at about 895) or more than 2.5 times its other catalogued year (hydro droughts
     * stay under that here) must carry an outlier reason, and an outlier is never the cleanest or dirtiest grid.
     */
    @Test
    void implausibleGridFiguresAreMarkedAndKeptOutOfComparisons() {
        for (GridIntensity g : grids.ofKind("country")) {
            double v = g.intensity().gramsPerKilowattHour();
            double lo = g.range().low().gramsPerKilowattHour(), hi = g.range().high().gramsPerKilowattHour();
            boolean implausible = v <= 0 || v > 1100 || (lo > 0 && hi / lo > 2.5);
            if (implausible) assertThat(g.outlier()).as(g.key() + " at " + v + " g/kWh needs an outlier reason").isPresent();
        }
        assertThat(grids.find("TKM").orElseThrow().outlier()).isPresent();
        assertThat(grids.find("UZB").orElseThrow().outlier()).isPresent();
        assertThat(grids.find("CAF").orElseThrow().outlier()).isPresent();
        GridIntensity dirtiest = grids.highest("country").orElseThrow(), cleanest = grids.lowest("country").orElseThrow();
        assertThat(dirtiest.outlier()).isEmpty();
        assertThat(cleanest.outlier()).isEmpty();
        assertThat(dirtiest.key()).isNotIn("TKM", "UZB", "BHR");
        assertThat(cleanest.intensity().gramsPerKilowattHour()).isPositive();
    }

    /** Canadian regions take their province's grid (Quebec almost all hydro), not Canada's 161 g average. */
    @Test
    void canadianRegionsUseTheirProvincesGrid() {
        double canada = grids.find("CAN").orElseThrow().intensity().gramsPerKilowattHour();
        for (String quebec : new String[]{"aws:ca-central-1", "azure:canadaeast"}) {
            GridIntensity g = grids.find(quebec).orElseThrow();
            assertThat(g.mapsTo()).as(quebec).contains("gcp:northamerica-northeast1");
            assertThat(g.intensity().gramsPerKilowattHour()).as(quebec).isLessThan(20.0);
        }
        GridIntensity toronto = grids.find("azure:canadacentral").orElseThrow();
        assertThat(toronto.intensity().gramsPerKilowattHour()).isBetween(20.0, canada);
    }
}
