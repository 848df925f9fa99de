package io.carbonpaper.reference;

import io.carbonpaper.unit.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AcceleratorCatalogTest {
    private final AcceleratorCatalog catalog = AcceleratorCatalog.bundled();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Tesla P100-PCIE-16GB, P100",
            "NVIDIA Tesla P100, P100",
            "p100, P100",
            "NVIDIA A100-SXM4-80GB, A100-SXM4-80GB",
            "NVIDIA A100-SXM4-40GB, A100-SXM4-40GB",
            "NVIDIA A100 80GB PCIe, A100-PCIE-80GB",
            "NVIDIA H100 80GB HBM3, H100-SXM",
            "NVIDIA H100 PCIe, H100-PCIE",
            "NVIDIA H100 NVL, H100-NVL",
            "NVIDIA H200, H200",
            "NVIDIA B200, B200",
            "NVIDIA GeForce RTX 4090, RTX4090",
            "NVIDIA GeForce RTX 3090, RTX3090",
            "NVIDIA GeForce GTX 1080 Ti, GTX1080Ti",
            "TITAN X (Pascal), TitanX-Pascal",
            "Tesla M40 24GB, M40",
            "Tesla T4, T4",
            "NVIDIA L4, L4",
            "NVIDIA L40S, L40S",
            "NVIDIA A10, A10",
            "Tesla V100-SXM2-16GB, V100-SXM2",
            "Tesla V100-PCIE-32GB, V100",
            "AMD EPYC 7763 64-Core Processor, EPYC-7763",
            "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz, Xeon-Gold-6148",
    })
    void findsTheRowForEachNvmlAndCpuinfoName(String name, String key) {
        assertThat(catalog.find(name)).map(AcceleratorSpec::key).contains(key);
    }

    @Test
    void v100FormsFollowTheVendorDatasheetNotThePeersSwap() {
        assertThat(catalog.find("Tesla V100-SXM2-16GB").orElseThrow().tdp().orElseThrow().watts()).isEqualTo(300);
        assertThat(catalog.find("Tesla V100-PCIE-16GB").orElseThrow().tdp().orElseThrow().watts()).isEqualTo(250);
        assertThat(catalog.find("V100-SXM2").orElseThrow().note()).contains("swap");
    }

    @Test
    void keepsThePaperKeysAndValues() {
        assertThat(catalog.find("P100").orElseThrow().tdp().orElseThrow().watts()).isEqualTo(250);
        assertThat(catalog.find("P100-SXM2").orElseThrow().tdp().orElseThrow().watts()).isEqualTo(300);
        assertThat(catalog.find("V100").orElseThrow().priceFamily()).isEqualTo("V100");
        assertThat(catalog.find("V100-SXM2").orElseThrow().priceFamily()).isEqualTo("V100");
        assertThat(catalog.find("TPUv2").orElseThrow().tdp()).isEmpty();
        assertThat(catalog.find("TPUv3").orElseThrow().tdp()).isEmpty();
    }

    @Test
    void theStrubellServerPricesAGtx1080TiAtAnEighthOfTwentyThousand() {
        AcceleratorSpec gtx = catalog.find("NVIDIA GeForce GTX 1080 Ti").orElseThrow();
        assertThat(gtx.purchasePrice()).contains(Money.usd(2500));
        assertThat(gtx.priceSource()).contains("strubell-2019");
        assertThat(gtx.tdp().orElseThrow().watts()).isEqualTo(250);
    }

    @Test
    void bloomEmbodiedEstimateSitsOnTheA100Sxm80() {
        AcceleratorSpec a100 = catalog.find("NVIDIA A100-SXM4-80GB").orElseThrow();
        assertThat(a100.embodied().orElseThrow().kilograms()).isEqualTo(150);
        assertThat(a100.embodiedSource()).contains("luccioni-2022");
        assertThat(a100.lifetimeYears()).contains(6.0);
        assertThat(catalog.find("T4").orElseThrow().embodied()).isEmpty();
    }

    @Test
    void unknownNameIsEmptyWithSuggestions() {
        assertThat(catalog.find("Radeon Instinct MI300X")).isEmpty();
        assertThat(catalog.suggestions("A100")).contains("A100-SXM4-40GB");
    }
}
