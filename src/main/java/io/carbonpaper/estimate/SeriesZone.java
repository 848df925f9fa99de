package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.GridSeries;
import io.carbonpaper.reference.GridAlias;
import io.carbonpaper.reference.GridCatalog;
import io.carbonpaper.reference.GridIntensity;
import io.carbonpaper.reference.RegionLookup;
import io.carbonpaper.settings.ProjectConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an hourly grid series is for the grid an experiment ran on (issue 21), compared at the finest
 * level both sides know:
 * <ol>
 *   <li>the country: an Electricity Maps zone by its ISO alpha-2 prefix ({@code DE}, {@code DK-DK1},
 *       {@code US-CAL-CISO}), an EIA balancing authority as the US; the experiment's grid by its catalog row
 *       (a country, US state, eGRID subregion, the US averages, a cloud region through the grid it maps to);</li>
 *   <li>in the US, the balancing authority, when both are one: the series' code ({@code CISO}, or the last part
 *       of {@code US-CAL-CISO}) against a grid operator the experiment names ({@code CAISO}, {@code NYISO});</li>
 *   <li>else the state, when the experiment names one and the series' operator lists the states it serves;</li>
 *   <li>else the eGRID subregions, when the experiment's grid is one (an eGRID key, a cloud region mapped to
 *       one) and the series' operator's area lies in catalogued subregions.</li>
 * </ol>
 * Only a clear difference at one of these levels is a {@link Verdict#MISMATCH}; where one side names no place
 * (no zone in the series, the world average, a declared intensity without a region) the verdict is
 * {@link Verdict#UNKNOWN}. A state is never compared by its eGRID subregion: the catalog maps a state to its
 * main subregion only, and a state served by two operators (Illinois: PJM and MISO) would be a false mismatch.
 */
public final class SeriesZone {
    private SeriesZone() {}

    public enum Verdict { MATCH, MISMATCH, UNKNOWN }

    /**
     * @param level   how far the two were compared: {@code balancing authority}, {@code state}, {@code eGRID subregion},
     *                {@code country}, or empty for {@link Verdict#UNKNOWN}
     * @param message for a mismatch, the warning naming both; for an unknown, why no check was possible; else empty
     */
    public record Check(Verdict verdict, String level, String message) {
        public boolean applies() { return verdict != Verdict.MISMATCH; }
    }

    /** A place as far as it is known; {@code shown} is how messages name it. */
    private record Place(String shown, Optional<String> country, Optional<String> ba, Set<String> states, Set<String> grids) {
        static Place none(String shown) { return new Place(shown, Optional.empty(), Optional.empty(), Set.of(), Set.of()); }

        static Place country(String shown, String iso2) {
            return new Place(shown, Optional.of(iso2), Optional.empty(), Set.of(), Set.of());
        }

        static Place operator(String shown, GridAlias a) {
            return new Place(shown, Optional.of("US"), a.ba(), new TreeSet<>(a.states()), new TreeSet<>(a.grids()));
        }
    }

    /**
     * The check of {@code series} against the grid experiment {@code e} is priced at: its region, else the
     * project's (unless the project declares an intensity), else where its tools logged it ran, else the
     * catalog's default; an experiment that
     * declares its own intensity and names no region cannot be checked.
     */
    public static Check check(GridSeries series, Experiment e, ProjectConfig config, GridCatalog grids) {
        Optional<String> region = GridChoice.regionKey(e, config, grids);
        if (region.isEmpty() && (e.carbonIntensity().isPresent() || config.intensity().isPresent()))
            return new Check(Verdict.UNKNOWN, "", "declares its grid intensity and names no region");
        boolean byDefault = region.isEmpty();
        Place run = byDefault ? ofGrid(grids.defaultGrid().key() + " (" + grids.defaultGrid().name() + ")", grids.defaultGrid(), grids, 0)
                : ofRegion(region.get(), grids);
        Check c = compare(ofSeries(series, grids), run);
        if (c.verdict() != Verdict.MISMATCH) return c;
        return new Check(Verdict.MISMATCH, c.level(), "the grid series " + series.file() + " is for zone " + c.message()
                + (byDefault ? " but the experiment names no region, so its grid is the default, " : " but the experiment ran on ")
                + run.shown() + " (they differ by " + c.level() + "); the series is not applied to it and its CO\u2082e stays at "
                + "the annual average. " + (byDefault ? "Set its region" : "Correct its region") + " or give a series for its grid");
    }

    /** The country (ISO 3166 alpha-2) of a region as a user names it, when the grid catalog or a grid operator tells it. */
    static Optional<String> country(String region, GridCatalog grids) {
        return ofRegion(region, grids).country();
    }

    /** The check against a region as a user names it (a catalog key or any name the catalog takes, a grid operator). */
    public static Check check(GridSeries series, String region, GridCatalog grids) {
        return compare(ofSeries(series, grids), ofRegion(region, grids));
    }

    private static Check compare(Place series, Place run) {
        if (series.country().isEmpty())
            return new Check(Verdict.UNKNOWN, "", "the series " + (series.shown().isEmpty() ? "names no zone" : "zone " + series.shown() + " names no country"));
        if (run.country().isEmpty()) return new Check(Verdict.UNKNOWN, "", "its grid, " + run.shown() + ", names no country");
        String zone = series.shown();
        if (series.ba().isPresent() && !series.states().isEmpty() && zone.endsWith(")"))
            zone = zone.substring(0, zone.length() - 1) + ", serving " + String.join(" ", series.states()) + ")";
        if (!series.country().equals(run.country())) return new Check(Verdict.MISMATCH, "country", zone);
        if (series.ba().isPresent() && run.ba().isPresent())
            return series.ba().get().equalsIgnoreCase(run.ba().get()) ? match("balancing authority")
                    : new Check(Verdict.MISMATCH, "balancing authority", zone);
        if (!series.states().isEmpty() && !run.states().isEmpty())
            return Collections.disjoint(series.states(), run.states()) ? new Check(Verdict.MISMATCH, "state", zone) : match("state");
        if (!series.grids().isEmpty() && !run.grids().isEmpty())
            return Collections.disjoint(series.grids(), run.grids()) ? new Check(Verdict.MISMATCH, "eGRID subregion", zone) : match("eGRID subregion");
        return match("country");
    }

    private static Check match(String level) { return new Check(Verdict.MATCH, level, ""); }

    /** The series' zone: a balancing authority code, an Electricity Maps zone id, or (a plain file's {@code # zone:}) any region name. */
    private static Place ofSeries(GridSeries series, GridCatalog grids) {
        boolean eia = series.format().contains("eia-grid-monitor");
        if (series.zone().isEmpty()) return eia ? Place.country("US", "US") : Place.none("");
        String zone = series.zone().get().strip();
        String[] parts = zone.split("-");
        String code = eia ? zone : parts[0].equalsIgnoreCase("US") && parts.length >= 3 ? parts[parts.length - 1] : zone;
        Optional<GridAlias> operator = operator(code, grids);
        if (operator.isPresent()) return Place.operator(zone + " (" + operator.get().name() + ")", operator.get());
        if (eia || parts[0].equalsIgnoreCase("US") && parts.length >= 3) return Place.country(zone, "US");
        // A name the grid catalog takes (DE, US-CA, CAMX), else an Electricity Maps zone by its country (DK-DK1, CA-ON).
        Place named = ofRegion(zone, grids);
        if (named.country().isPresent()) return new Place(zone, named.country(), named.ba(), named.states(), named.grids());
        Optional<String> iso2 = parts[0].length() == 2 ? iso2(parts[0]) : Optional.empty();
        return iso2.map(c -> Place.country(zone, c)).orElse(Place.none(zone));
    }

    private static Place ofRegion(String region, GridCatalog grids) {
        String name = region.strip();
        Optional<GridAlias> operator = operator(name, grids);
        if (operator.isPresent()) return Place.operator(name + " (" + operator.get().name() + ")", operator.get());
        RegionLookup found = grids.lookup(name);
        if (found instanceof RegionLookup.Found f) {
            GridIntensity g = f.found();
            String shown = g.key().equalsIgnoreCase(name) ? g.key() + " (" + g.name() + ")"
                    : g.name().equalsIgnoreCase(name) ? name + " (" + g.key() + ")" : name + " (" + g.key() + ", " + g.name() + ")";
            return ofGrid(shown, g, grids, 0);
        }
        return Place.none(name);
    }

    /** Where a catalog grid is; a cloud region is where the grid it maps to is. */
    private static Place ofGrid(String shown, GridIntensity g, GridCatalog grids, int depth) {
        String key = g.key();
        switch (g.kind()) {
            case "egrid" -> { return new Place(shown, Optional.of("US"), Optional.empty(), Set.of(), Set.of(key.toUpperCase(Locale.ROOT))); }
            case "balancing-authority" -> {
                // Keyed by its EIA code; maps_to is the eGRID subregion that holds it (empty where it spans several).
                return new Place(shown, Optional.of("US"), Optional.of(key.toUpperCase(Locale.ROOT)), Set.of(),
                        g.mapsTo().map(m -> Set.of(m.toUpperCase(Locale.ROOT))).orElse(Set.of()));
            }
            case "us-state" -> {
                return new Place(shown, Optional.of("US"), Optional.empty(), Set.of(key.substring(key.indexOf('-') + 1).toUpperCase(Locale.ROOT)), Set.of());
            }
            case "country" -> {
                if (key.equalsIgnoreCase("us")) return Place.country(shown, "US");
                return iso2(key).map(c -> Place.country(shown, c)).orElse(Place.none(shown));
            }
            case "cloud-region" -> {
                if (depth > 8 || g.mapsTo().isEmpty()) return Place.none(shown);
                return grids.find(g.mapsTo().get()).map(m -> ofGrid(shown, m, grids, depth + 1)).orElse(Place.none(shown));
            }
            default -> {
                // us-epa-2018, us-egrid-2023: US averages; the world and EU averages name no country.
                return key.toLowerCase(Locale.ROOT).startsWith("us") ? Place.country(shown, "US") : Place.none(shown);
            }
        }
    }

    /** The grid operator of grid-names.csv with this name or balancing authority code. */
    private static Optional<GridAlias> operator(String name, GridCatalog grids) {
        String n = loose(name);
        if (n.isEmpty()) return Optional.empty();
        List<GridAlias> hits = new ArrayList<>();
        for (GridAlias a : grids.aliases()) {
            if (!a.kind().equals("grid-operator") || a.ba().isEmpty()) continue;
            if (loose(a.name()).equals(n) || loose(a.ba().get()).equals(n)) hits.add(a);
        }
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    private static String loose(String s) { return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""); }

    /** The ISO alpha-2 code of an alpha-2 or alpha-3 code ({@code DE}, {@code DEU}); {@code UK} and {@code EL} as GB and GR. */
    private static Optional<String> iso2(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        if (c.equals("UK")) return Optional.of("GB");
        if (c.equals("EL")) return Optional.of("GR");
        if (c.length() == 2) return Set.of(Locale.getISOCountries()).contains(c) ? Optional.of(c) : Optional.empty();
        if (c.length() != 3) return Optional.empty();
        for (String a2 : Locale.getISOCountries()) {
            try {
                @SuppressWarnings("deprecation") Locale l = new Locale("", a2);
                if (l.getISO3Country().equals(c)) return Optional.of(a2);
            } catch (MissingResourceException e) {
                // a code without an alpha-3 form
            }
        }
        return Optional.empty();
    }
}
