package io.carbonpaper.estimate;

import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;
import io.carbonpaper.unit.Range;

import java.util.List;
import java.util.Optional;

/**
 * The estimated cost of one experiment: Strubell et al.'s Eq. 1 and 2 and the cloud price range,
 * with every fallback named.
 *
 * @param hardwareLabel  {@code P100x8} style, as the paper's Table 3
 * @param hours          wall-clock hours; empty when no log gives them but a tool measured the energy
 *                       (a Slurm accounting dump without Elapsed): then neither power nor cloud price is known
 * @param power          the job's average total draw (declared, measured or TDP), when known
 * @param energy         kWh including PUE; empty when no power is known (TPUs without published power)
 * @param measured       energy measured by a trace or counter over {@code measuredWindow}, before PUE
 * @param co2e           emissions of {@code energy} at {@code intensity}
 * @param toolCo2e       the CO2e another tool reported, for comparison
 * @param cloud          pre-emptible (low) to on-demand (high) price of the same device-hours
 * @param electricity    the cost of {@code energy} at the configured electricity price
 */
public record ExperimentEstimate(
        Experiment experiment,
        Optional<AcceleratorSpec> accelerator,
        String hardwareLabel,
        int devices,
        Optional<Hours> hours,
        Optional<Power> power,
        Pue pue,
        EnergyMethod method,
        Optional<Range<Energy>> energy,
        Optional<Energy> measured,
        Optional<Hours> measuredWindow,
        CarbonIntensity intensity,
        String grid,
        Optional<Range<Mass>> co2e,
        Optional<Mass> toolCo2e,
        Optional<Range<Money>> cloud,
        Optional<String> priceCatalog,
        Optional<Money> electricity,
        List<Assumption> assumptions,
        List<String> sources) {

    public ExperimentEstimate {
        assumptions = List.copyOf(assumptions);
        sources = List.copyOf(sources);
    }

    /** How many experiments this estimate counts for: 1, or those of a fold ({@link Experiment#runs}). */
    public int runs() { return experiment.runs(); }

    /** How many experiments {@code estimates} count for. */
    public static long runs(java.util.Collection<ExperimentEstimate> estimates) {
        long n = 0;
        for (ExperimentEstimate e : estimates) n += e.runs();
        return n;
    }

    /** Device-hours: the hours times the number of accelerators; empty when the hours are. */
    public Optional<Hours> deviceHours() { return hours.map(h -> h.times(devices)); }
}
