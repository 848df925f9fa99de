package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.reference.AcceleratorCatalog;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.Catalogs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The estimate's first step: the accelerators a run names, looked up in the hardware catalog. */
class HardwareChoiceTest {
    private static final AcceleratorCatalog CATALOG = Catalogs.bundled().accelerators();

    @Test void oneCataloguedKindGivesItsSpecTdpAndLabel() {
        Experiment e = ExperimentBuilder.experiment().hardware("Tesla V100-SXM2-16GB", 4).build();
        HardwareChoice h = HardwareChoice.of(e, CATALOG);
        AcceleratorSpec v100 = CATALOG.find("V100-SXM2").orElseThrow();
        assertThat(h.spec()).contains(v100);
        assertThat(h.devices()).isEqualTo(4);
        assertThat(h.problems()).isEmpty();
        assertThat(h.tdp(e).orElseThrow().watts()).isEqualTo(4 * v100.tdp().orElseThrow().watts());
        assertThat(h.tdpSource(e)).contains(v100.source());
        assertThat(h.label(e.hardware().orElseThrow(), CATALOG)).isEqualTo("V100-SXM2x4");
    }

    @Test void aDeclaredTdpBeatsTheCatalogAndHasNoCatalogSource() {
        Experiment e = ExperimentBuilder.experiment().hardware("V100", 2).tdpWatts(250).build();
        HardwareChoice h = HardwareChoice.of(e, CATALOG);
        assertThat(h.tdp(e).orElseThrow().watts()).isEqualTo(500.0);
        assertThat(h.tdpSource(e)).isEmpty();
    }

    @Test void aMixSumsEachPartsTdpAndHasNoSingleSpec() {
        Experiment e = ExperimentBuilder.experiment().hardware(Hardware.of(List.of(new Hardware.Part("NVIDIA GeForce RTX 4060", 1),
                new Hardware.Part("NVIDIA GeForce RTX 3080 Ti", 2)), "codecarbon.csv", 2)).build();
        HardwareChoice h = HardwareChoice.of(e, CATALOG);
        double w4060 = CATALOG.find("NVIDIA GeForce RTX 4060").orElseThrow().tdp().orElseThrow().watts();
        double w3080 = CATALOG.find("NVIDIA GeForce RTX 3080 Ti").orElseThrow().tdp().orElseThrow().watts();
        assertThat(h.mixed()).isTrue();
        assertThat(h.spec()).isEmpty();
        assertThat(h.devices()).isEqualTo(3);
        assertThat(h.tdp(e).orElseThrow().watts()).isEqualTo(w4060 + 2 * w3080);
        assertThat(h.label(e.hardware().orElseThrow(), CATALOG)).isEqualTo("RTX4060x1+RTX3080Tix2");
    }

    @Test void aNameEndingInAnXKeepsASpaceBeforeTheCount() {
        Experiment amd = ExperimentBuilder.experiment().hardware("AMD Instinct MI300X", 8).build();
        assertThat(HardwareChoice.of(amd, CATALOG).label(amd.hardware().orElseThrow(), CATALOG)).isEqualTo("MI300X x8");
        Experiment mac = ExperimentBuilder.experiment().hardware("Apple M2 Max", 1).build();
        assertThat(HardwareChoice.of(mac, CATALOG).label(mac.hardware().orElseThrow(), CATALOG)).isEqualTo("Apple-M2-Max x1");
        Experiment mix = ExperimentBuilder.experiment().hardware(Hardware.of(List.of(new Hardware.Part("AMD Instinct MI250X", 2),
                new Hardware.Part("NVIDIA A100-SXM4-80GB", 1)), "codecarbon.csv", 2)).build();
        assertThat(HardwareChoice.of(mix, CATALOG).label(mix.hardware().orElseThrow(), CATALOG)).isEqualTo("MI250X x2+A100-SXM4-80GBx1");
    }

    @Test void anUncataloguedPartIsAnErrorAtItsLineUnlessEvidenceStandsWithoutIt() {
        Experiment declared = ExperimentBuilder.experiment("toaster").hardware("Quantum Toaster 9000", 2).hours(3).build();
        HardwareChoice h = HardwareChoice.of(declared, CATALOG);
        assertThat(h.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("unknown accelerator 'Quantum Toaster 9000'");
            assertThat(p.line()).isEqualTo(declared.hardware().orElseThrow().originLine());
        });
        assertThat(h.tdp(declared)).isEmpty();
        assertThat(h.label(declared.hardware().orElseThrow(), CATALOG)).isEqualTo("Quantum Toaster 9000x2");

        Experiment measured = ExperimentBuilder.experiment("toaster").hardware("Quantum Toaster 9000", 2).hours(3).watts(400).build();
        HardwareChoice m = HardwareChoice.of(measured, CATALOG);
        assertThat(m.problems()).isEmpty();
        assertThat(m.uncatalogued()).singleElement().satisfies(a -> assertThat(a.changes(Assumption.Affects.COST)).isTrue());
    }

    @Test void noHardwareNamedIsNoDevicesAndNoTdp() {
        Experiment e = ExperimentBuilder.experiment().hours(1).build();
        HardwareChoice h = HardwareChoice.of(e, CATALOG);
        assertThat(h.devices()).isZero();
        assertThat(h.tdp(e)).isEmpty();
        assertThat(h.problems()).isEmpty();
    }
}
