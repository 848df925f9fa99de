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
        assertThat(catalog.find("Radeon Instinct MI300Z")).isEmpty();
        assertThat(catalog.find("NVIDIA GeForce RTX 3090 OC")).isEmpty();
        assertThat(catalog.suggestions("NVIDIA GeForce RTX 3090 OC")).containsExactly("RTX3090");
        assertThat(catalog.suggestions("A100")).contains("A100-SXM4-40GB");
        assertThat(catalog.suggestions("NVIDIA A100 SXM4")).containsExactlyInAnyOrder("A100-SXM4-40GB", "A100-SXM4-80GB");
        assertThat(catalog.suggestions("NVIDIA A100 SXM4 80 GB HBM2e")).isEmpty(); // "80 GB" is two words: no memory stated, "gb" left over
        assertThat(catalog.suggestions("NVIDIA A100-SXM4 80GB HBM2e")).containsExactly("A100-SXM4-80GB");
        assertThat(catalog.suggestions("nothing like a GPU")).isEmpty();
    }

    /** Names as nvidia-smi, rocm-smi, hl-smi, xpu-smi, W&B, MLflow and CodeCarbon print them, including every one seen in real logs. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "TITAN RTX | Titan-RTX",
            "NVIDIA GB10 | GB10",
            "NVIDIA GeForce GTX 1050 Ti | GTX1050Ti",
            "NVIDIA GeForce RTX 3060 Ti | RTX3060Ti",
            "NVIDIA GeForce RTX 3060 | RTX3060",
            "Apple M1 | Apple-M1",
            "Apple M2 Max | Apple-M2-Max",
            "Apple M4 Pro | Apple-M4-Pro",
            "NVIDIA GeForce GTX 1650 | GTX1650",
            "NVIDIA GeForce GTX 1650 Ti | GTX1650Ti",
            "NVIDIA GeForce MX450 | MX450",
            "Tesla V100-PCIE-32GB | V100",
            "NVIDIA A100-PCIE-40GB | A100-PCIE-40GB",
            "NVIDIA GeForce RTX 4090 | RTX4090",
            "NVIDIA GeForce RTX 3080 Ti | RTX3080Ti",
            "NVIDIA GeForce RTX 4060 | RTX4060",
            "NVIDIA GeForce RTX 3080 Laptop GPU | RTX3080-Laptop",
            "NVIDIA GeForce RTX 4070 Laptop GPU | RTX4070-Laptop",
            "GeForce GTX 1060 6GB | GTX1060-6GB",
            "GeForce GTX 1060 3GB | GTX1060-3GB",
            "GeForce GTX 1080 | GTX1080",
            "GeForce GTX TITAN X | GTX-TitanX-Maxwell",
            "TITAN Xp | Titan-Xp",
            "TITAN V | Titan-V",
            "NVIDIA GeForce RTX 2080 with Max-Q Design | RTX2080-MaxQ",
            "Tesla K80 | K80",
            "Tesla M60 | M60",
            "Tesla P40 | P40",
            "Tesla P4 | P4",
            "NVIDIA A10G | A10G",
            "NVIDIA A40 | A40",
            "NVIDIA L40 | L40",
            "NVIDIA H100 80GB HBM3 | H100-SXM",
            "NVIDIA H200 NVL | H200-NVL",
            "NVIDIA GH200 480GB | GH200",
            "NVIDIA GB200 | GB200",
            "NVIDIA B300 SXM6 AC | B300",
            "Quadro RTX 6000 | Quadro-RTX6000",
            "Quadro P5000 | Quadro-P5000",
            "NVIDIA RTX A6000 | RTXA6000",
            "NVIDIA RTX 6000 Ada Generation | RTX6000-Ada",
            "NVIDIA RTX PRO 6000 Blackwell Workstation Edition | RTXPRO6000-Blackwell",
            "NVIDIA RTX PRO 6000 Blackwell Server Edition | RTXPRO6000-Server",
            "NVIDIA Jetson AGX Orin | Jetson-AGX-Orin-64GB",
            "NVIDIA Jetson Nano Developer Kit | Jetson-Nano",
            "AMD Instinct MI250X | MI250X",
            "AMD Instinct MI250X/MI250 | MI250X",
            "Instinct MI210 | MI210",
            "AMD Instinct MI300X | MI300X",
            "AMD Instinct MI355X | MI355X",
            "Radeon Instinct MI50 | MI50",
            "AMD Radeon RX 7900 XTX | RX7900XTX",
            "Radeon RX 6800 XT | RX6800XT",
            "AMD Radeon PRO W7900 | Radeon-Pro-W7900",
            "AMD Radeon VII | Radeon-VII",
            "AMD Radeon Pro VII | Radeon-Pro-VII",
            "AMD Radeon Pro V520 | Radeon-Pro-V520",
            "Radeon Pro V520 | Radeon-Pro-V520",
            "Intel(R) Data Center GPU Max 1550 | Max-1550",
            "Intel(R) Arc(TM) A770 Graphics | Arc-A770",
            "HL-225 | Gaudi2",
            "Intel Gaudi 3 | Gaudi3",
            "TPU v5p | TPUv5p",
            "TPU v6e | TPUv6e",
            "Google Cloud TPU v4 | TPUv4",
            "Trainium2 | Trainium2",
            "AWS Inferentia2 | Inferentia2",
            "NVIDIA GeForce GTX 1080 Ti | GTX1080Ti",
            "NVIDIA GeForce RTX 2070 | RTX2070",
            "NVIDIA GeForce RTX 4060 Laptop GPU | RTX4060-Laptop",
            "GeForce GTX 1070 | GTX1070",
            "Tesla V100S-PCIE-32GB | V100S",
            "NVIDIA A100-SXM4-40GB | A100-SXM4-40GB",
            "NVIDIA L40S | L40S",
            "NVIDIA L40S 48GB | L40S",
            "NVIDIA A40 | A40",
            "NVIDIA RTX A6000 | RTXA6000",
            "NVIDIA GeForce RTX 5090 | RTX5090",
            "NVIDIA GeForce RTX 2080 Ti | RTX2080Ti",
            "NVIDIA H100 NVL | H100-NVL",
            "Apple M4 Pro | Apple-M4-Pro",
    })
    void findsNamesAsToolsPrintThem(String name, String key) {
        assertThat(catalog.find(name)).map(AcceleratorSpec::key).contains(key);
    }

    @Test
    void everyRowsOwnSpellingsResolveToItselfWithOrWithoutABrandInFront() {
        for (AcceleratorSpec s : catalog.all()) {
            for (String n : AcceleratorCatalog.spellings(s)) {
                assertThat(catalog.find(n)).as(n).map(AcceleratorSpec::key).contains(s.key());
                assertThat(catalog.find(n.toUpperCase(java.util.Locale.ROOT))).as(n).map(AcceleratorSpec::key).contains(s.key());
                for (String brand : AcceleratorCatalog.BRAND_WORDS)
                    assertThat(catalog.find(brand + " " + n)).as(brand + " " + n).map(AcceleratorSpec::key).contains(s.key());
            }
        }
    }

    @Test
    void droppingALeadingBrandWordNeverLandsOnAnotherPart() {
        for (AcceleratorSpec s : catalog.all()) {
            for (String n : AcceleratorCatalog.spellings(s)) {
                String norm = AcceleratorCatalog.normalise(n);
                for (String brand : AcceleratorCatalog.BRAND_WORDS) {
                    if (!norm.startsWith(brand) || norm.length() == brand.length()) continue;
                    catalog.find(norm.substring(brand.length())).ifPresent(other ->
                            assertThat(other.key()).as("'" + n + "' without '" + brand + "'").isEqualTo(s.key()));
                }
            }
        }
    }

    @Test
    void everyRowHasVendorFamilySourceAndYear() {
        SourceCatalog sources = SourceCatalog.bundled();
        for (AcceleratorSpec s : catalog.all()) {
            assertThat(s.vendor()).as(s.key()).isNotBlank();
            assertThat(s.family()).as(s.key()).isNotBlank();
            assertThat(sources.find(s.source())).as(s.key() + " source " + s.source()).isPresent();
            assertThat(s.year()).as(s.key()).isBetween(2010, 2030);
            assertThat(s.launchYear()).as(s.key()).isLessThanOrEqualTo(s.year());
        }
    }

    @ParameterizedTest(name = "{0} is never suggested as {1}")
    @CsvSource(delimiter = '|', value = {
            "NVIDIA L40 OC | L4", "NVIDIA L40 | L4", "L40 48 GB | L4", "NVIDIA L4 24GB | L40",
            "NVIDIA A10G OC | A10", "A10G | A10", "NVIDIA A10 24GB | A10G",
            "NVIDIA GH200 | H200", "NVIDIA GH200 96GB HBM3 | H200", "NVIDIA H200 NVL 141GB | H200", "H200 NVL | H200",
            "NVIDIA H200 141GB | H200-NVL", "NVIDIA H200 141GB | GH200",
            "NVIDIA GeForce RTX 3090 Ti | RTX3090", "RTX 3090 Ti 24GB | RTX3090", "NVIDIA GeForce RTX 3090 24GB | RTX3090Ti",
            "RTX 4090 D | RTX4090", "RTX 3080 Laptop GPU 16GB | RTX3080", "MI250X OAM | MI250", "Radeon Pro VII 16GB | Radeon-VII",
            "Apple M4 OC | Tesla-M4", "M4 | Apple-M4", "Tesla M4 8GB | Tesla-M4",
    })
    void suggestionsNeverNameANeighbouringPart(String name, String neighbour) {
        assertThat(catalog.suggestions(name)).doesNotContain(neighbour);
    }

    /** Property over every row: a spelling with words that never tell parts apart suggests that row, and only its memory variants. */
    @Test
    void aDecoratedSpellingSuggestsItsOwnRowAndOnlyMemoryVariantsOfIt() {
        for (AcceleratorSpec s : catalog.all()) {
            for (String n : AcceleratorCatalog.spellings(s)) {
                for (String decorated : java.util.List.of(n + " OC", "NVIDIA " + n + " Graphics Card", n + " Founders Edition")) {
                    java.util.List<String> got = catalog.suggestions(decorated);
                    for (String k : got)
                        assertThat(AcceleratorCatalog.model(catalog.find(k).orElseThrow())).as(decorated + " suggests " + k)
                                .isEqualTo(AcceleratorCatalog.model(s));
                    if (!decorated.endsWith("Founders Edition"))
                        assertThat(got).as(decorated).contains(s.key());
                }
            }
        }
    }

    /**
     * Property over every pair of rows whose names nest (L4 in L40, A10 in A10G, H200 in GH200): a
     * decorated spelling of the longer one never suggests the shorter one, unless they are memory variants.
     */
    @Test
    void noSuggestionCrossesToANestedName() {
        for (AcceleratorSpec a : catalog.all()) {
            for (AcceleratorSpec b : catalog.all()) {
                if (a == b || AcceleratorCatalog.model(a).equals(AcceleratorCatalog.model(b))) continue;
                String an = AcceleratorCatalog.normalise(a.key()), bn = AcceleratorCatalog.normalise(b.key());
                if (!an.contains(bn)) continue;
                for (String n : AcceleratorCatalog.spellings(a))
                    assertThat(catalog.suggestions(n + " OC")).as(n + " OC").doesNotContain(b.key());
            }
        }
    }

    @Test
    void aNameTruncatedByTheNvidiaSmiTableIsAPrefix() {
        assertThat(catalog.findTruncated("Tesla V100-PCIE...")).map(AcceleratorSpec::key).contains("V100");
        assertThat(catalog.findTruncated("NVIDIA Tesla V100-SXM2...")).map(AcceleratorSpec::key).contains("V100-SXM2");
        assertThat(catalog.findTruncated("NVIDIA GeForce RTX 30...")).as("many parts start so").isEmpty();
        assertThat(catalog.findTruncated("NVIDIA L4")).map(AcceleratorSpec::key).contains("L4");
        assertThat(catalog.findTruncated("...")).isEmpty();
    }

    @Test
    void memoryStatedInTheNameMustBeTheRowsMemory() {
        assertThat(catalog.suggestions("NVIDIA GeForce RTX 3090 12GB")).isEmpty();
        assertThat(catalog.suggestions("Tesla V100 32GB")).containsExactly("V100");
        assertThat(catalog.suggestions("GeForce GTX 1060")).containsExactlyInAnyOrder("GTX1060-6GB", "GTX1060-3GB");
        assertThat(catalog.suggestions("GeForce GTX 1060 OC 3GB")).containsExactly("GTX1060-3GB");
    }

    @Test
    void codeCarbonDeviceListsSplitIntoPartsTheCatalogKnows() {
        assertThat(catalog.parseDeviceList("1 x NVIDIA GeForce RTX 40601 x NVIDIA GeForce RTX 3080 Ti"))
                .containsExactly(new DeviceCount(1, "NVIDIA GeForce RTX 4060"), new DeviceCount(1, "NVIDIA GeForce RTX 3080 Ti"));
        assertThat(catalog.parseDeviceList("1 x NVIDIA GeForce RTX 40603 x NVIDIA GeForce RTX 3080 Ti"))
                .containsExactly(new DeviceCount(1, "NVIDIA GeForce RTX 4060"), new DeviceCount(3, "NVIDIA GeForce RTX 3080 Ti"));
        assertThat(catalog.parseDeviceList("2 x NVIDIA GeForce RTX 406012 x NVIDIA A100-SXM4-40GB"))
                .containsExactly(new DeviceCount(2, "NVIDIA GeForce RTX 4060"), new DeviceCount(12, "NVIDIA A100-SXM4-40GB"));
        assertThat(catalog.parseDeviceList("4 x Tesla V100-SXM2-16GB")).containsExactly(new DeviceCount(4, "Tesla V100-SXM2-16GB"));
        assertThat(catalog.parseDeviceList("1 x NVIDIA GeForce GTX 1050 Ti")).containsExactly(new DeviceCount(1, "NVIDIA GeForce GTX 1050 Ti"));
        assertThat(catalog.parseDeviceList("Apple M1")).containsExactly(new DeviceCount(1, "Apple M1"));
        for (DeviceCount d : catalog.parseDeviceList("1 x NVIDIA GeForce RTX 40601 x NVIDIA GeForce RTX 3080 Ti"))
            assertThat(catalog.find(d.name())).as(d.name()).isPresent();
    }
}
