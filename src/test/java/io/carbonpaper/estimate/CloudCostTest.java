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

    /** A price row no second table confirms says so in its footnote; a corroborated row does not. */
    @Test void anUnverifiedPriceIsMarkedInItsFootnote() {
        AcceleratorSpec v100 = CATALOGS.accelerators().find("V100").orElseThrow();
        var row = new io.carbonpaper.reference.CloudPrice("test-2026", "aws", "us-east-1", "p3.2xlarge", v100.priceFamily(), 1,
                Optional.empty(), io.carbonpaper.unit.Money.usd(3.06), "2026-01-01", "karpenter-aws-prices-2026", "unverified");
        var prices = io.carbonpaper.reference.CloudPriceCatalog.of(List.of(row));
        CloudCost c = CloudCost.of(v100, 1, Hours.of(1), Optional.of("test-2026"), prices);
        assertThat(c.assumptions()).anySatisfy(a -> assertThat(a.text()).contains("test-2026", "unverified"));
        AcceleratorSpec a100 = CATALOGS.accelerators().find("A100-SXM4-40GB").orElseThrow();
        CloudCost reserved = CloudCost.of(a100, 8, Hours.of(1), Optional.of("aws-ri-2026"), CATALOGS.cloudPrices());
        assertThat(reserved.assumptions()).as("the bundled reserved list was read from one table")
                .anySatisfy(a -> assertThat(a.text()).contains("aws-ri-2026", "p4d.24xlarge", "unverified"))
                .anySatisfy(a -> assertThat(a.text()).contains("committed-use", "1 year $1.74"));
        AcceleratorSpec h100 = CATALOGS.accelerators().find("H100").orElseThrow();
        CloudCost azureReserved = CloudCost.of(h100, 8, Hours.of(10), Optional.of("azure-ri-2026"), CATALOGS.cloudPrices());
        assertThat(azureReserved.range().orElseThrow().high().amount()).isCloseTo(983.2, within(1e-9));
        assertThat(azureReserved.assumptions()).as("Azure's reservations were read from one dump of its price API")
                .anySatisfy(a -> assertThat(a.text()).contains("azure-ri-2026", "Standard_ND96isr_H100_v5", "unverified"))
                .anySatisfy(a -> assertThat(a.text()).contains("committed-use", "1 year $7.87", "3 years $5.40"));
        CloudCost checked = CloudCost.of(v100, 1, Hours.of(1), Optional.empty(), CATALOGS.cloudPrices());
        assertThat(checked.assumptions()).allSatisfy(a -> assertThat(a.text()).doesNotContain("unverified"));
    }

    /**
     * A g4ad run names its GPU as AWS does ("Radeon Pro V520"); it resolves to the catalog's row, whose power is
     * unpublished, and its device-hours are priced from AWS's g4ad.xlarge.
     */
    @Test void aG4adRunIsPricedAsTheRadeonProV520() {
        AcceleratorSpec v520 = CATALOGS.accelerators().find("Radeon Pro V520").orElseThrow();
        assertThat(v520.key()).isEqualTo("Radeon-Pro-V520");
        assertThat(v520.tdp()).as("AMD publishes no board power for it").isEmpty();
        CloudCost c = CloudCost.of(v520, 2, Hours.of(10), Optional.empty(), Optional.of("aws"), CATALOGS.cloudPrices());
        assertThat(c.catalog()).contains("aws-2026");
        assertThat(c.range().orElseThrow().high().amount()).isEqualTo(0.37853 * 20, within(1e-9));
        assertThat(c.range().orElseThrow().low().amount()).as("AWS lists no spot price").isEqualTo(0.37853 * 20, within(1e-9));
    }

    /**
     * A run in a cloud provider's region is priced from that provider's newest list, not from a newer list of
     * another provider; a provider whose lists do not price the accelerator falls back to the newest of all.
     */
    @Test void aRunInACloudRegionIsPricedFromItsProvidersNewestList() {
        AcceleratorSpec b200 = CATALOGS.accelerators().find("B200").orElseThrow();
        var prices = CATALOGS.cloudPrices();
        String newestOfAll = prices.newest(b200.priceFamily()).orElseThrow().catalog();
        String newestAws = prices.newest(b200.priceFamily(), "aws").orElseThrow().catalog();
        assertThat(newestAws).as("the bundled lists price the B200 at AWS and, newer, elsewhere").isNotEqualTo(newestOfAll);

        CloudCost onAws = CloudCost.of(b200, 8, Hours.of(1), Optional.empty(), Optional.of("aws"), prices);
        var awsRow = prices.newest(b200.priceFamily(), "aws").orElseThrow();
        assertThat(onAws.catalog()).contains(newestAws);
        assertThat(onAws.range().orElseThrow().high().amount()).isEqualTo(awsRow.onDemand().amount(), within(1e-9));
        assertThat(onAws.assumptions()).anySatisfy(a -> {
            assertThat(a.id()).isEqualTo("price-list-own-" + newestAws + "-" + awsRow.instanceType());
            assertThat(a.text()).contains("the newest aws list that prices it", "the run's region is aws's");
        });

        CloudCost nowhere = CloudCost.of(b200, 8, Hours.of(1), Optional.empty(), Optional.empty(), prices);
        assertThat(nowhere.catalog()).contains(newestOfAll);
        assertThat(nowhere.assumptions()).anySatisfy(a -> assertThat(a.text()).contains(", the newest list that prices it"));

        // the provider has no B200 row: the newest list of any provider prices it, and says so
        String without = java.util.stream.Stream.of("aws", "gcp", "azure").filter(v -> prices.newest(b200.priceFamily(), v).isEmpty())
                .findFirst().orElse("oracle");
        CloudCost elsewhere = CloudCost.of(b200, 8, Hours.of(1), Optional.empty(), Optional.of(without), prices);
        assertThat(elsewhere.catalog()).contains(newestOfAll);
        assertThat(elsewhere.assumptions()).anySatisfy(a -> assertThat(a.text()).contains(", the newest list that prices it"));

        // a price_catalog still wins over the provider
        CloudCost named = CloudCost.of(b200, 8, Hours.of(1), Optional.of(newestOfAll), Optional.of("aws"), prices);
        assertThat(named.catalog()).contains(newestOfAll);
    }

    /** The estimator reads the provider from the run's region, else the project's, even where the intensity is declared. */
    @Test void theEstimatorPricesByTheProviderOfTheRunsRegion() {
        AcceleratorSpec b200 = CATALOGS.accelerators().find("B200").orElseThrow();
        String newestAws = CATALOGS.cloudPrices().newest(b200.priceFamily(), "aws").orElseThrow().catalog();
        String newestOfAll = CATALOGS.cloudPrices().newest(b200.priceFamily()).orElseThrow().catalog();
        var estimator = new TrainingCostEstimator(CATALOGS, io.carbonpaper.settings.ProjectConfig.defaults());
        var base = ExperimentBuilder.experiment("b200-run").hardware("B200", 8).hours(2);
        assertThat(estimator.estimate(base.region("aws:us-east-1").build()).estimate().orElseThrow().priceCatalog()).contains(newestAws);
        assertThat(estimator.estimate(base.region("us-east-1").build()).estimate().orElseThrow().priceCatalog()).contains(newestAws);
        assertThat(estimator.estimate(base.region("DEU").build()).estimate().orElseThrow().priceCatalog()).contains(newestOfAll);
        assertThat(estimator.estimate(base.region("aws:us-east-1").carbonIntensity(300).build())
                .estimate().orElseThrow().priceCatalog()).contains(newestAws);
    }

    /** Every priced row says which list priced it: the catalog, instance, region and date, and cites the list's source. */
    @Test void thePricedRowNamesItsList() {
        AcceleratorSpec h100 = CATALOGS.accelerators().find("H100").orElseThrow();
        CloudCost newest = CloudCost.of(h100, 8, Hours.of(1), Optional.empty(), CATALOGS.cloudPrices());
        assertThat(newest.assumptions()).anySatisfy(a -> {
            assertThat(a.id()).isEqualTo("price-list-gcp-2026-a3-highgpu-8g");
            assertThat(a.text()).contains("gcp-2026", "a3-highgpu-8g", "8 x H100", "us-central1", "2026-07-22", "newest list")
                    .doesNotContain("unverified");
            assertThat(a.sources()).containsExactly("gcp-a3-pricing-2026");
        });
        assertThat(newest.range().orElseThrow().high().amount()).isCloseTo(88.494, within(1e-9));
        CloudCost onAws = CloudCost.of(h100, 8, Hours.of(1), Optional.empty(), Optional.of("aws"), CATALOGS.cloudPrices());
        assertThat(onAws.assumptions()).anySatisfy(a -> {
            assertThat(a.id()).isEqualTo("price-list-own-aws-2026-p5.48xlarge");
            assertThat(a.text()).contains("aws-2026", "p5.48xlarge", "8 x H100", "us-east-1", "2026-07-20", "the run's region");
            assertThat(a.sources()).containsExactly("karpenter-aws-prices-2026");
        });
        AcceleratorSpec p100 = CATALOGS.accelerators().find("P100").orElseThrow();
        CloudCost paper = CloudCost.of(p100, 1, Hours.of(1), Optional.of("gcp-2019"), CATALOGS.cloudPrices());
        assertThat(paper.assumptions()).singleElement().satisfies(a -> assertThat(a.text()).contains("gcp-2019", "price_catalog"));
    }

    /** A list with committed-use prices says them in a footnote citing the list; the range stays spot to on demand. */
    @Test void committedUsePricesAreNamedButDoNotSetTheRange() {
        AcceleratorSpec h100 = CATALOGS.accelerators().find("H100").orElseThrow();
        CloudCost c = CloudCost.of(h100, 8, Hours.of(10), Optional.of("gcp-2025"), CATALOGS.cloudPrices());
        assertThat(c.range().orElseThrow().high().amount()).isCloseTo(80 * 9.796550569, within(1e-6));
        assertThat(c.range().orElseThrow().low().amount()).isCloseTo(80 * 2.253, within(1e-6));
        assertThat(c.assumptions()).anySatisfy(a -> {
            assertThat(a.text()).contains("gcp-2025", "1 year $6.80", "3 years $4.30");
            assertThat(a.sources()).containsExactly("gcp-billing-catalog-2025");
        });
        CloudCost newest = CloudCost.of(h100, 8, Hours.of(10), Optional.empty(), CATALOGS.cloudPrices());
        assertThat(newest.assumptions()).noneSatisfy(a -> assertThat(a.text()).contains("committed-use"));
    }
}
