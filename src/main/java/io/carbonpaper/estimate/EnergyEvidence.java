package io.carbonpaper.estimate;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TraceRuns;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.carbonpaper.estimate.Assumption.Affects.ENERGY;
import static io.carbonpaper.estimate.Assumption.Affects.POWER;

/**
 * An experiment's energy from the strongest evidence at hand: power traces and counters
 * (projected to the full hours when they cover less of the run), then another tool's energy
 * figure, then the declared average power, then the accelerators' TDP. Energy includes the PUE.
 *
 * @param power    the job's average total draw, when known
 * @param energy   kWh including PUE; empty when no power is known
 * @param measured energy a trace or counter measured over {@code window}, before PUE
 * @param toolCo2e the CO2e the tools reported, when every one did
 * @param source   the catalog source of the TDP, when the TDP was used
 */
record EnergyEvidence(EnergyMethod method, Optional<Power> power, Optional<Energy> energy, Optional<Energy> measured,
                      Optional<Hours> window, Optional<Mass> toolCo2e, Optional<String> source, List<Assumption> assumptions) {
    /**
     * A traced device drawing more than this share of one accelerator's TDP on average is not one
     * accelerator (boards exceed their TDP briefly, not on average).
     */
    static final double ONE_DEVICE_OF_TDP = 1.25;

    /** A trace covering less than this share of the declared hours is projected, as the paper did. */
    static final double PROJECTION_COVERAGE = 0.95;

    EnergyEvidence {
        assumptions = List.copyOf(assumptions);
    }

    /** Whether this evidence was measured (trace, counter, another tool) rather than declared or assumed. */
    boolean isMeasured() { return measured.isPresent() || method == EnergyMethod.TOOL; }

    /**
     * The evidence for a run of {@code hours}, with the accelerators' TDP already totalled
     * ({@code tdpTotal}, empty when any device lacks one: {@link HardwareChoice#tdp});
     * {@code tdpSource} is the catalog source, empty when the total comes from the declared
     * {@code hardware.tdp_watts}.
     */
    static EnergyEvidence of(Experiment e, Hours hours, Pue pue, Optional<Power> tdpTotal, Optional<String> tdpSource) {
        if (!e.traces().isEmpty()) {
            int count = e.hardware().map(Hardware::count).orElse(0);
            Optional<Power> each = count > 0 ? tdpTotal.map(p -> p.times(1.0 / count)) : Optional.empty();
            return fromTraces(e.traces(), hours, pue, count, each);
        }
        if (!e.toolReports().isEmpty()) return fromTools(e.toolReports(), Optional.of(hours), pue);
        if (e.declaredPower().isPresent()) {
            Power p = e.declaredPower().get();
            return new EnergyEvidence(EnergyMethod.DECLARED, Optional.of(p), Optional.of(pue.applyTo(p.over(hours))),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
        if (tdpTotal.isPresent() && tdpSource.isEmpty() && e.declaredTdp().isPresent()) {
            Power p = tdpTotal.get();
            return new EnergyEvidence(EnergyMethod.TDP, Optional.of(p), Optional.of(pue.applyTo(p.over(hours))),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(Assumption.about(Set.of(POWER, ENERGY), "tdp-declared", "No measured or declared power: the accelerators' TDP as declared (hardware.tdp_watts) times their count, an upper bound that leaves out CPU and DRAM.")));
        }
        if (tdpTotal.isPresent()) {
            Power p = tdpTotal.get();
            String[] source = tdpSource.stream().toArray(String[]::new);
            return new EnergyEvidence(EnergyMethod.TDP, Optional.of(p), Optional.of(pue.applyTo(p.over(hours))),
                    Optional.empty(), Optional.empty(), Optional.empty(), tdpSource,
                    List.of(Assumption.about(Set.of(POWER, ENERGY), "tdp", "No measured or declared power: the accelerators' TDP from the hardware catalog times their count, an upper bound that leaves out CPU and DRAM.", source)));
        }
        return none();
    }

    /** A run on CPUs alone: the cores' share of the CPU's TDP ({@link CpuPower}) times the hours. */
    static EnergyEvidence cpu(Power p, Hours hours, Pue pue, String source, Assumption note) {
        return new EnergyEvidence(EnergyMethod.TDP, Optional.of(p), Optional.of(pue.applyTo(p.over(hours))), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(source), List.of(note));
    }

    /** No power known: energy and CO2e are left blank, as the paper did for TPUs. */
    static EnergyEvidence none() {
        return new EnergyEvidence(EnergyMethod.NONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(),
                List.of(Assumption.about(Set.of(ENERGY), "no-power", "No public information on this accelerator's power draw: energy and CO2e are not estimated, as in Strubell et al. (2019).", "strubell-2019")));
    }

    static EnergyEvidence fromTraces(List<TraceSummary> traces, Hours hours, Pue pue) {
        return fromTraces(traces, hours, pue, 0, Optional.empty());
    }

    /**
     * @param allocated the accelerators the run used as its hardware says (0 when unknown): when the
     *                  traces measured fewer (one node of two, the accounting's allocation against
     *                  one rank's tracker), the others are taken to draw the measured ones' average,
     *                  as Strubell et al. multiply one GPU's power by the count
     * @param tdpEach   one accelerator's TDP: the others are added only when the traced devices
     *                  draw at most {@link #ONE_DEVICE_OF_TDP} of it each; more, and a traced
     *                  "device" is a sum of several (a script that logs the node's total), left as is
     */
    static EnergyEvidence fromTraces(List<TraceSummary> traces, Hours hours, Pue pue, int allocated, Optional<Power> tdpEach) {
        List<Assumption> notes = new ArrayList<>();
        Energy it = Energy.ZERO;
        boolean allCounter = true;
        boolean allPrometheus = true;
        boolean prometheusPower = false;
        boolean cpuMeasured = false;
        Energy gpus = Energy.ZERO;
        for (TraceSummary t : traces) {
            it = it.plus(t.total());
            for (DeviceEnergy d : t.devices()) {
                if (d.kind().equals("gpu")) gpus = gpus.plus(d.energy());
                allCounter &= d.method() == EnergyMethod.COUNTER;
                allPrometheus &= d.method() == EnergyMethod.PROMETHEUS_COUNTER || d.method() == EnergyMethod.PROMETHEUS_POWER;
                prometheusPower |= d.method() == EnergyMethod.PROMETHEUS_POWER;
                cpuMeasured |= !d.kind().equals("gpu");
            }
        }
        Hours span = TraceSummary.span(traces).orElseThrow();
        // Accelerators the run used that no trace measured: each as the measured ones' average.
        long traced = TraceRuns.acceleratorCount(traces);
        double unmeasuredShare = 0; // the unmeasured accelerators per measured one
        Energy counted = it;
        boolean fewer = traced > 0 && allocated > traced && tdpEach.isPresent() && span.value() > 0;
        Power gpuAverage = fewer ? gpuAverageOverCoveredTime(traces, span) : Power.ZERO;
        if (fewer && gpuAverage.watts() / traced <= tdpEach.get().watts() * ONE_DEVICE_OF_TDP) {
            unmeasuredShare = (double) (allocated - traced) / traced;
            counted = it.plus(gpus.times(unmeasuredShare));
            long unmeasured = allocated - traced;
            notes.add(Assumption.about(Set.of(POWER), "unmeasured-accelerators", String.format(java.util.Locale.ROOT,
                    "The traces measured %d of the run's %d accelerators; the other %d %s taken to draw the measured ones' average power, "
                            + "as Strubell et al. (2019) multiply one GPU's power by the count.", traced, allocated, unmeasured,
                    unmeasured == 1 ? "is" : "are"), "strubell-2019"));
        }
        EnergyMethod method;
        Optional<Power> power = Optional.empty();
        Energy energy;
        if (span.value() > 0 && span.value() < hours.value() * PROJECTION_COVERAGE) {
            Power avg = averageOverCoveredTime(traces, it, span);
            if (unmeasuredShare > 0) avg = avg.plus(gpuAverage.times(unmeasuredShare));
            power = Optional.of(avg);
            energy = pue.applyTo(avg.over(hours));
            method = EnergyMethod.PROJECTED;
            notes.add(Assumption.about(Set.of(POWER), "projected", "Average power measured over the trace's window, projected to the run's full hours (Strubell et al. 2019, section 2).", "strubell-2019"));
        } else {
            energy = pue.applyTo(counted);
            if (hours.value() > 0) power = Optional.of(counted.averageOver(hours));
            // A server's figure is named as such; its power-gauge integral is the weaker of its two methods.
            method = allCounter ? EnergyMethod.COUNTER
                    : allPrometheus ? (prometheusPower ? EnergyMethod.PROMETHEUS_POWER : EnergyMethod.PROMETHEUS_COUNTER)
                    : EnergyMethod.TRACE;
        }
        if (!cpuMeasured) {
            notes.add(Assumption.about(Set.of(POWER), "gpu-only", "Only accelerator power was measured; CPU and DRAM power are not included."));
        }
        return new EnergyEvidence(method, power, Optional.of(energy), Optional.of(it), Optional.of(span), Optional.empty(), Optional.empty(), notes);
    }

    /**
     * The traces' average power over the time their energy covers: each device's energy over the
     * window {@code span} less that device's gaps that were left out (not bridged). Without such
     * gaps this is {@code total}, the traces' energy, over {@code span}. Dividing by the whole window
     * instead would count a gap in a short measurement as zero power and project that to the whole run.
     */
    static Power averageOverCoveredTime(List<TraceSummary> traces, Energy total, Hours span) {
        boolean gaps = false;
        for (TraceSummary t : traces) for (DeviceEnergy d : t.devices()) gaps |= d.uncoveredSeconds() > 0;
        if (!gaps) return total.averageOver(span);
        Power sum = Power.ZERO;
        for (TraceSummary t : traces) for (DeviceEnergy d : t.devices()) sum = sum.plus(averageOverCoveredTime(d, span));
        return sum;
    }

    /** The accelerators' part of {@link #averageOverCoveredTime}: their energy over the time each covers. */
    static Power gpuAverageOverCoveredTime(List<TraceSummary> traces, Hours span) {
        Power sum = Power.ZERO;
        for (TraceSummary t : traces) {
            for (DeviceEnergy d : t.devices()) if (d.kind().equals("gpu")) sum = sum.plus(averageOverCoveredTime(d, span));
        }
        return sum;
    }

    /** One device's energy over the window {@code span} less its gaps that were left out. */
    private static Power averageOverCoveredTime(DeviceEnergy d, Hours span) {
        double covered = span.seconds() - d.uncoveredSeconds();
        return d.energy().averageOver(covered > 0 ? Hours.ofSeconds(covered) : span);
    }

    /** The tools' energy; the average power too when the run's {@code hours} are known. */
    static EnergyEvidence fromTools(List<ToolEnergyReport> reports, Optional<Hours> hours, Pue pue) {
        Energy total = Energy.ZERO;
        Mass theirs = Mass.ZERO;
        boolean allCo2 = true;
        for (ToolEnergyReport r : reports) {
            total = total.plus(r.pueApplied() ? r.energy() : pue.applyTo(r.energy()));
            if (r.toolCo2e().isPresent()) theirs = theirs.plus(r.toolCo2e().get());
            else allCo2 = false;
        }
        Energy drawn = total.times(1 / pue.value());
        Optional<Power> power = hours.filter(h -> h.value() > 0).map(drawn::averageOver);
        String tool = reports.get(0).tool();
        Assumption note = Assumption.about(Set.of(POWER), "tool-" + tool, "Energy as measured by " + tool + ", re-priced with this report's grid and PUE"
                + (reports.stream().anyMatch(ToolEnergyReport::pueApplied) ? " (its PUE already applied, not applied twice)." : "."));
        return new EnergyEvidence(EnergyMethod.TOOL, power, Optional.of(total), Optional.empty(), Optional.empty(),
                allCo2 ? Optional.of(theirs) : Optional.empty(), Optional.empty(), List.of(note));
    }
}
