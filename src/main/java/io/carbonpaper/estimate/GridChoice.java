package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.reference.GridCatalog;
import io.carbonpaper.reference.GridIntensity;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Range;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The grid of one experiment, first found of: its declared intensity, its region, the project's
 * intensity, the project's region, where its tools logged it ran ({@link LoggedGrid}), the catalog's
 * default (the paper's US average). A region is
 * looked up in the grid catalog; a declared intensity is a point.
 *
 * @param grid   how the report names it: {@code declared}, {@code configured}, or the catalog row's name (and year)
 * @param sources the catalog sources of the row used (its figure's, then its range's where that is another), empty for a declared or configured intensity
 * @param unverified whether that catalog row is marked {@code unverified} (nobody checked it against a second copy)
 */
record GridChoice(CarbonIntensity intensity, Range<CarbonIntensity> range, String grid, List<String> sources, boolean unverified) {
    GridChoice {
        sources = List.copyOf(sources);
    }

    GridChoice(CarbonIntensity intensity, Range<CarbonIntensity> range, String grid) {
        this(intensity, range, grid, List.of(), false);
    }

    /** The choice, or empty when the region to use is not in the catalog (see {@link #regionKey}). */
    static Optional<GridChoice> of(Optional<CarbonIntensity> experimentIntensity, Optional<String> experimentRegion,
                                   Optional<CarbonIntensity> projectIntensity, Optional<String> projectRegion, GridCatalog grids) {
        if (experimentIntensity.isPresent())
            return Optional.of(new GridChoice(experimentIntensity.get(), Range.of(experimentIntensity.get()), "declared"));
        Optional<String> key = regionKey(experimentRegion, projectIntensity, projectRegion);
        if (key.isPresent()) {
            return grids.find(key.get()).map(g -> new GridChoice(g.intensity(), g.range(), g.name() + " (" + g.year() + ")",
                    g.sources(), g.unverified()));
        }
        if (projectIntensity.isPresent())
            return Optional.of(new GridChoice(projectIntensity.get(), Range.of(projectIntensity.get()), "configured"));
        GridIntensity g = grids.defaultGrid();
        return Optional.of(new GridChoice(g.intensity(), g.range(), g.name(), g.sources(), g.unverified()));
    }

    /** The region looked up: the experiment's, else the project's unless the project names an intensity. */
    static Optional<String> regionKey(Optional<String> experimentRegion, Optional<CarbonIntensity> projectIntensity, Optional<String> projectRegion) {
        return experimentRegion.or(() -> projectIntensity.isEmpty() ? projectRegion : Optional.empty());
    }

    /**
     * The region {@code e}'s grid is looked up by: the one its settings name ({@link #regionKey(Optional,
     * Optional, Optional)}), else, where no setting names a region or an intensity, the one grid its
     * tools logged it ran on ({@link LoggedGrid#single}).
     */
    static Optional<String> regionKey(Experiment e, ProjectConfig config, GridCatalog grids) {
        Optional<String> set = regionKey(e.region(), config.intensity(), config.region());
        if (set.isPresent() || !toLog(e, config)) return set;
        return LoggedGrid.of(e, grids).single();
    }

    /** Whether nothing in the settings names {@code e}'s grid, so that a place its tools logged may. */
    static boolean toLog(Experiment e, ProjectConfig config) {
        return e.carbonIntensity().isEmpty() && e.region().isEmpty() && config.intensity().isEmpty() && config.region().isEmpty();
    }

    /** Notes made so far, at most {@value #NOTES_MAX}: a million estimates share a handful of grids (issue 20). */
    private static final java.util.Map<GridChoice, Assumption> NOTES = new java.util.concurrent.ConcurrentHashMap<>();
    static final int NOTES_MAX = 4096;

    /** The footnote every estimate carries: the intensity used and where it came from. */
    Assumption note() {
        Assumption known = NOTES.get(this);
        if (known != null) return known;
        Assumption made = makeNote();
        if (NOTES.size() < NOTES_MAX) NOTES.putIfAbsent(this, made);
        return made;
    }

    private Assumption makeNote() {
        return new Assumption("grid:" + grid + ":" + intensity.gramsPerKilowattHour(),
                String.format(Locale.ROOT, "CO\u2082e at %.1f g/kWh (%.3f lbs/kWh): %s.", intensity.gramsPerKilowattHour(),
                        intensity.poundsPerKilowattHour(), grid.equals("declared") ? "the experiment's declared grid intensity"
                                : grid.equals("configured") ? "the project's configured grid intensity"
                                : unverified ? grid + "; unverified: this catalog figure was read from one copy and not checked against a second" : grid),
                sources, java.util.Set.of(Assumption.Affects.CO2E), true);
    }

    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof GridChoice x && Objects.equals(intensity, x.intensity)
                && Objects.equals(range, x.range) && Objects.equals(grid, x.grid) && Objects.equals(sources, x.sources)
                && unverified == x.unverified;
    }

    @Override public int hashCode() {
        int h = Objects.hashCode(intensity);
        h = 31 * h + Objects.hashCode(range);
        h = 31 * h + Objects.hashCode(grid);
        h = 31 * h + Objects.hashCode(sources);
        return 31 * h + Boolean.hashCode(unverified);
    }
}
