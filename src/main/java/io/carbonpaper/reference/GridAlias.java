package io.carbonpaper.reference;

import java.util.List;
import java.util.Optional;

/**
 * A name of catalog/grid-names.csv: a grid operator or a non-ISO country code, and the grid whose
 * figure it stands for.
 *
 * @param kind   {@code grid-operator} or {@code country}
 * @param grid   the grid it means; empty where the catalog has no figure for it
 * @param spans  where {@code grid} is empty, the catalogued grids its area spans
 * @param source the source of the mapping (not of the figure, which keeps the grid's own)
 */
public record GridAlias(String name, String kind, Optional<GridIntensity> grid, List<String> spans, String source, int year,
                        String note) {
    public GridAlias {
        spans = List.copyOf(spans);
    }
}
