package io.carbonpaper.estimate;

import io.carbonpaper.reference.PueCatalog;
import io.carbonpaper.reference.PueFigure;
import io.carbonpaper.unit.Pue;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PUE of one experiment: its own, else the project's, else the catalog's default (the
 * paper's 1.58), whose range then spans the catalog's lowest to highest figure. A declared PUE
 * is a point.
 *
 * @param source the catalog source of the default, when the default was taken
 */
record PueChoice(Pue pue, Range<Double> range, Optional<String> source, List<Assumption> assumptions) {
    PueChoice {
        assumptions = List.copyOf(assumptions);
    }

    static PueChoice of(Optional<Pue> experiment, Optional<Pue> project, PueCatalog catalog) {
        Optional<Pue> declared = experiment.or(() -> project);
        if (declared.isPresent()) return new PueChoice(declared.get(), Range.of(declared.get().value()), Optional.empty(), List.of());
        PueFigure f = catalog.defaultPue();
        List<Assumption> notes = new ArrayList<>();
        notes.add(Assumption.setting(Assumption.Affects.ENERGY, "pue-default", "PUE " + f.value() + ": " + f.name() + ".", f.source()));
        Range<Double> range = Spreads.assumedPue(catalog, f.value());
        PueFigure lo = Spreads.lowest(catalog), hi = Spreads.highest(catalog);
        notes.add(Assumption.setting(Assumption.Affects.ENERGY, "pue-range", "Energy ranges span the PUE from " + range.low() + " ("
                + lo.name() + ") to " + range.high() + " (" + hi.name() + "), the lowest and highest in the catalog.",
                lo.source(), hi.source()));
        return new PueChoice(Pue.of(f.value()), range, Optional.of(f.source()), notes);
    }
}
