package io.carbonpaper.reference;

import io.carbonpaper.unit.CarbonIntensity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Grid carbon intensities (catalog/grid-intensity.csv), keyed case-insensitively. */
public final class GridCatalog {
    /** The paper's factor: US average, 0.954 lbs CO2e per kWh (EPA eGRID, as used by Strubell et al. 2019). */
    public static final String DEFAULT_KEY = "us-epa-2018";

    private final List<GridIntensity> grids;
    private final Map<String, GridIntensity> byKey = new LinkedHashMap<>();

    private GridCatalog(List<GridIntensity> grids) {
        this.grids = grids;
        for (GridIntensity g : grids) {
            if (byKey.put(g.key().toLowerCase(Locale.ROOT), g) != null)
                throw new IllegalStateException("duplicate grid key " + g.key());
        }
    }

    public static GridCatalog bundled() {
        return new GridCatalog(CatalogCsv.read("grid-intensity.csv", r -> {
            String unit = r.isMapped("unit") ? r.get("unit") : "g/kWh";
            double v = Double.parseDouble(r.get("value"));
            CarbonIntensity ci = switch (unit) {
                case "g/kWh" -> CarbonIntensity.ofGramsPerKilowattHour(v);
                case "lbs/kWh" -> CarbonIntensity.ofPoundsPerKilowattHour(v);
                default -> throw new IllegalArgumentException("unknown intensity unit " + unit);
            };
            return new GridIntensity(r.get("key"), r.get("name"), r.get("kind"), ci, CatalogCsv.integer(r, "year"),
                    r.get("source"), r.isMapped("note") ? r.get("note") : "");
        }));
    }

    public Optional<GridIntensity> find(String key) { return Optional.ofNullable(byKey.get(key.toLowerCase(Locale.ROOT))); }

    public GridIntensity defaultGrid() { return find(DEFAULT_KEY).orElseThrow(); }

    public List<GridIntensity> all() { return grids; }
}
