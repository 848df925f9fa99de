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
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Energy from the strongest evidence at hand. */
class EnergyEvidenceTest {
    static final Catalogs CATALOGS = Catalogs.bundled();

    final Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
    final Pue pue = Pue.of(1.5);

    TraceSummary trace(double kwh, long seconds, EnergyMethod m, String kind) {
        DeviceEnergy d = new DeviceEnergy("0", kind, Energy.ofKilowattHours(kwh), m, 10, t0, t0.plusSeconds(seconds));
        return new TraceSummary("t", Optional.empty(), Optional.empty(), List.of(d), t0, t0.plusSeconds(seconds), 10, Map.of(), List.of(), false, List.of());
    }

    @Test void aTraceCoveringTheRunIsItsEnergyTimesPue() {
        EnergyEvidence ev = EnergyEvidence.fromTraces(List.of(trace(2, 36000, EnergyMethod.COUNTER, "gpu")), Hours.of(10), pue);
        assertThat(ev.method()).isEqualTo(EnergyMethod.COUNTER);
        assertThat(ev.energy().orElseThrow().kilowattHours()).isEqualTo(3.0, within(1e-12));
        assertThat(ev.measured().orElseThrow().kilowattHours()).isEqualTo(2.0, within(1e-12));
        assertThat(ev.power().orElseThrow().watts()).isEqualTo(200, within(1e-9));
        assertThat(ev.assumptions()).extracting(Assumption::id).containsExactly("gpu-only");
        assertThat(ev.isMeasured()).isTrue();
    }

    @Test void aShortTraceIsProjectedToTheFullHours() {
        EnergyEvidence ev = EnergyEvidence.fromTraces(List.of(trace(1, 3600, EnergyMethod.TRACE, "cpu")), Hours.of(10), pue);
        assertThat(ev.method()).isEqualTo(EnergyMethod.PROJECTED);
        assertThat(ev.energy().orElseThrow().kilowattHours()).isEqualTo(15.0, within(1e-9));
        assertThat(ev.assumptions()).extracting(Assumption::id).containsExactly("projected");
    }

    @Test void aGapLeftOutOfAShortTraceIsNotProjectedAsZeroPower() {
        // 1 kWh over the half of a one-hour window the samples cover; the other half was a gap, left out
        DeviceEnergy gpu = new DeviceEnergy("0", "gpu", Energy.ofKilowattHours(1), EnergyMethod.TRACE, 10, t0, t0.plusSeconds(3600), 1800);
        DeviceEnergy cpu = new DeviceEnergy("package-0", "cpu", Energy.ofKilowattHours(0.1), EnergyMethod.TRACE, 10, t0, t0.plusSeconds(3600));
        TraceSummary t = new TraceSummary("t", Optional.empty(), Optional.empty(), List.of(gpu, cpu), t0, t0.plusSeconds(3600), 20, Map.of(), List.of(), false, List.of());
        EnergyEvidence ev = EnergyEvidence.fromTraces(List.of(t), Hours.of(10), pue);
        assertThat(ev.method()).isEqualTo(EnergyMethod.PROJECTED);
        assertThat(ev.power().orElseThrow().watts()).isEqualTo(2000 + 100, within(1e-9)); // not (1 + 0.1) kWh / 1 h
        assertThat(ev.energy().orElseThrow().kilowattHours()).isEqualTo(2.1 * 10 * 1.5, within(1e-9));
        assertThat(ev.measured().orElseThrow().kilowattHours()).isEqualTo(1.1, within(1e-12)); // what was measured is unchanged
    }

    /** One node's GPU traced of a two-node job (the accounting's allocation): the other is taken at the traced one's average. */
    @Test void acceleratorsTheTracesMissedDrawTheMeasuredOnesAverage() {
        EnergyEvidence full = EnergyEvidence.fromTraces(List.of(trace(2, 36000, EnergyMethod.TRACE, "gpu")), Hours.of(10), pue, 2, Optional.of(Power.ofWatts(400)));
        assertThat(full.energy().orElseThrow().kilowattHours()).isEqualTo(2 * 2 * 1.5, within(1e-12));
        assertThat(full.power().orElseThrow().watts()).isEqualTo(400, within(1e-9));
        assertThat(full.measured().orElseThrow().kilowattHours()).isEqualTo(2.0, within(1e-12)); // what was measured is unchanged
        assertThat(full.assumptions()).extracting(Assumption::id).contains("unmeasured-accelerators");
        assertThat(full.assumptions()).filteredOn(a -> a.id().equals("unmeasured-accelerators")).singleElement()
                .satisfies(a -> assertThat(a.text()).contains("measured 1 of the run's 2 accelerators; the other 1 is taken"));

        // projected, with a gap and a measured CPU: only the GPU part is multiplied
        DeviceEnergy gpu = new DeviceEnergy("0", "gpu", Energy.ofKilowattHours(1), EnergyMethod.TRACE, 10, t0, t0.plusSeconds(3600), 1800);
        DeviceEnergy cpu = new DeviceEnergy("package-0", "cpu", Energy.ofKilowattHours(0.1), EnergyMethod.TRACE, 10, t0, t0.plusSeconds(3600));
        TraceSummary t = new TraceSummary("t", Optional.empty(), Optional.empty(), List.of(gpu, cpu), t0, t0.plusSeconds(3600), 20, Map.of(), List.of(), false, List.of());
        EnergyEvidence projected = EnergyEvidence.fromTraces(List.of(t), Hours.of(10), pue, 4, Optional.of(Power.ofWatts(2000)));
        assertThat(projected.power().orElseThrow().watts()).isEqualTo(4 * 2000 + 100, within(1e-9));
        assertThat(projected.energy().orElseThrow().kilowattHours()).isEqualTo(8.1 * 10 * 1.5, within(1e-9));
    }

    /** A script that logs the node's total as one column: one traced "device" at 1.5 kW is eight P100s, not one of eight. */
    @Test void aTracedDeviceDrawingMoreThanOneAcceleratorCanIsASumAndIsNotMultiplied() {
        EnergyEvidence ev = EnergyEvidence.fromTraces(List.of(trace(15, 36000, EnergyMethod.TRACE, "gpu")), Hours.of(10), pue, 8,
                Optional.of(Power.ofWatts(250)));
        assertThat(ev.energy().orElseThrow().kilowattHours()).isEqualTo(15 * 1.5, within(1e-9));
        assertThat(ev.assumptions()).extracting(Assumption::id).doesNotContain("unmeasured-accelerators");
        // without a TDP to tell, nothing is added either
        assertThat(EnergyEvidence.fromTraces(List.of(trace(2, 36000, EnergyMethod.TRACE, "gpu")), Hours.of(10), pue, 2, Optional.empty())
                .energy().orElseThrow().kilowattHours()).isEqualTo(3.0, within(1e-12));
    }

    /** A trace of one instant (a header and one row, times that run backwards) has no average to give the others. */
    @Test void aTraceOfNoDurationAddsNothingForTheAcceleratorsItMissed() {
        EnergyEvidence ev = EnergyEvidence.fromTraces(List.of(trace(0, 0, EnergyMethod.TRACE, "gpu")), Hours.of(10), pue, 4,
                Optional.of(Power.ofWatts(400)));
        assertThat(ev.assumptions()).extracting(Assumption::id).doesNotContain("unmeasured-accelerators");
    }

    @Test void moreAcceleratorsTracedThanTheHardwareSaysAreNotScaledDown() {
        EnergyEvidence ev = EnergyEvidence.fromTraces(List.of(trace(2, 36000, EnergyMethod.TRACE, "gpu")), Hours.of(10), pue, 1, Optional.of(Power.ofWatts(400)));
        assertThat(ev.energy().orElseThrow().kilowattHours()).isEqualTo(3.0, within(1e-12));
        assertThat(ev.assumptions()).extracting(Assumption::id).doesNotContain("unmeasured-accelerators");
    }

    @Test void aToolsFigureKeepsAnAlreadyAppliedPue() {
        ToolEnergyReport applied = new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(2), Optional.of(Mass.ofKilograms(1)), Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty());
        ToolEnergyReport raw = new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(2), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
        EnergyEvidence ev = EnergyEvidence.fromTools(List.of(applied, raw), Optional.of(Hours.of(1)), pue);
        assertThat(ev.method()).isEqualTo(EnergyMethod.TOOL);
        assertThat(ev.energy().orElseThrow().kilowattHours()).isEqualTo(2 + 3.0, within(1e-9));
        assertThat(ev.toolCo2e()).isEmpty();
        assertThat(ev.assumptions().get(0).text()).contains("not applied twice");
    }

    @Test void declaredPowerBeatsTheTdp() {
        AcceleratorSpec v100 = CATALOGS.accelerators().find("V100").orElseThrow();
        EnergyEvidence ev = EnergyEvidence.of(ExperimentBuilder.experiment().watts(500).build(), Hours.of(2), pue, tdpOf(v100, 4), Optional.of(v100.source()));
        assertThat(ev.method()).isEqualTo(EnergyMethod.DECLARED);
        assertThat(ev.energy().orElseThrow().kilowattHours()).isEqualTo(1.5, within(1e-12));
        assertThat(ev.isMeasured()).isFalse();
    }

    @Test void theTdpIsTheLastResortAndSaysSo() {
        AcceleratorSpec v100 = CATALOGS.accelerators().find("V100").orElseThrow();
        EnergyEvidence ev = EnergyEvidence.of(ExperimentBuilder.experiment().build(), Hours.of(2), pue, tdpOf(v100, 4), Optional.of(v100.source()));
        assertThat(ev.method()).isEqualTo(EnergyMethod.TDP);
        assertThat(ev.power().orElseThrow().watts()).isEqualTo(4 * v100.tdp().orElseThrow().watts());
        assertThat(ev.source()).contains(v100.source());
        assertThat(ev.assumptions().get(0).first()).contains(Assumption.Affects.POWER);
    }

    @Test void withNothingThereIsNoEnergy() {
        EnergyEvidence ev = EnergyEvidence.of(ExperimentBuilder.experiment().build(), Hours.of(2), pue, Optional.empty(), Optional.empty());
        assertThat(ev.method()).isEqualTo(EnergyMethod.NONE);
        assertThat(ev.energy()).isEmpty();
        assertThat(ev.assumptions()).extracting(Assumption::id).containsExactly("no-power");
    }

    private static Optional<Power> tdpOf(AcceleratorSpec spec, int devices) {
        return Optional.of(spec.tdp().orElseThrow().times(devices));
    }
}
