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
import java.util.Objects;
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

    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    // The experiment is compared last: its equals is still a record's own.
    @Override public boolean equals(Object o) {
        return o == this || o instanceof ExperimentEstimate x
                && Objects.equals(accelerator, x.accelerator) && Objects.equals(hardwareLabel, x.hardwareLabel)
                && devices == x.devices && Objects.equals(hours, x.hours) && Objects.equals(power, x.power)
                && Objects.equals(pue, x.pue) && Objects.equals(method, x.method) && Objects.equals(energy, x.energy)
                && Objects.equals(measured, x.measured) && Objects.equals(measuredWindow, x.measuredWindow)
                && Objects.equals(intensity, x.intensity) && Objects.equals(grid, x.grid) && Objects.equals(co2e, x.co2e)
                && Objects.equals(toolCo2e, x.toolCo2e) && Objects.equals(cloud, x.cloud)
                && Objects.equals(priceCatalog, x.priceCatalog) && Objects.equals(electricity, x.electricity)
                && Objects.equals(assumptions, x.assumptions) && Objects.equals(sources, x.sources)
                && Objects.equals(experiment, x.experiment);
    }

    @Override public int hashCode() {
        int h = Objects.hashCode(experiment);
        h = 31 * h + Objects.hashCode(accelerator);
        h = 31 * h + Objects.hashCode(hardwareLabel);
        h = 31 * h + Integer.hashCode(devices);
        h = 31 * h + Objects.hashCode(hours);
        h = 31 * h + Objects.hashCode(power);
        h = 31 * h + Objects.hashCode(pue);
        h = 31 * h + Objects.hashCode(method);
        h = 31 * h + Objects.hashCode(energy);
        h = 31 * h + Objects.hashCode(measured);
        h = 31 * h + Objects.hashCode(measuredWindow);
        h = 31 * h + Objects.hashCode(intensity);
        h = 31 * h + Objects.hashCode(grid);
        h = 31 * h + Objects.hashCode(co2e);
        h = 31 * h + Objects.hashCode(toolCo2e);
        h = 31 * h + Objects.hashCode(cloud);
        h = 31 * h + Objects.hashCode(priceCatalog);
        h = 31 * h + Objects.hashCode(electricity);
        h = 31 * h + Objects.hashCode(assumptions);
        return 31 * h + Objects.hashCode(sources);
    }
}
