package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.Problem;
import io.carbonpaper.reference.AcceleratorCatalog;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.unit.Power;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first step of {@link TrainingCostEstimator#estimate}: the accelerators a run names, each
 * looked up in the hardware catalog. A part the catalog lacks is an error, unless the run's own
 * evidence (a trace, a tool's figure, a declared power) stands without it; then it is a note, and
 * only what needs the catalog (TDP bounds, cloud price, embodied carbon) is left blank.
 *
 * @param spec         the catalog row of a run on one kind of accelerator; empty for a mix or an uncatalogued part
 * @param parts        the catalog row of each catalogued part, in the hardware's order
 * @param devices      how many accelerators the run used (0 when it names none)
 * @param mixed        whether the run used more than one kind
 * @param uncatalogued the notes for parts the catalog lacks, where the evidence stands without them
 * @param problems     the errors for parts the catalog lacks, where the estimate needs them
 */
record HardwareChoice(Optional<AcceleratorSpec> spec, List<AcceleratorSpec> parts, int devices, boolean mixed,
                      List<Assumption> uncatalogued, List<Problem> problems) {

    static HardwareChoice of(Experiment e, AcceleratorCatalog catalog) {
        if (e.hardware().isEmpty()) return new HardwareChoice(Optional.empty(), List.of(), 0, false, List.of(), List.of());
        Hardware h = e.hardware().get();
        List<AcceleratorSpec> parts = new ArrayList<>();
        List<Assumption> uncatalogued = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Hardware.Part part : h.parts()) {
            Optional<AcceleratorSpec> found = catalog.find(part.name());
            found.ifPresent(parts::add);
            if (found.isEmpty() && UnknownDevice.needsNoCatalog(e)) {
                uncatalogued.add(UnknownDevice.note(part.name(), h, e, catalog.suggestions(part.name())));
            } else if (found.isEmpty()) {
                List<String> close = catalog.suggestions(part.name());
                problems.add(Problem.error(h.originFile(), h.originLine(), "unknown accelerator '" + part.name() + "'"
                        + (close.isEmpty() ? "; add it to the hardware catalog or name a known one" : "; did you mean " + String.join(", ", close) + "?")));
            }
        }
        Optional<AcceleratorSpec> spec = !h.mixed() && !parts.isEmpty() ? Optional.of(parts.get(0)) : Optional.empty();
        return new HardwareChoice(spec, List.copyOf(parts), h.count(), h.mixed(), List.copyOf(uncatalogued), List.copyOf(problems));
    }

    /** Whether every part the run names is in the catalog (true when it names none). */
    private boolean catalogued(Experiment e) {
        return parts.size() == e.hardware().map(h -> h.parts().size()).orElse(0);
    }

    /**
     * The TDP of all the run's accelerators together: the experiment's declared TDP per device, else
     * the catalog's (each part's, for a mix); empty when neither gives one for every device.
     */
    Optional<Power> tdp(Experiment e) {
        if (e.declaredTdp().isPresent() && devices > 0) return Optional.of(e.declaredTdp().get().times(devices));
        if (!catalogued(e)) return Optional.empty();
        if (mixed) return mixTdp(e.hardware().get());
        return devices > 0 ? spec.flatMap(AcceleratorSpec::tdp).map(t -> t.times(devices)) : Optional.empty();
    }

    /** The source id of the catalog TDP {@link #tdp} used; empty for a declared one. */
    Optional<String> tdpSource(Experiment e) {
        if (e.declaredTdp().isPresent() && devices > 0) return Optional.empty();
        return (mixed ? parts.stream().findFirst() : spec).map(AcceleratorSpec::source);
    }

    /**
     * The hardware column of a run that names its accelerators: {@code V100x8} (the catalog key,
     * else the name as read), or {@code RTX4060x1+RTX3080Tix1} for a mix. A name that itself ends
     * in an x keeps a space before the count ({@code MI300X x8}, {@code Apple-M2-Max x1}), which
     * would otherwise read as part of the name.
     */
    String label(Hardware h, AcceleratorCatalog catalog) {
        if (mixed) {
            List<String> out = new ArrayList<>();
            for (Hardware.Part part : h.parts())
                out.add(Hardware.times(catalog.find(part.name()).map(AcceleratorSpec::key).orElse(part.name()), part.count()));
            return String.join("+", out);
        }
        String name = spec.map(AcceleratorSpec::key).orElse(h.accelerator());
        return devices > 0 ? Hardware.times(name, devices) : name;
    }

    /** The TDP of every device of a mix, when the catalog gives each part's. */
    private Optional<Power> mixTdp(Hardware h) {
        Power total = Power.ofWatts(0);
        for (int i = 0; i < h.parts().size(); i++) {
            Optional<Power> tdp = parts.get(i).tdp();
            if (tdp.isEmpty()) return Optional.empty();
            total = total.plus(tdp.get().times(h.parts().get(i).count()));
        }
        return Optional.of(total);
    }
}
