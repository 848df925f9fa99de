package io.carbonpaper.reference;

import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everyday CO2e figures (catalog/equivalences.csv): the paper's Table 1, stated in lbs, and a few
 * more in kg. Each row's value is read in its own unit and held as a {@link Mass}, so a report in
 * either unit converts once, exactly.
 */
public final class EquivalenceCatalog {
    /** The rows Strubell et al. printed in Table 1, in their order. */
    public static final List<String> PAPER_KEYS =
            List.of("air-travel-ny-sf", "human-life-year", "american-life-year", "car-lifetime");

    private final Map<String, Equivalence> byKey = new LinkedHashMap<>();

    private EquivalenceCatalog(List<Equivalence> rows) {
        for (Equivalence e : rows) {
            if (byKey.put(e.key().toLowerCase(Locale.ROOT), e) != null)
                throw new IllegalStateException("duplicate equivalence key " + e.key());
        }
    }

    public static EquivalenceCatalog bundled() {
        return new EquivalenceCatalog(CatalogCsv.read("equivalences.csv", r -> {
            MassUnit unit = MassUnit.parse(r.get("unit"));
            double v = Double.parseDouble(r.get("value"));
            Mass mass = unit == MassUnit.LBS ? Mass.ofPounds(v) : Mass.ofKilograms(v);
            return new Equivalence(r.get("key"), r.get("name"), mass, unit, CatalogCsv.integer(r, "year"),
                    r.get("source"), r.isMapped("note") ? r.get("note") : "");
        }));
    }

    public Optional<Equivalence> find(String key) { return Optional.ofNullable(byKey.get(key.toLowerCase(Locale.ROOT))); }

    public List<Equivalence> all() { return List.copyOf(byKey.values()); }

    /** The paper's four Table 1 rows, in the paper's order. */
    public List<Equivalence> paper() { return PAPER_KEYS.stream().map(k -> find(k).orElseThrow()).toList(); }
}
