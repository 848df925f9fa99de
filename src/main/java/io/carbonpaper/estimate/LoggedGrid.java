package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.LoggedPlace;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.reference.GridCatalog;
import io.carbonpaper.reference.GridIntensity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The grids of the places an experiment's tools logged it ran in ({@link LoggedPlace}): a cloud
 * region the grid catalog has, else, within the United States, the state the tool names, else the
 * country. {@link GridChoice#regionKey(Experiment, io.carbonpaper.settings.ProjectConfig, GridCatalog)}
 * takes the one grid found where the settings name none.
 *
 * @param found   each grid found, once, in the order the reports name them, with the place that led to it
 * @param unknown the places no grid of the catalog stands for
 */
record LoggedGrid(Map<String, LoggedPlace> found, List<LoggedPlace> unknown) {
    private static final LoggedGrid NONE = new LoggedGrid(Map.of(), List.of());

    /** What {@code e}'s tool reports logged, matched against {@code grids}. */
    static LoggedGrid of(Experiment e, GridCatalog grids) {
        Map<String, LoggedPlace> found = null;
        List<LoggedPlace> unknown = null;
        for (ToolEnergyReport r : e.toolReports()) {
            if (r.place().isEmpty()) continue;
            if (found == null) {
                found = new LinkedHashMap<>();
                unknown = new ArrayList<>();
            }
            LoggedPlace p = r.place().get();
            Optional<GridIntensity> g = grid(p, grids);
            if (g.isPresent()) found.putIfAbsent(g.get().key(), p);
            else if (!unknown.contains(p)) unknown.add(p);
        }
        return found == null ? NONE : new LoggedGrid(found, unknown);
    }

    /** The grid's key when the tools logged exactly one place the catalog has and none it lacks. */
    Optional<String> single() {
        return found.size() == 1 && unknown.isEmpty() ? Optional.of(found.keySet().iterator().next()) : Optional.empty();
    }

    /** The catalog's grid for {@code p}: its cloud region, else its US state, else its country. */
    static Optional<GridIntensity> grid(LoggedPlace p, GridCatalog grids) {
        if (p.onCloud()) {
            Optional<GridIntensity> cloud = grids.find(p.cloudProvider().get().toLowerCase(Locale.ROOT) + ":" + p.cloudRegion().get())
                    .filter(g -> g.kind().equals("cloud-region"));
            if (cloud.isPresent()) return cloud;
        }
        Optional<GridIntensity> country = p.country().map(LoggedGrid::alpha3).flatMap(grids::find).filter(g -> g.kind().equals("country"));
        if (country.isPresent() && country.get().key().equals("USA") && p.region().isPresent()) {
            Optional<GridIntensity> state = grids.find(p.region().get()).filter(g -> g.kind().equals("us-state"));
            if (state.isPresent()) return state;
        }
        return country;
    }

    /**
     * An ISO 3166 alpha-2 code as its alpha-3 code, the key of the country's row ({@code US} is
     * {@code USA}, not the paper's 2018 row keyed {@code us}); anything else as it is.
     */
    private static String alpha3(String country) {
        if (country.length() != 2) return country;
        try {
            String alpha3 = new Locale("", country.toUpperCase(Locale.ROOT)).getISO3Country();
            return alpha3.isEmpty() ? country : alpha3;
        } catch (java.util.MissingResourceException e) {
            return country;
        }
    }

    /**
     * The notes for an experiment: which logged place chose its grid, or why none did; empty when the
     * tools logged nothing. {@code bySettings}: the settings name the grid (a region or an intensity),
     * so a logged place only informs, and is noted where it lies in another country than the region
     * the settings name ({@code set}).
     */
    List<Assumption> notes(boolean bySettings, Optional<String> set, GridCatalog grids) {
        if (found.isEmpty() && unknown.isEmpty()) return List.of();
        List<Assumption> notes = new ArrayList<>();
        Set<Assumption.Affects> co2e = Set.of(Assumption.Affects.CO2E);
        if (bySettings) {
            Optional<String> setCountry = set.flatMap(r -> SeriesZone.country(r, grids));
            if (setCountry.isEmpty()) return notes;
            for (Map.Entry<String, LoggedPlace> f : found.entrySet()) {
                Optional<String> logged = SeriesZone.country(f.getKey(), grids);
                if (logged.isPresent() && !logged.equals(setCountry))
                    notes.add(Assumption.about(co2e, "logged-place-other:" + f.getKey() + ":" + set.get(), f.getValue().tool()
                            + " logged this run in " + f.getValue().describe() + ", another country than the region the settings name ("
                            + set.get() + "), whose grid is used: check the run's region."));
            }
            return notes;
        }
        Optional<String> single = single();
        if (single.isPresent()) {
            LoggedPlace p = found.get(single.get());
            String place = p.describe().equalsIgnoreCase(single.get()) ? p.describe() : p.describe() + ": grid " + single.get();
            notes.add(Assumption.about(co2e, "logged-place:" + p.tool() + ":" + place, "The run's grid is where " + p.tool()
                    + " logged it ran (" + place + "); the settings name no region for it."));
            return notes;
        }
        List<String> places = new ArrayList<>();
        for (Map.Entry<String, LoggedPlace> f : found.entrySet()) places.add(f.getValue().describe());
        for (LoggedPlace p : unknown) places.add(p.describe() + " (not in the grid catalog)");
        notes.add(Assumption.about(co2e, "logged-place-unused:" + String.join(";", places), "The run's tools logged "
                + (places.size() == 1 ? "a place" : "several places") + ", " + String.join("; ", places)
                + ", that name" + (places.size() == 1 ? "s" : "") + " no single grid of the catalog; the default grid is used: set the run's region."));
        return notes;
    }

}
