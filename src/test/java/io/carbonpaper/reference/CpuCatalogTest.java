package io.carbonpaper.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuCatalogTest {
    private final CpuCatalog catalog = CpuCatalog.bundled();

    /** As /proc/cpuinfo, py-cpuinfo (CodeCarbon's cpu_model), lscpu and W&B metadata print them, including every CPU seen in real logs. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Intel(R) Core(TM) i7-7700K CPU @ 4.20GHz | Core-i7-7700K",
            "Intel(R) Core(TM) i7-6600U CPU @ 2.60GHz | Core-i7-6600U",
            "11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz | Core-i7-1165G7",
            "12th Gen Intel(R) Core(TM) i9-12900K | Core-i9-12900K",
            "13th Gen Intel(R) Core(TM) i5-13400F | Core-i5-13400",
            "Intel(R) Core(TM) Ultra 7 155H | Core-Ultra-7-155H",
            "Intel(R) Xeon(R) Gold 6136 CPU @ 3.00GHz | Xeon-Gold-6136",
            "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz | Xeon-Gold-6148",
            "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz | Xeon-E5-2680v4",
            "Intel(R) Xeon(R) CPU E5-2690 v3 @ 2.60GHz | Xeon-E5-2690v3",
            "Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz | Xeon-E5-2686v4",
            "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz | Xeon-Platinum-8259CL",
            "Intel(R) Xeon(R) Platinum 8480+ | Xeon-Platinum-8480+",
            "Intel(R) Xeon(R) Platinum 8592+ | Xeon-Platinum-8592+",
            "Intel(R) Xeon(R) 6980P | Xeon-6-6980P",
            "AMD EPYC 7763 64-Core Processor | EPYC-7763",
            "AMD EPYC 7B12 | EPYC-7B12",
            "AMD EPYC 9654 96-Core Processor | EPYC-9654",
            "AMD EPYC 9965 192-Core Processor | EPYC-9965",
            "AMD Ryzen 9 5950X 16-Core Processor | Ryzen-9-5950X",
            "AMD Ryzen 7 5800H with Radeon Graphics | Ryzen-7-5800H",
            "AMD Ryzen 9 7950X 16-Core Processor | Ryzen-9-7950X",
            "AMD Ryzen Threadripper PRO 3995WX 64-Cores | Threadripper-PRO-3995WX",
            "AMD Ryzen Threadripper 3970X 32-Core Processor | Threadripper-3970X",
            "AMD Ryzen AI 9 HX 370 w/ Radeon 890M | Ryzen-AI-9-HX-370",
            "Apple M1 | Apple-M1",
            "Apple M3 Max | Apple-M3-Max",
            "AWS Graviton3 | Graviton3",
            "NVIDIA Grace | Grace",
            "Ampere(R) Altra(R) Processor Q80-30 CPU @ 3.0GHz | Altra-Q80-30",
            "Intel(R) Core(TM) i7-4790 CPU @ 3.60GHz | Core-i7-4790",
            "Intel(R) Core(TM) i7-5820K CPU @ 3.30GHz | Core-i7-5820K",
            "13th Gen Intel(R) Core(TM) i9-13900H | Core-i9-13900H",
            "Apple M4 Pro | Apple-M4-Pro",
    })
    void findsCpusAsToolsPrintThem(String name, String key) {
        assertThat(catalog.find(name)).map(CpuSpec::key).contains(key);
        assertThat(catalog.genericReason(name)).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Intel(R) Xeon(R) CPU @ 2.20GHz", "Intel(R) Xeon(R) CPU @ 2.00GHz", "Intel Xeon Processor (Skylake, IBRS)",
            "AMD EPYC Processor (with IBPB)", "QEMU Virtual CPU version 2.5+", "Common KVM processor", "Neoverse-N1", "Neoverse-V2",
            "ARMv8 Processor rev 1 (v8l)", "Intel(R) Core(TM) CPU", "cpu:0", ""})
    void genericNamesAreNotGuessedAndSayWhy(String name) {
        assertThat(catalog.find(name)).as(name).isEmpty();
        assertThat(catalog.genericReason(name)).as(name).isPresent();
    }

    @Test
    void everyRowsOwnSpellingsResolveToItselfAndAreNeverGeneric() {
        SourceCatalog sources = SourceCatalog.bundled();
        for (CpuSpec s : catalog.all()) {
            for (String n : java.util.stream.Stream.concat(java.util.stream.Stream.of(s.key(), s.name()), s.aliases().stream()).toList()) {
                assertThat(catalog.find(n)).as(n).map(CpuSpec::key).contains(s.key());
                assertThat(catalog.find(n.toUpperCase(Locale.ROOT))).as(n).map(CpuSpec::key).contains(s.key());
                assertThat(catalog.genericReason(n)).as(n).isEmpty();
            }
            assertThat(sources.find(s.source())).as(s.key() + " source").isPresent();
            assertThat(s.year()).as(s.key()).isBetween(2010, 2030);
        }
    }

    @Test
    void cpuinfoDecorationsFindTheSameRow() {
        for (CpuSpec s : catalog.all()) {
            if (!s.vendor().equals("Intel") || !s.name().startsWith("Intel Xeon")) continue;
            String cpuinfo = s.name().replace("Intel Xeon", "Intel(R) Xeon(R)") + " CPU @ 2.10GHz";
            assertThat(catalog.find(cpuinfo)).as(cpuinfo).map(CpuSpec::key).contains(s.key());
        }
        for (CpuSpec s : catalog.all()) {
            if (!s.key().startsWith("EPYC-")) continue;
            String cpuinfo = s.name() + " " + s.cores() + "-Core Processor";
            assertThat(catalog.find(cpuinfo)).as(cpuinfo).map(CpuSpec::key).contains(s.key());
        }
    }

    @Test
    void perCoreShareFollowsGreenAlgorithms() {
        CpuSpec gold = catalog.find("Xeon Gold 6148").orElseThrow();
        assertThat(gold.tdpPerCore().orElseThrow().watts()).isCloseTo(150.0 / 20, within(1e-9));
        assertThat(gold.tdpShare(4).orElseThrow().watts()).isCloseTo(30.0, within(1e-9));
        assertThat(gold.tdpShare(40).orElseThrow().watts()).as("capped at the whole TDP").isCloseTo(150.0, within(1e-9));
        assertThat(catalog.find("AWS Graviton2").orElseThrow().tdpPerCore()).as("unpublished TDP").isEmpty();
    }

    /** The accelerator catalog's CPU and Apple rows must not disagree with the CPU catalog. */
    @Test
    void sharedRowsAgreeWithTheAcceleratorCatalog() {
        AcceleratorCatalog acc = AcceleratorCatalog.bundled();
        int compared = 0;
        for (AcceleratorSpec a : acc.all()) {
            if (!a.kind().equals("cpu") && !a.vendor().equals("Apple")) continue;
            CpuSpec c = catalog.find(a.name()).orElseThrow(() -> new AssertionError("cpus.csv lacks " + a.name()));
            assertThat(c.tdp().map(p -> p.watts())).as(a.key()).isEqualTo(a.tdp().map(p -> p.watts()));
            compared++;
        }
        assertThat(compared).isGreaterThan(20);
    }
}
