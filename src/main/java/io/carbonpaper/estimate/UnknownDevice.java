package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;

import java.util.EnumSet;
import java.util.List;

/**
 * An accelerator the hardware catalog does not know, in an experiment whose energy does not need
 * the catalog: measured (trace, counter, another tool, Slurm, Prometheus), declared
 * ({@code power_watts}) or given a TDP ({@code hardware.tdp_watts}). The energy and CO2e stand;
 * what only the catalog gives (the TDP fallback, a cloud price, embodied emissions) is left blank
 * with a footnote naming the device and the YAML line that would supply it.
 */
final class UnknownDevice {
    private UnknownDevice() {}

    /** Whether {@code e}'s energy can be had without the hardware catalog. */
    static boolean needsNoCatalog(Experiment e) {
        return !e.traces().isEmpty() || !e.toolReports().isEmpty() || e.declaredPower().isPresent() || e.declaredTdp().isPresent();
    }

    /** The footnote for the device {@code name} (a part of {@code h}): where it was read, what is blank and the lines that fill it. */
    static Assumption note(String name, Hardware h, Experiment e, List<String> close) {
        StringBuilder s = new StringBuilder("'").append(name).append("' (read from ").append(h.origin())
                .append(") is not in the hardware catalog: its ")
                .append(e.traces().isEmpty() && e.toolReports().isEmpty() ? "declared" : "measured")
                .append(" energy and CO\u2082e stand; ");
        s.append(e.declaredTdp().isPresent() ? "its cloud price and embodied emissions are left blank."
                : "what needs the catalog (the TDP, a cloud price, embodied emissions) is left blank.");
        if (!close.isEmpty()) s.append(" If it is ").append(String.join(" or ", close)).append(", say so with 'hardware.accelerator: ")
                .append(close.get(0)).append("' in experiment.yaml.");
        if (e.declaredTdp().isEmpty()) s.append(" Its TDP: 'hardware.tdp_watts: W' in experiment.yaml, or once for many runs in carbonpaper.yaml's defaults: or folders:.");
        s.append(" A cloud price: 'rnd_price_accelerator: NAME' in carbonpaper.yaml prices the R&D table's accelerator-hours at a catalogued accelerator's price.");
        return new Assumption("uncatalogued:" + name, s.toString(), List.of(), EnumSet.of(Assumption.Affects.COST), false);
    }
}
