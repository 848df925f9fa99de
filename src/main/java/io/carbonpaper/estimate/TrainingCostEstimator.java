package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strubell et al. (2019) Eq. 1 and 2 for one experiment, in five steps: the accelerators
 * ({@link HardwareChoice}), the PUE ({@link PueChoice}), the grid ({@link GridChoice}), the energy
 * from the strongest evidence at hand ({@link EnergyEvidence}) and the cloud price ({@link CloudCost}). Pure: the same
 * experiment, catalogs and settings give the same estimate.
 */
public final class TrainingCostEstimator {
    /** The id of the note on a run whose energy a tool measured but whose hours no log gives (it affects the hours). */
    public static final String NO_HOURS = "no-hours";
    /** Distinct assumptions and source lists kept for sharing, at most (see {@link #shared}). */
    static final int SHARED_MAX = 4_096;

    private final Catalogs catalogs;
    private final ProjectConfig config;
    /**
     * Equal assumptions and source lists of different experiments are one object: a history of a
     * million jobs on a few kinds of node repeats the same handful (issue 20). Records compare by
     * value, so sharing changes no estimate.
     */
    private final Map<Object, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();

    public TrainingCostEstimator(Catalogs catalogs, ProjectConfig config) {
        this.catalogs = catalogs;
        this.config = config;
    }

    /**
     * The grid catalog row an experiment's CO2e is priced at, as {@link #estimate} chooses it: its
     * region, else the project's region, else where its tools logged it ran, else the catalog's default. Empty when the experiment or
     * the project declares an intensity of its own (no catalog row), or the region is not catalogued.
     */
    public static Optional<io.carbonpaper.reference.GridIntensity> catalogGrid(Experiment e, ProjectConfig config,
                                                                              io.carbonpaper.reference.GridCatalog grids) {
        if (e.carbonIntensity().isPresent()) return Optional.empty();
        Optional<String> key = GridChoice.regionKey(e, config, grids);
        if (key.isPresent()) return grids.find(key.get());
        return config.intensity().isPresent() ? Optional.empty() : Optional.of(grids.defaultGrid());
    }

    public EstimateResult estimate(Experiment e) {
        List<Problem> problems = new ArrayList<>();
        List<Assumption> assumptions = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        sources.add("strubell-2019");
        String where = e.inputs().isEmpty() ? e.key() : e.inputs().get(0).path();

        if (e.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            return EstimateResult.failed(List.of(), List.of(MissingFigure.UNREADABLE)); // its own problems already say why
        }

        HardwareChoice hardware = HardwareChoice.of(e, catalogs.accelerators());
        List<MissingFigure> missing = new ArrayList<>();
        problems.addAll(hardware.problems());
        if (!hardware.problems().isEmpty()) missing.add(MissingFigure.UNKNOWN_DEVICE);
        Optional<AcceleratorSpec> spec = hardware.spec();
        boolean mixed = hardware.mixed();
        int devices = hardware.devices();
        // A tool's energy stands without the hours (a Slurm accounting dump without Elapsed, issue 15):
        // energy and CO2e are placed, and what needs the hours (power, cloud price) is left blank.
        boolean energyWithoutHours = e.hours().isEmpty() && e.traces().isEmpty() && !e.toolReports().isEmpty();
        if (e.hours().isEmpty() && !energyWithoutHours) {
            problems.add(Problem.error(where, 0, "no 'hours': neither the manifest nor any log gives the run time"));
            missing.add(MissingFigure.NO_HOURS);
        }
        // A run on CPUs alone (issue 15, item 7): the CPU a log names stands in for the missing accelerator.
        boolean cpuOnly = e.hardware().isEmpty() && e.traces().isEmpty() && e.toolReports().isEmpty() && e.declaredPower().isEmpty();
        Optional<CpuPower> cpu = cpuOnly ? e.cpu().map(c -> CpuPower.of(c, catalogs.cpus())) : Optional.empty();
        if (cpu.isPresent() && cpu.get().power().isEmpty()) {
            problems.add(Problem.error(where, 0, "no accelerator, and the CPU it names (" + e.cpu().get().describe()
                    + ") is not in the CPU catalog with a TDP: give 'power_watts' in experiment.yaml"));
            missing.add(MissingFigure.UNKNOWN_CPU);
        } else if (cpuOnly && cpu.isEmpty()) {
            problems.add(Problem.error(where, 0, "no hardware: name hardware.accelerator in experiment.yaml, or add a power trace"));
            missing.add(MissingFigure.NO_HARDWARE);
        }
        if (!problems.isEmpty()) return EstimateResult.failed(problems, missing);

        Optional<Hours> knownHours = e.hours();
        if (energyWithoutHours) {
            assumptions.add(Assumption.about(Set.of(Assumption.Affects.HOURS, Assumption.Affects.COST), NO_HOURS, "No log gives this run's wall-clock hours: the energy is "
                    + e.toolReports().get(0).tool() + "'s measured figure, while the hours, the average power and the cloud price, which need them, are left blank."));
        }
        String label = cpu.isPresent() ? cpu.get().label() : e.hardware().isEmpty() ? unnamed(e)
                : hardware.label(e.hardware().get(), catalogs.accelerators());

        PueChoice pue = PueChoice.of(e.pue(), config.pue(), catalogs.pue());
        pue.source().ifPresent(sources::add);
        assumptions.addAll(pue.assumptions());

        LoggedGrid logged = LoggedGrid.of(e, catalogs.grids());
        boolean bySettings = !GridChoice.toLog(e, config);
        // Where the settings name no grid, the logged place stands in the experiment's region; else the settings stand.
        Optional<String> region = bySettings ? e.region() : logged.single();
        Optional<GridChoice> chosen = GridChoice.of(e.carbonIntensity(), region, config.intensity(), config.region(), catalogs.grids());
        if (chosen.isEmpty()) {
            String key = GridChoice.regionKey(region, config.intensity(), config.region()).orElseThrow();
            return EstimateResult.failed(List.of(Problem.error(where, 0, catalogs.grids().lookup(key).problem())),
                    List.of(MissingFigure.SETTINGS));
        }
        GridChoice grid = chosen.get();
        sources.addAll(grid.sources());
        assumptions.add(grid.note());
        assumptions.addAll(logged.notes(bySettings, e.carbonIntensity().isPresent() ? Optional.empty()
                : GridChoice.regionKey(e.region(), config.intensity(), config.region()), catalogs.grids()));

        Optional<Power> tdpTotal = hardware.tdp(e);
        EnergyEvidence evidence = cpu.isPresent()
                ? EnergyEvidence.cpu(cpu.get().power().orElseThrow(), knownHours.orElseThrow(), pue.pue(), cpu.get().source().orElseThrow(), cpu.get().note().orElseThrow())
                : energyWithoutHours ? EnergyEvidence.fromTools(e.toolReports(), Optional.empty(), pue.pue())
                : EnergyEvidence.of(e, knownHours.orElseThrow(), pue.pue(), tdpTotal, hardware.tdpSource(e));
        evidence.source().ifPresent(sources::add);
        assumptions.addAll(evidence.assumptions());
        assumptions.addAll(hardware.uncatalogued());
        if (mixed) {
            assumptions.add(Assumption.about(Set.of(Assumption.Affects.COST), "mixed-devices", "The run used different accelerators ("
                    + e.hardware().get().describe() + "): no single cloud price or embodied figure applies, so both are left blank."));
        }
        Optional<Range<Energy>> energyRange = evidence.energy().map(x -> Spreads.energy(x, pue.pue().value(), pue.range(), evidence.method(), tdpTotal, knownHours));
        Optional<Range<Mass>> co2e = energyRange.map(r -> Spreads.emissions(r, grid.range()));

        CloudCost cloud = CloudCost.NONE;
        if (spec.isPresent() && devices > 0 && knownHours.isPresent()) {
            Optional<String> wanted = e.cloudPrices().or(config::priceCatalog);
            if (wanted.isPresent() && !catalogs.cloudPrices().hasCatalog(wanted.get())) {
                return EstimateResult.failed(List.of(Problem.error(where, 0, "unknown cloud price catalog '" + wanted.get() + "'")),
                        List.of(MissingFigure.SETTINGS));
            }
            cloud = CloudCost.of(spec.get(), devices, knownHours.get(), wanted, cloudProvider(e, logged), catalogs.cloudPrices());
            cloud.source().ifPresent(sources::add);
            assumptions.addAll(cloud.assumptions());
        }
        Optional<Money> electricity = config.electricity().flatMap(p -> energyRange.map(r -> p.costOf(r.central())));

        return EstimateResult.of(new ExperimentEstimate(e, spec, label, devices, knownHours, evidence.power(), pue.pue(), evidence.method(), energyRange,
                evidence.measured(), evidence.window(), grid.intensity(), grid.grid(), co2e, evidence.toolCo2e(), cloud.range(), cloud.catalog(),
                electricity, assumptions.stream().map(this::shared).toList(), shared(List.copyOf(sources))));
    }

    /** The object equal to {@code x} this estimator returned before, while fewer than {@link #SHARED_MAX} are kept. */
    @SuppressWarnings("unchecked")
    private <T> T shared(T x) {
        Object first = shared.get(x);
        if (first != null) return (T) first;
        if (shared.size() < SHARED_MAX) shared.putIfAbsent(x, x);
        return x;
    }

    /**
     * The hardware column of a run whose logs name no accelerator: {@code unnamed GPUx8} when its
     * traces measured GPUs (each device of each host once: a host's consecutive files are the same
     * devices), else {@code unknown}.
     */
    static String unnamed(Experiment e) {
        java.util.Set<String> gpus = new java.util.HashSet<>();
        for (io.carbonpaper.model.TraceSummary t : e.traces())
            for (io.carbonpaper.model.DeviceEnergy d : t.devices())
                if (d.kind().equals("gpu")) gpus.add(t.host().orElse("") + "\u0000" + d.device());
        return gpus.isEmpty() ? "unknown" : "unnamed GPUx" + gpus.size();
    }

    /**
     * The cloud provider ({@code aws}, {@code gcp}, {@code azure}) whose region the run names, else the project's
     * region names, else the one its tools logged; empty for a region that is no catalogued cloud region. Looked at even where an intensity is
     * declared: the price follows where the run was, not how its grid was given.
     */
    private Optional<String> cloudProvider(Experiment e, LoggedGrid logged) {
        return e.region().or(config::region).or(logged::single).flatMap(r -> catalogs.grids().find(r))
                .filter(g -> g.kind().equals("cloud-region") && g.key().indexOf(':') > 0)
                .map(g -> g.key().substring(0, g.key().indexOf(':')).toLowerCase(java.util.Locale.ROOT));
    }
}
