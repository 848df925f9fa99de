package io.carbonpaper.estimate;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.reference.GridIntensity;
import io.carbonpaper.reference.PueFigure;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Strubell et al. (2019) Eq. 1 and 2 for one experiment, from the strongest evidence at hand:
 * an energy counter, then a power trace (projected to the full hours when it covers less of the
 * run), then another tool's energy figure, then the declared average power, then the
 * accelerators' TDP. Pure: the same experiment, catalogs and settings give the same estimate.
 */
public final class TrainingCostEstimator {
    /** A trace covering less than this share of the declared hours is projected, as the paper did. */
    static final double PROJECTION_COVERAGE = 0.95;

    private final Catalogs catalogs;
    private final ProjectConfig config;

    public TrainingCostEstimator(Catalogs catalogs, ProjectConfig config) {
        this.catalogs = catalogs;
        this.config = config;
    }

    public EstimateResult estimate(Experiment e) {
        List<Problem> problems = new ArrayList<>();
        List<Assumption> assumptions = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        sources.add("strubell-2019");
        String where = e.inputs().isEmpty() ? e.key() : e.inputs().get(0).path();

        if (e.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            return EstimateResult.failed(List.of()); // its own problems already say why
        }

        Optional<AcceleratorSpec> spec = Optional.empty();
        if (e.hardware().isPresent()) {
            Hardware h = e.hardware().get();
            spec = catalogs.accelerators().find(h.accelerator());
            if (spec.isEmpty()) {
                List<String> close = catalogs.accelerators().suggestions(h.accelerator());
                problems.add(Problem.error(h.originFile(), h.originLine(), "unknown accelerator '" + h.accelerator() + "'"
                        + (close.isEmpty() ? "; add it to the hardware catalog or name a known one" : "; did you mean " + String.join(", ", close) + "?")));
            }
        }
        if (e.hours().isEmpty()) {
            problems.add(Problem.error(where, 0, "no 'hours': neither the manifest nor any log gives the run time"));
        }
        if (e.hardware().isEmpty() && e.traces().isEmpty() && e.toolReports().isEmpty() && e.declaredPower().isEmpty()) {
            problems.add(Problem.error(where, 0, "no hardware: name hardware.accelerator in experiment.yaml, or add a power trace"));
        }
        if (!problems.isEmpty()) return EstimateResult.failed(problems);

        Hours hours = e.hours().orElseThrow();
        int devices = e.hardware().map(Hardware::count).orElse(0);
        String label = spec.map(AcceleratorSpec::key).orElse(e.hardware().map(Hardware::accelerator).orElse("unknown"))
                + (devices > 0 ? "x" + devices : "");

        // PUE: manifest, project setting, else the catalog's default (the paper's 1.58).
        double pue;
        Range<Double> pueRange;
        if (e.pue().isPresent()) pue = e.pue().get();
        else if (config.pue().isPresent()) pue = config.pue().get();
        else {
            PueFigure f = catalogs.pue().defaultPue();
            pue = f.value();
            sources.add(f.source());
            assumptions.add(Assumption.of("pue-default", "PUE " + f.value() + ": " + f.name() + ".", f.source()));
        }
        if (e.pue().isPresent() || config.pue().isPresent()) pueRange = Range.of(pue);
        else {
            pueRange = Spreads.assumedPue(catalogs.pue(), pue);
            PueFigure lo = Spreads.lowest(catalogs.pue()), hi = Spreads.highest(catalogs.pue());
            assumptions.add(Assumption.of("pue-range", "Energy ranges span the PUE from " + pueRange.low() + " ("
                    + lo.name() + ") to " + pueRange.high() + " (" + hi.name() + "), the lowest and highest in the catalog.",
                    lo.source(), hi.source()));
        }

        // Grid: manifest intensity, manifest region, project intensity, project region, else the paper's US average.
        CarbonIntensity intensity;
        Range<CarbonIntensity> intensityRange = null;
        String grid;
        if (e.carbonIntensity().isPresent()) {
            intensity = e.carbonIntensity().get();
            grid = "declared";
        } else if (e.region().isPresent() || (config.intensity().isEmpty() && config.region().isPresent())) {
            String key = e.region().orElseGet(() -> config.region().orElseThrow());
            Optional<GridIntensity> g = catalogs.grids().find(key);
            if (g.isEmpty()) {
                return EstimateResult.failed(List.of(Problem.error(where, 0, "unknown region '" + key + "' (see the grid catalog for keys)")));
            }
            intensity = g.get().intensity();
            intensityRange = g.get().range();
            grid = g.get().name() + " (" + g.get().year() + ")";
            sources.add(g.get().source());
        } else if (config.intensity().isPresent()) {
            intensity = config.intensity().get();
            grid = "configured";
        } else {
            GridIntensity g = catalogs.grids().defaultGrid();
            intensity = g.intensity();
            intensityRange = g.range();
            grid = g.name();
            sources.add(g.source());
        }

        String gridSource = sources.size() > 1 && !grid.equals("declared") && !grid.equals("configured")
                ? List.copyOf(sources).get(sources.size() - 1) : "";
        assumptions.add(new Assumption("grid:" + grid + ":" + intensity.gramsPerKilowattHour(),
                String.format(java.util.Locale.ROOT, "CO\u2082e at %.1f g/kWh (%.3f lbs/kWh): %s.", intensity.gramsPerKilowattHour(),
                        intensity.poundsPerKilowattHour(), grid.equals("declared") ? "the experiment's declared grid intensity"
                                : grid.equals("configured") ? "the project's configured grid intensity" : grid),
                gridSource.isEmpty() ? List.of() : List.of(gridSource)));

        // Energy, strongest evidence first.
        EnergyMethod method;
        Optional<Power> power = Optional.empty();
        Optional<Energy> energy = Optional.empty();
        Optional<Energy> measured = Optional.empty();
        Optional<Hours> window = Optional.empty();
        Optional<Mass> toolCo2e = Optional.empty();
        if (!e.traces().isEmpty()) {
            Energy it = Energy.ZERO;
            boolean allCounter = true;
            boolean allPrometheus = true;
            boolean prometheusPower = false;
            boolean cpuMeasured = false;
            for (TraceSummary t : e.traces()) {
                it = it.plus(t.total());
                for (DeviceEnergy d : t.devices()) {
                    allCounter &= d.method() == EnergyMethod.COUNTER;
                    allPrometheus &= d.method() == EnergyMethod.PROMETHEUS_COUNTER || d.method() == EnergyMethod.PROMETHEUS_POWER;
                    prometheusPower |= d.method() == EnergyMethod.PROMETHEUS_POWER;
                    cpuMeasured |= !d.kind().equals("gpu");
                }
            }
            Hours span = TraceSummary.span(e.traces()).orElseThrow();
            measured = Optional.of(it);
            window = Optional.of(span);
            if (span.value() > 0 && span.value() < hours.value() * PROJECTION_COVERAGE) {
                Power avg = it.averageOver(span);
                power = Optional.of(avg);
                energy = Optional.of(avg.over(hours).times(pue));
                method = EnergyMethod.PROJECTED;
                assumptions.add(Assumption.of("projected", "Average power measured over the trace's window, projected to the run's full hours (Strubell et al. 2019, section 2).", "strubell-2019"));
            } else {
                energy = Optional.of(it.times(pue));
                if (hours.value() > 0) power = Optional.of(it.averageOver(hours));
                // A server's figure is named as such; its power-gauge integral is the weaker of its two methods.
                method = allCounter ? EnergyMethod.COUNTER
                        : allPrometheus ? (prometheusPower ? EnergyMethod.PROMETHEUS_POWER : EnergyMethod.PROMETHEUS_COUNTER)
                        : EnergyMethod.TRACE;
            }
            if (!cpuMeasured) {
                assumptions.add(Assumption.of("gpu-only", "Only accelerator power was measured; CPU and DRAM power are not included."));
            }
        } else if (!e.toolReports().isEmpty()) {
            Energy total = Energy.ZERO;
            Mass theirs = Mass.ZERO;
            boolean allCo2 = true;
            for (ToolEnergyReport r : e.toolReports()) {
                total = total.plus(r.pueApplied() ? r.energy() : r.energy().times(pue));
                if (r.toolCo2e().isPresent()) theirs = theirs.plus(r.toolCo2e().get());
                else allCo2 = false;
            }
            energy = Optional.of(total);
            if (allCo2) toolCo2e = Optional.of(theirs);
            if (hours.value() > 0) power = Optional.of(total.times(1 / pue).averageOver(hours));
            method = EnergyMethod.TOOL;
            String tool = e.toolReports().get(0).tool();
            assumptions.add(Assumption.of("tool-" + tool, "Energy as measured by " + tool + ", re-priced with this report's grid and PUE"
                    + (e.toolReports().stream().anyMatch(ToolEnergyReport::pueApplied) ? " (its PUE already applied, not applied twice)." : ".")));
        } else if (e.declaredPower().isPresent()) {
            power = e.declaredPower();
            energy = Optional.of(power.get().over(hours).times(pue));
            method = EnergyMethod.DECLARED;
        } else if (spec.flatMap(AcceleratorSpec::tdp).isPresent()) {
            power = Optional.of(spec.get().tdp().get().times(devices));
            energy = Optional.of(power.get().over(hours).times(pue));
            method = EnergyMethod.TDP;
            sources.add(spec.get().source());
            assumptions.add(Assumption.of("tdp", "No measured or declared power: the accelerators' TDP from the hardware catalog times their count, an upper bound that leaves out CPU and DRAM.", spec.get().source()));
        } else {
            method = EnergyMethod.NONE;
            assumptions.add(Assumption.of("no-power", "No public information on this accelerator's power draw: energy and CO2e are not estimated, as in Strubell et al. (2019).", "strubell-2019"));
        }
        Optional<Power> tdpTotal = devices > 0 ? spec.flatMap(AcceleratorSpec::tdp).map(t -> t.times(devices)) : Optional.empty();
        EnergyMethod m = method;
        Optional<Range<Energy>> energyRange = energy.map(x -> Spreads.energy(x, pue, pueRange, m, tdpTotal, hours));
        Range<CarbonIntensity> ciRange = intensityRange == null ? Range.of(intensity) : intensityRange;
        Optional<Range<Mass>> co2e = energyRange.map(r -> Spreads.emissions(r, ciRange));

        // Cloud price range: the same device-hours, pre-emptible to on-demand.
        Optional<Range<Money>> cloud = Optional.empty();
        Optional<String> catalog = Optional.empty();
        if (spec.isPresent() && devices > 0) {
            Optional<String> wanted = e.cloudPrices().or(config::priceCatalog);
            if (wanted.isPresent() && !catalogs.cloudPrices().hasCatalog(wanted.get())) {
                return EstimateResult.failed(List.of(Problem.error(where, 0, "unknown cloud price catalog '" + wanted.get() + "'")));
            }
            Optional<CloudPrice> price = wanted.isPresent()
                    ? catalogs.cloudPrices().find(wanted.get(), spec.get().priceFamily())
                    : catalogs.cloudPrices().newest(spec.get().priceFamily());
            if (price.isPresent()) {
                CloudPrice p = price.get();
                double deviceHours = hours.value() * devices;
                cloud = Optional.of(Range.between(p.spotPerDeviceHour().times(deviceHours), p.onDemandPerDeviceHour().times(deviceHours)));
                catalog = Optional.of(p.catalog());
                sources.add(p.source());
                if (p.spot().isEmpty())
                    assumptions.add(Assumption.of("no-spot-" + p.catalog(), "No pre-emptible price published in " + p.catalog() + ": the low end is the on-demand price."));
            } else {
                assumptions.add(Assumption.of("no-price-" + spec.get().key(), "No cloud price for " + spec.get().key()
                        + wanted.map(w -> " in " + w).orElse(" in any bundled price catalog") + "."));
            }
        }
        Optional<Money> electricity = config.electricity().flatMap(p -> energyRange.map(r -> p.costOf(r.central())));

        return EstimateResult.of(new ExperimentEstimate(e, spec, label, devices, hours, power, pue, method, energyRange,
                measured, window, intensity, grid, co2e, toolCo2e, cloud, catalog, electricity, assumptions, List.copyOf(sources)));
    }
}
