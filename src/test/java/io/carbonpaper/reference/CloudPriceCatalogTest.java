package io.carbonpaper.reference;

import io.carbonpaper.unit.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(prices.newest("V100").orElseThrow().asOf()).startsWith("2024");
        assertThat(prices.find("gcp-2019", "H100")).isEmpty();
    }
}
