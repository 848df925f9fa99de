package io.carbonpaper.reference;

import io.carbonpaper.unit.Money;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CloudPriceCatalogTest {
    private final CloudPriceCatalog prices = CloudPriceCatalog.bundled();

    @Test
    void thePapersGcp2019PricesPerDeviceHour() {
        assertPrice("P100", 0.43, 1.46);
        assertPrice("V100", 0.74, 2.48);
        assertPrice("TPUv2", 1.35, 4.50);
        assertPrice("TPUv3", 2.40, 8.00);
    }

    private void assertPrice(String accelerator, double spot, double onDemand) {
        CloudPrice p = prices.find("gcp-2019", accelerator).orElseThrow();
        assertThat(p.spotPerDeviceHour()).isEqualTo(Money.usd(spot));
        assertThat(p.onDemandPerDeviceHour()).isEqualTo(Money.usd(onDemand));
    }

    /** TPU v4-v6e per chip-hour from gpuhunt's table, each checked against SkyPilot's; spot left out where the two disagree. */
    @Test
    void newerTpusArePricedPerChipAndSayWhetherAnyoneCheckedThem() {
        CloudPrice v6e = prices.newest("TPUv6e").orElseThrow();
        assertThat(v6e.catalog()).isEqualTo("gcp-tpu-2024");
        assertThat(v6e.onDemandPerDeviceHour()).isEqualTo(Money.usd(2.70));
        assertThat(v6e.spot()).as("the tables disagree on spot").isEmpty();
        assertThat(v6e.verification()).isEqualTo("corroborated");
        assertThat(prices.newest("TPUv5p").orElseThrow().onDemandPerDeviceHour()).isEqualTo(Money.usd(4.20));
        for (String tpu : new String[]{"TPUv5p", "TPUv5e", "TPUv4"}) {
            CloudPrice p = prices.newest(tpu).orElseThrow();
            assertThat(p.verification()).as(tpu).isEqualTo("corroborated");
            assertThat(p.spot()).as(tpu + ": the tables disagree on spot").isEmpty();
        }
        assertThat(prices.newest("TPUv5e").orElseThrow().onDemandPerDeviceHour()).isEqualTo(Money.usd(1.20));
        assertThat(prices.newest("TPUv4").orElseThrow().onDemandPerDeviceHour()).isEqualTo(Money.usd(3.22));
        assertThat(prices.newest("TPUv3").orElseThrow().catalog()).as("the paper's list still prices v3").isEqualTo("gcp-2019");
    }

    @Test
    void eightGpuInstancesArePricedPerDevice() {
        CloudPrice p5 = prices.find("aws-2024", "H100").orElseThrow();
        assertThat(p5.count()).isEqualTo(8);
        assertThat(p5.onDemandPerDeviceHour().amount()).isEqualTo(98.32 / 8);
        assertThat(p5.spot()).isEmpty();
        assertThat(p5.spotPerDeviceHour()).isEqualTo(p5.onDemandPerDeviceHour());
    }

    @Test
    void currentCatalogsExistForEachProvider() {
        assertThat(prices.hasCatalog("aws-2024")).isTrue();
        assertThat(prices.hasCatalog("gcp-2024")).isTrue();
        assertThat(prices.hasCatalog("azure-2024")).isTrue();
        assertThat(prices.hasCatalog("aws-2026")).isTrue();
        assertThat(prices.hasCatalog("azure-2026")).isTrue();
        assertThat(prices.newest("V100").orElseThrow().asOf()).startsWith("2026");
        assertThat(prices.find("gcp-2019", "H100")).isEmpty();
    }

    @Test
    void theNewestAwsH100ListIsAfterTheJune2025Cut() {
        CloudPrice h100 = prices.newest("H100", "aws").orElseThrow();
        assertThat(h100.catalog()).isEqualTo("aws-2026");
        assertThat(h100.instanceType()).isEqualTo("p5.48xlarge");
        assertThat(h100.onDemandPerDeviceHour().amount()).isEqualTo(55.04 / 8);
        assertThat(h100.onDemandPerDeviceHour().amount())
                .isLessThan(prices.find("aws-2024", "H100").orElseThrow().onDemandPerDeviceHour().amount());
    }

    @Test
    void the2025And2026AcceleratorsHaveAPrice() {
        for (String family : new String[]{"H100", "H100-NVL", "H200", "B200", "B300", "MI300X", "A10G", "A10", "L4", "L40S",
                "A100-40GB", "A100-80GB", "T4", "V100", "Trainium", "Inferentia2"}) {
            CloudPrice p = prices.newest(family).orElseThrow(() -> new AssertionError("no price for " + family));
            assertThat(p.asOf()).as(family).startsWith("2026");
            assertThat(p.verification()).as(family).isEqualTo("corroborated");
        }
    }

    /**
     * Accelerators AWS rents that the hardware catalog knows: priced from the same 2026 list, each checked against a
     * second table (a hand-kept 2022 EC2 table, or an ec2instances.info copy of 2026-01-21).
     */
    @Test
    void olderAndRarerAwsAcceleratorsArePricedAndSayWhetherAnyoneCheckedThem() {
        for (String family : new String[]{"Gaudi", "T4G", "Inferentia", "K80", "M60", "RTXPRO6000-Server", "K520"}) {
            CloudPrice p = prices.newest(family, "aws").orElseThrow(() -> new AssertionError("no price for " + family));
            assertThat(p.catalog()).as(family).isEqualTo("aws-2026");
        }
        CloudPrice gaudi = prices.newest("Gaudi").orElseThrow();
        assertThat(gaudi.count()).isEqualTo(8);
        assertThat(gaudi.onDemandPerDeviceHour().amount()).isEqualTo(13.10904 / 8);
        assertThat(gaudi.verification()).isEqualTo("corroborated");
        assertThat(prices.newest("T4G").orElseThrow().verification()).isEqualTo("corroborated");
        for (String family : new String[]{"Inferentia", "K80", "M60", "RTXPRO6000-Server"})
            assertThat(prices.newest(family, "aws").orElseThrow().verification()).as(family).isEqualTo("corroborated");
        assertThat(prices.newest("RTXPRO6000-Server", "aws").orElseThrow().onDemand()).isEqualTo(Money.usd(3.36312));
        CloudPrice k520 = prices.newest("K520").orElseThrow();
        assertThat(k520.instanceType()).isEqualTo("g2.2xlarge");
        assertThat(k520.onDemandPerDeviceHour()).isEqualTo(Money.usd(0.65));
        assertThat(k520.verification()).isEqualTo("corroborated");
    }

    /**
     * AWS's 1-year reserved prices come from one copy, dated 2026-01-21: an older, unverified list that prices nothing
     * by default but gives the committed price when a report asks for it by name.
     */
    @Test
    void awsReservedPricesAreAnOlderUnverifiedListUsedOnlyWhenNamed() {
        CloudPrice a100 = prices.find("aws-ri-2026", "A100-40GB").orElseThrow();
        assertThat(a100.instanceType()).isEqualTo("p4d.24xlarge");
        assertThat(a100.commit1y()).contains(Money.usd(13.921094));
        assertThat(a100.commit3y()).isEmpty();
        assertThat(a100.onDemand()).isEqualTo(prices.find("aws-2026", "A100-40GB").orElseThrow().onDemand());
        assertThat(a100.unverified()).isTrue();
        assertThat(a100.asOf()).isEqualTo("2026-01-21");
        for (String family : new String[]{"A100-40GB", "A100-80GB", "T4", "A10G", "L4", "L40S", "Trainium", "Inferentia2",
                "T4G", "Inferentia", "Radeon-Pro-V520"}) {
            CloudPrice ri = prices.find("aws-ri-2026", family).orElseThrow(() -> new AssertionError("no reserved price for " + family));
            assertThat(ri.commit1y().orElseThrow().amount()).as(family).isLessThan(ri.onDemand().amount() * 0.7);
            assertThat(prices.newest(family).orElseThrow().catalog()).as(family).isNotEqualTo("aws-ri-2026");
        }
    }

    /**
     * Azure's 1- and 3-year reservation prices for the ND H100 v5 come from one dump of the Retail Prices API (term
     * totals over 8,760 and 26,280 hours): a list newer than azure-2026 but unverified, so it prices nothing by default.
     */
    @Test
    void azureReservationsAreOneCopySoTheyPriceOnlyWhenNamed() {
        CloudPrice ri = prices.find("azure-ri-2026", "H100").orElseThrow();
        assertInstance(ri, "azure-ri-2026", "Standard_ND96isr_H100_v5", 8, 98.32);
        assertThat(ri.onDemand()).isEqualTo(prices.find("azure-2026", "H100").orElseThrow().onDemand());
        assertThat(ri.commit1y().orElseThrow().amount()).isCloseTo(551221.0 / 8760, within(1e-5));
        assertThat(ri.commit3y().orElseThrow().amount()).isCloseTo(1134310.0 / 26280, within(1e-5));
        assertThat(ri.unverified()).isTrue();
        assertThat(ri.asOf()).as("newer than azure-2026").isGreaterThan(prices.find("azure-2026", "H100").orElseThrow().asOf());
        assertThat(prices.newest("H100", "azure").orElseThrow().catalog()).isEqualTo("azure-2026");
        assertThat(prices.newest("H100").orElseThrow().catalog()).isNotEqualTo("azure-ri-2026");
    }

    /**
     * GCP's a4 (8 x B200) is billed as one machine price: two copies agree on 90.216 on demand in us-central1, and the
     * newer list (2026-07-22) prices the B200 by the accelerator-then-date rule; AWS's p6-b200 stays in its own list.
     */
    @Test
    void gcpA4PricesTheB200AsAWholeMachineFromTheNewestCorroboratedList() {
        CloudPrice b200 = prices.newest("B200").orElseThrow();
        assertInstance(b200, "gcp-2026", "a4-highgpu-8g", 8, 90.216);
        assertThat(b200.asOf()).isEqualTo("2026-07-22");
        assertThat(b200.verification()).isEqualTo("corroborated");
        assertThat(b200.spot()).as("only one copy gives a spot price").isEmpty();
        assertThat(prices.find("aws-2026", "B200").orElseThrow().instanceType()).isEqualTo("p6-b200.48xlarge");
        assertThat(prices.newest("H100").orElseThrow().catalog()).as("the same list's a3 row prices H100s").isEqualTo("gcp-2026");
    }

    /**
     * GCP's a3-highgpu-8g (8 x H100, whole machine): two tables of 2026-07-22 give 88.494 and 88.49, so the row is
     * corroborated and, its list being the newest with an H100 row, prices an H100 by default and a run in a GCP region;
     * a run in an AWS or Azure region stays on its provider's list.
     */
    @Test
    void gcpA3IsCorroboratedSoItPricesH100sByDefault() {
        CloudPrice a3 = prices.find("gcp-2026", "H100").orElseThrow();
        assertInstance(a3, "gcp-2026", "a3-highgpu-8g", 8, 88.494);
        assertThat(a3.asOf()).isEqualTo("2026-07-22");
        assertThat(a3.verification()).isEqualTo("corroborated");
        assertThat(a3.unverified()).isFalse();
        assertThat(a3.spot()).as("the copies agree on no spot price").isEmpty();
        assertThat(a3.commit1y()).isEmpty();
        assertThat(a3.asOf()).as("the newest list with an H100 row")
                .isGreaterThan(prices.find("aws-2026", "H100").orElseThrow().asOf());
        assertThat(prices.newest("H100")).contains(a3);
        assertThat(a3.onDemandPerDeviceHour().amount()).isEqualTo(88.494 / 8);
        assertThat(prices.newest("H100", "gcp")).as("no longer gcp-2025's GPU SKU alone").contains(a3);
        assertThat(prices.newest("H100", "aws").orElseThrow().instanceType()).isEqualTo("p5.48xlarge");
        assertThat(prices.newest("H100", "azure").orElseThrow().catalog()).isEqualTo("azure-2026");
        assertThat(prices.newest("B200").orElseThrow().catalog()).as("the a4 row is unaffected").isEqualTo("gcp-2026");
    }

    /**
     * GCP's a2-highgpu-8g (8 x A100 40 GB, whole machine): two tables of 2026-07-22 give 29.38708 and 29.387, so the newest
     * corroborated list with an A100 40 GB row is GCP's; it is 8 x the 2024 a2-highgpu-1g machine, the same price per GPU.
     */
    @Test
    void gcpA2PricesTheA100FortyGbFromTheNewestCorroboratedList() {
        CloudPrice a2 = prices.newest("A100-40GB").orElseThrow();
        assertInstance(a2, "gcp-2026", "a2-highgpu-8g", 8, 29.38708);
        assertThat(a2.verification()).isEqualTo("corroborated");
        assertThat(a2.spot()).as("only one copy gives a spot price").isEmpty();
        assertThat(a2.onDemandPerDeviceHour().amount()).isCloseTo(prices.find("gcp-2024", "A100-40GB").orElseThrow().onDemand().amount(),
                within(1e-9));
        assertThat(prices.newest("A100-40GB", "gcp")).contains(a2);
        assertThat(prices.newest("A100-40GB", "aws").orElseThrow().instanceType()).isEqualTo("p4d.24xlarge");
        assertThat(prices.newest("A100-40GB", "azure").orElseThrow().instanceType()).isEqualTo("Standard_ND96asr_v4");
        assertThat(prices.newest("A100-80GB").orElseThrow().catalog()).as("no A100 80 GB row in gcp-2026").isEqualTo("aws-2026");
    }

    /**
     * GCP's g4-standard-48 rents one RTX PRO 6000 Blackwell Server Edition, billed as one machine price: four tables agree
     * on 4.50 on demand in us-central1, and the 2026-07-22 list is newer than AWS's g7e, so it prices the GPU by default.
     */
    @Test
    void gcpG4PricesTheRtxPro6000ServerFromTheNewestCorroboratedList() {
        CloudPrice g4 = prices.newest("RTXPRO6000-Server").orElseThrow();
        assertInstance(g4, "gcp-2026", "g4-standard-48", 1, 4.49993);
        assertThat(g4.verification()).isEqualTo("corroborated");
        assertThat(g4.spot()).as("only one copy gives a spot price").isEmpty();
        assertThat(prices.newest("RTXPRO6000-Server", "gcp")).contains(g4);
        assertThat(prices.newest("RTXPRO6000-Server", "aws").orElseThrow().instanceType()).isEqualTo("g7e.2xlarge");
        assertThat(prices.newest("RTXPRO6000-Server", "azure")).as("no whole-GPU Azure size was entered").isEmpty();
    }

    /** AWS's g4ad.xlarge rents one AMD Radeon Pro V520; two copies give 0.37853 on demand, so it is corroborated. */
    @Test
    void theRadeonProV520IsPricedFromAwsG4ad() {
        CloudPrice v520 = prices.newest("Radeon-Pro-V520").orElseThrow();
        assertInstance(v520, "aws-2026", "g4ad.xlarge", 1, 0.37853);
        assertThat(v520.verification()).isEqualTo("corroborated");
        assertThat(prices.newest("Radeon-Pro-V520", "aws")).contains(v520);
        assertThat(prices.newest("Radeon-Pro-V520", "gcp")).as("only AWS rents it").isEmpty();
        assertThat(prices.find("aws-ri-2026", "Radeon-Pro-V520").orElseThrow().commit1y()).contains(Money.usd(0.23847));
    }

    /** Azure's ND GB200 v6 VM holds four Blackwell GPUs; one price table only, so the row says it is unverified. */
    @Test
    void gb200IsPricedPerGpuFromAzuresFourGpuVmAndMarkedUnverified() {
        CloudPrice gb200 = prices.newest("GB200").orElseThrow();
        assertInstance(gb200, "azure-2026", "Standard_ND128isr_NDR_GB200_v6", 4, 108.16);
        assertThat(gb200.unverified()).isTrue();
    }

    /** Within a list the first row wins, not the cheapest: Azure's 8-GPU A100 80 GB size, not the 1-GPU PCIe one. */
    @Test
    void withinAListTheReferenceInstanceWinsNotTheCheapest() {
        CloudPrice a100 = prices.find("azure-2026", "A100-80GB").orElseThrow();
        assertThat(a100.instanceType()).isEqualTo("Standard_ND96amsr_A100_v4");
        assertThat(a100.onDemandPerDeviceHour().amount()).isGreaterThan(3.673);
    }

    @Test
    void equalDatesFallToAFixedOrderNeverToTheCheaperList() {
        CloudPriceCatalog two = new CloudPriceCatalog(List.of(
                row("zeta-2026", "2026-01-01", 1.0, "corroborated"),
                row("alpha-2026", "2026-01-01", 9.0, "corroborated")));
        assertThat(two.newest("H100").orElseThrow().catalog()).isEqualTo("alpha-2026");
    }

    @Test
    void anUnverifiedListNeverPricesWhatABackedListPrices() {
        CloudPriceCatalog mixed = new CloudPriceCatalog(List.of(
                row("old-2024", "2024-06-01", 5.0, "corroborated"),
                row("new-2026", "2026-06-01", 1.0, "unverified")));
        assertThat(mixed.newest("H100").orElseThrow().catalog()).isEqualTo("old-2024");
        CloudPriceCatalog alone = new CloudPriceCatalog(List.of(row("new-2026", "2026-06-01", 1.0, "unverified")));
        assertThat(alone.newest("H100").orElseThrow().catalog()).isEqualTo("new-2026");
    }

    /**
     * GCP's a3/a2/g2 GPUs per GPU from Google's billing catalog (effective 2025-06-16), with Spot and 1- and 3-year
     * commitments; a commitment above on demand, or a 3-year above the 1-year, is refused.
     */
    @Test
    void gcpGpuSkusCarryTheirCommitments() {
        CloudPrice h100 = prices.find("gcp-2025", "H100").orElseThrow();
        assertThat(h100.onDemand()).isEqualTo(Money.usd(9.796550569));
        assertThat(h100.spot()).contains(Money.usd(2.253));
        assertThat(h100.commit1y()).contains(Money.usd(6.79880857));
        assertThat(h100.commit3y()).contains(Money.usd(4.299898566));
        assertThat(h100.asOf()).isEqualTo("2025-06-16");
        assertThat(prices.find("gcp-2025", "A100-40GB").orElseThrow().onDemand()).isEqualTo(Money.usd(2.933908));
        assertThat(prices.find("gcp-2025", "A100-80GB").orElseThrow().commit3y()).contains(Money.usd(3.09659));
        assertThat(prices.find("gcp-2025", "L4").orElseThrow().onDemand()).isEqualTo(Money.usd(0.560040239));
        assertThat(prices.find("gcp-2025", "H200").orElseThrow().commit1y()).contains(Money.usd(6.43139));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CloudPrice("x-2026", "gcp", "r", "i", "H100", 1, Optional.empty(),
                Money.usd(1.0), "2026-01-01", "src", "corroborated", Optional.of(Money.usd(1.5)), Optional.empty()))
                .hasMessageContaining("commitment price above on demand");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CloudPrice("x-2026", "gcp", "r", "i", "H100", 1, Optional.empty(),
                Money.usd(1.0), "2026-01-01", "src", "corroborated", Optional.of(Money.usd(0.5)), Optional.of(Money.usd(0.6))))
                .hasMessageContaining("3-year");
        CloudPrice p4 = prices.find("gcp-2025", "P4").orElseThrow();
        assertThat(p4.onDemand()).isEqualTo(Money.usd(0.6));
        assertThat(p4.spot()).contains(Money.usd(0.24));
        assertThat(p4.commit1y()).contains(Money.usd(0.378));
        assertThat(p4.commit3y()).contains(Money.usd(0.27));
        assertThat(prices.newest("P4").orElseThrow().catalog()).as("no other list rents the P4").isEqualTo("gcp-2025");
        assertThat(prices.find("gcp-2025", "V100").orElseThrow().commit3y()).contains(Money.usd(1.116));
        assertThat(prices.newest("V100").orElseThrow().catalog()).as("AWS's 2026 list is newer").isEqualTo("aws-2026");
        // Newer lists still price these by default: the per-GPU SKU never undercuts a whole instance silently.
        assertThat(prices.newest("H100").orElseThrow().catalog()).isEqualTo("gcp-2026");
        assertThat(prices.newest("H100").orElseThrow().instanceType()).isEqualTo("a3-highgpu-8g");
    }

    @Test
    void aVerificationOutsideTheThreeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> row("x-2026", "2026-01-01", 1.0, "checked"))
                .hasMessageContaining("verification");
    }

    /** A row of {@code catalog} for {@code instanceType}, whose {@code count} devices cost {@code onDemand} an hour together. */
    private static void assertInstance(CloudPrice p, String catalog, String instanceType, int count, double onDemand) {
        assertThat(p.catalog()).isEqualTo(catalog);
        assertThat(p.instanceType()).isEqualTo(instanceType);
        assertThat(p.count()).isEqualTo(count);
        assertThat(p.onDemand()).isEqualTo(Money.usd(onDemand));
        assertThat(p.onDemandPerDeviceHour().amount()).isEqualTo(onDemand / count);
    }

    private static CloudPrice row(String catalog, String asOf, double onDemand, String verification) {
        return new CloudPrice(catalog, "aws", "us-east-1", "p5.48xlarge", "H100", 1, Optional.empty(), Money.usd(onDemand),
                asOf, "src", verification);
    }
}
