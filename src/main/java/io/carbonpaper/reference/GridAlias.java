package io.carbonpaper.reference;

import java.util.List;
import java.util.Optional;

/**
 * A name of catalog/grid-names.csv: a grid operator or a non-ISO country code, and the grid whose
 * figure it stands for.
 *
 * @param kind   {@code grid-operator} or {@code country}
 * @param grid   the grid it means; empty where the catalog has no figure for it
 * @param spans  the eGRID subregions a grid operator's area spans; where {@code grid} is empty, the catalogued grids the
 *               name could mean
 * @param source the source of the mapping (not of the figure, which keeps the grid's own)
 * @param ba     a grid operator's EIA-930 balancing authority code ({@code CISO}, {@code NYIS}), also the last part of
 *               an Electricity Maps US zone id ({@code US-CAL-CISO}); empty where none is catalogued
 * @param states the US states (two-letter codes) a grid operator serves, all or in part; empty where not catalogued
 */
public record GridAlias(String name, String kind, Optional<GridIntensity> grid, List<String> spans, String source, int year,
                        String note, Optional<String> ba, List<String> states) {
    public GridAlias {
        spans = List.copyOf(spans);
        states = List.copyOf(states);
    }

    /**
     * The eGRID subregions (or other catalogued grids) the name covers: the subregions its area spans where listed (an
     * operator whose grid is its balancing authority's own figure still lists them), else its grid.
     */
    public List<String> grids() { return !spans.isEmpty() ? spans : grid.map(g -> List.of(g.key())).orElse(List.of()); }
}
