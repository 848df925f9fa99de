package io.carbonpaper.reference;

import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Accelerators and CPUs (catalog/accelerators.csv), looked up by key or any alias. Matching
 * ignores case, spaces, dashes and a leading vendor word, so {@code Tesla P100-PCIE-16GB},
 * {@code NVIDIA Tesla P100} and {@code p100} all find the P100.
 */
public final class AcceleratorCatalog {
    private final List<AcceleratorSpec> specs;
    private final Map<String, AcceleratorSpec> byNormalisedName = new LinkedHashMap<>();

    private AcceleratorCatalog(List<AcceleratorSpec> specs) {
        this.specs = specs;
        for (AcceleratorSpec s : specs) {
            register(s.key(), s);
            register(s.name(), s);
            for (String a : s.aliases()) register(a, s);
        }
    }

    private void register(String name, AcceleratorSpec s) {
        AcceleratorSpec prev = byNormalisedName.put(normalise(name), s);
        if (prev != null && prev != s)
            throw new IllegalStateException("accelerator alias '" + name + "' names both " + prev.key() + " and " + s.key());
    }

    public static AcceleratorCatalog bundled() {
        return new AcceleratorCatalog(CatalogCsv.read("accelerators.csv", r -> {
            Double tdp = CatalogCsv.optionalDouble(r, "tdp_watts");
            Double mem = CatalogCsv.optionalDouble(r, "memory_gb");
            Double price = CatalogCsv.optionalDouble(r, "purchase_usd");
            Double embodied = CatalogCsv.optionalDouble(r, "embodied_kg_co2e");
            Double lifetime = CatalogCsv.optionalDouble(r, "lifetime_years");
            String aliases = r.get("aliases");
            String family = text(r, "price_family").isEmpty() ? r.get("key") : text(r, "price_family");
            return new AcceleratorSpec(r.get("key"), r.get("name"),
                    aliases.isBlank() ? List.of() : Arrays.stream(aliases.split(";")).map(String::trim).toList(),
                    r.get("kind"), Optional.ofNullable(tdp).map(Power::ofWatts), Optional.ofNullable(mem),
                    CatalogCsv.integer(r, "launch_year"), Optional.ofNullable(price).map(Money::usd), family,
                    r.get("source"), CatalogCsv.integer(r, "year"), text(r, "note"),
                    optionalText(r, "price_source"), Optional.ofNullable(embodied).map(Mass::ofKilograms),
                    optionalText(r, "embodied_source"), Optional.ofNullable(lifetime));
        }));
    }

    private static String text(CSVRecord r, String column) {
        return r.isMapped(column) && r.get(column) != null ? r.get(column) : "";
    }

    private static Optional<String> optionalText(CSVRecord r, String column) {
        return Optional.of(text(r, column)).filter(s -> !s.isBlank());
    }

    public List<AcceleratorSpec> all() { return specs; }

    /** The spec for a name as an input wrote it, or empty when the catalog does not know it. */
    public Optional<AcceleratorSpec> find(String name) {
        String n = normalise(name);
        AcceleratorSpec s = byNormalisedName.get(n);
        if (s != null) return Optional.of(s);
        for (String vendor : List.of("nvidia", "tesla", "geforce", "google", "nvidiatesla", "nvidiageforce")) {
            if (n.startsWith(vendor)) {
                s = byNormalisedName.get(n.substring(vendor.length()));
                if (s != null) return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Names close to {@code name}, for an "unknown accelerator" message. */
    public List<String> suggestions(String name) {
        String n = normalise(name);
        List<String> out = new ArrayList<>();
        for (AcceleratorSpec s : specs) {
            String k = normalise(s.key());
            if (n.contains(k) || k.contains(n)) out.add(s.key());
        }
        return out.stream().limit(5).toList();
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_()]+", "");
    }
}
