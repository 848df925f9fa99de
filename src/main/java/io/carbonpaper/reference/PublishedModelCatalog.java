package io.carbonpaper.reference;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import org.apache.commons.csv.CSVRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Published training footprints (catalog/published-models.csv): Strubell et al.'s Table 3, Patterson et al.'s
 * Table 4, BLOOM, OPT-175B, LLaMA and the Llama 2 and 3 model cards, each row as its source states it, to set a
 * project's own figures beside. Rows keep the catalog's order. A malformed row fails loudly with its line.
 */
public final class PublishedModelCatalog {
    static final Set<String> CO2E_UNITS = Set.of("lbs", "kg", "t");
    static final Set<String> GRID_UNITS = Set.of("g/kWh", "lbs/kWh");
    static final Set<String> POWER_SCOPES = Set.of("job", "device");
    static final Set<String> CHECKED = Set.of("confirmed", "secondary", "unverified");
    static final Set<String> METHODS = Set.of("measured-projected", "operator-measured", "estimated", "life-cycle");

    private final Map<String, PublishedModel> byKey = new LinkedHashMap<>();

    private PublishedModelCatalog(List<PublishedModel> rows) {
        for (PublishedModel m : rows) {
            if (byKey.put(m.key().toLowerCase(Locale.ROOT), m) != null)
                throw new IllegalStateException("duplicate published model key " + m.key());
        }
    }

    public static PublishedModelCatalog bundled() {
        return new PublishedModelCatalog(CatalogCsv.read("published-models.csv", PublishedModelCatalog::row));
    }

    public Optional<PublishedModel> find(String key) {
        return Optional.ofNullable(byKey.get(key.toLowerCase(Locale.ROOT)));
    }

    /** Every row, in the catalog's order. */
    public List<PublishedModel> all() { return List.copyOf(byKey.values()); }

    private static PublishedModel row(CSVRecord r) {
        String co2eUnit = r.get("co2e_unit");
        Double co2eValue = CatalogCsv.optionalDouble(r, "co2e");
        Optional<Mass> co2e = Optional.empty();
        if (co2eValue != null) {
            require(CO2E_UNITS.contains(co2eUnit), "co2e_unit must be one of " + CO2E_UNITS + ", not '" + co2eUnit + "'");
            co2e = Optional.of(switch (co2eUnit) {
                case "lbs" -> Mass.ofPounds(co2eValue);
                case "t" -> Mass.ofTonnes(co2eValue);
                default -> Mass.ofKilograms(co2eValue);
            });
        } else {
            require(co2eUnit.isEmpty(), "co2e_unit without a co2e");
        }
        String gridUnit = r.get("grid_unit");
        Double gridValue = CatalogCsv.optionalDouble(r, "grid_intensity");
        Optional<CarbonIntensity> grid = Optional.empty();
        if (gridValue != null) {
            require(GRID_UNITS.contains(gridUnit), "grid_unit must be one of " + GRID_UNITS + ", not '" + gridUnit + "'");
            grid = Optional.of(gridUnit.equals("lbs/kWh") ? CarbonIntensity.ofPoundsPerKilowattHour(gridValue)
                    : CarbonIntensity.ofGramsPerKilowattHour(gridValue));
        }
        Double power = CatalogCsv.optionalDouble(r, "power_w");
        String powerScope = r.get("power_scope");
        require(power == null ? powerScope.isEmpty() : POWER_SCOPES.contains(powerScope),
                "power_scope must be one of " + POWER_SCOPES + " exactly when power_w is given");
        Double energyKwh = CatalogCsv.optionalDouble(r, "energy_kwh");
        require((energyKwh == null) == r.get("energy_scope").isEmpty(), "energy_scope is given exactly with energy_kwh");
        require(CHECKED.contains(r.get("checked")), "checked must be one of " + CHECKED);
        require(METHODS.contains(r.get("method")), "method must be one of " + METHODS);
        String count = r.get("device_count");
        return new PublishedModel(r.get("key"), r.get("model"), r.get("hardware"), r.get("device"),
                count.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(count)),
                optional(CatalogCsv.optionalDouble(r, "device_hours")), optional(CatalogCsv.optionalDouble(r, "wall_hours")),
                optional(power), powerScope,
                Optional.ofNullable(energyKwh).map(Energy::ofKilowattHours), r.get("energy_scope"), co2e,
                co2eValue == null ? "" : co2eUnit, grid, optional(CatalogCsv.optionalDouble(r, "pue")),
                r.get("method"), r.get("source"), CatalogCsv.integer(r, "year"), r.get("checked"), r.get("note"));
    }

    private static OptionalDouble optional(Double v) { return v == null ? OptionalDouble.empty() : OptionalDouble.of(v); }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
