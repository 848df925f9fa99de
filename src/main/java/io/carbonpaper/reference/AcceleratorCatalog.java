package io.carbonpaper.reference;

import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Accelerators and CPUs (catalog/accelerators.csv), looked up by key or any alias, as tools print
 * the names: nvidia-smi / NVML ({@code NVIDIA A100-SXM4-80GB}, {@code Tesla V100-SXM2-16GB}),
 * rocm-smi ({@code AMD Instinct MI250X}), W&B and MLflow metadata, CodeCarbon ({@code Apple M1}).
 *
 * <p>{@link #find} ignores case, spaces, dashes, underscores, parentheses and trademark marks, and
 * any number of leading brand words ({@link #BRAND_WORDS}), so {@code Tesla P100-PCIE-16GB},
 * {@code NVIDIA Tesla P100} and {@code p100} all find the P100. It never guesses: a name that is
 * not a registered spelling (after that normalising) is not found.
 *
 * <p>{@link #suggestions} names only the same part, never a neighbour: not L4 for L40, A10 for
 * A10G, H200 for GH200 or H200 NVL, RTX 3090 for RTX 3090 Ti.
 */
public final class AcceleratorCatalog {
    /** Leading words that name a brand, never a part: {@code NVIDIA Tesla T4} is the {@code T4}. */
    static final List<String> BRAND_WORDS = List.of("nvidia", "tesla", "geforce", "amd", "radeon", "instinct", "intel",
            "habana", "apple", "google", "aws");
    /**
     * Words a user or a tool may add to a part's name that never tell two parts apart; suggestions
     * ignore them (with memory sizes, which must agree with the part's memory where given).
     */
    static final Set<String> NOISE_WORDS = Set.of("oc", "fe", "founders", "gaming", "graphics", "gpu", "card", "tensor", "core",
            "accelerator", "gddr5", "gddr5x", "gddr6", "gddr6x", "gddr7", "hbm2", "hbm2e", "hbm3", "hbm3e");

    private final List<AcceleratorSpec> specs;
    private final Map<String, AcceleratorSpec> byNormalisedName = new LinkedHashMap<>();
    /**
     * Rows by {@link #base} of each spelling, for {@link #suggestions} only (an unknown name's
     * message): built on first use, not at every start (issue 20).
     */
    private Map<String, Set<AcceleratorSpec>> byBase;

    private AcceleratorCatalog(List<AcceleratorSpec> specs) {
        this.specs = specs;
        for (AcceleratorSpec s : specs) {
            for (String n : spellings(s)) register(n, s);
        }
    }

    private synchronized Map<String, Set<AcceleratorSpec>> byBase() {
        if (byBase == null) {
            Map<String, Set<AcceleratorSpec>> index = new LinkedHashMap<>();
            for (AcceleratorSpec s : specs) {
                for (String n : spellings(s)) index.computeIfAbsent(base(n), k -> new LinkedHashSet<>()).add(s);
            }
            byBase = index;
        }
        return byBase;
    }

    private void register(String name, AcceleratorSpec s) {
        AcceleratorSpec prev = byNormalisedName.put(normalise(name), s);
        if (prev != null && prev != s)
            throw new IllegalStateException("accelerator alias '" + name + "' names both " + prev.key() + " and " + s.key());
    }

    /** The key, the name and every alias of a row. */
    static List<String> spellings(AcceleratorSpec s) {
        List<String> out = new ArrayList<>();
        out.add(s.key());
        out.add(s.name());
        out.addAll(s.aliases());
        return out;
    }

    /** The shipped catalog, read once per process (it never changes while the process runs; a report's readers and estimator share it). */
    public static AcceleratorCatalog bundled() {
        return Bundled.CATALOG;
    }

    private static final class Bundled {
        static final AcceleratorCatalog CATALOG = read();
    }

    private static AcceleratorCatalog read() {
        return new AcceleratorCatalog(CatalogCsv.read("accelerators.csv", r -> {
            Double tdp = CatalogCsv.optionalDouble(r, "tdp_watts");
            Double mem = CatalogCsv.optionalDouble(r, "memory_gb");
            Double price = CatalogCsv.optionalDouble(r, "purchase_usd");
            Double embodied = CatalogCsv.optionalDouble(r, "embodied_kg_co2e");
            Double lifetime = CatalogCsv.optionalDouble(r, "lifetime_years");
            String aliases = r.get("aliases");
            String family = text(r, "price_family").isEmpty() ? r.get("key") : text(r, "price_family");
            return new AcceleratorSpec(r.get("key"), r.get("name"),
                    aliases.isBlank() ? List.of() : Arrays.stream(aliases.split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList(),
                    r.get("kind"), Optional.ofNullable(tdp).map(Power::ofWatts), Optional.ofNullable(mem),
                    CatalogCsv.integer(r, "launch_year"), Optional.ofNullable(price).map(Money::usd), family,
                    r.get("source"), CatalogCsv.integer(r, "year"), text(r, "note"),
                    optionalText(r, "price_source"), Optional.ofNullable(embodied).map(Mass::ofKilograms),
                    optionalText(r, "embodied_source"), Optional.ofNullable(lifetime), text(r, "vendor"), text(r, "family"));
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
        if (name == null || name.isBlank()) return Optional.empty();
        String n = normalise(name);
        while (!n.isEmpty()) {
            AcceleratorSpec s = byNormalisedName.get(n);
            if (s != null) return Optional.of(s);
            String stripped = withoutLeadingBrand(n);
            if (stripped.equals(n)) break;
            n = stripped;
        }
        return Optional.empty();
    }

    /**
     * The part a name truncated by a tool means ({@code Tesla V100-PCIE...}, as the nvidia-smi table
     * prints long names): a name ending in {@code ...} (or the ellipsis character) is a prefix, and
     * it is found only when every spelling that starts with it belongs to one row. Any other name is
     * looked up as {@link #find} does.
     */
    public Optional<AcceleratorSpec> findTruncated(String name) {
        if (name == null) return Optional.empty();
        String t = name.strip();
        if (!t.endsWith("...") && !t.endsWith("…")) return find(name);
        String prefix = normalise(t.endsWith("…") ? t.substring(0, t.length() - 1) : t.substring(0, t.length() - 3));
        List<String> prefixes = new ArrayList<>(); // the prefix, then without each leading brand word in turn
        String p = prefix;
        while (p.length() >= 3) {
            prefixes.add(p);
            String stripped = withoutLeadingBrand(p);
            if (stripped.equals(p)) break;
            p = stripped;
        }
        if (prefixes.isEmpty()) return Optional.empty();
        Set<AcceleratorSpec> hits = new LinkedHashSet<>();
        for (Map.Entry<String, AcceleratorSpec> e : byNormalisedName.entrySet()) {
            String n = e.getKey();
            while (true) {
                String candidate = n;
                if (prefixes.stream().anyMatch(candidate::startsWith)) { hits.add(e.getValue()); break; }
                String stripped = withoutLeadingBrand(n);
                if (stripped.equals(n)) break;
                n = stripped;
            }
        }
        return hits.size() == 1 ? Optional.of(hits.iterator().next()) : Optional.empty();
    }

    /**
     * Splits a device list as CodeCarbon and similar tools write it ({@code 2 x NVIDIA A100-SXM4-40GB},
     * or two entries glued together, {@code 1 x NVIDIA GeForce RTX 40601 x NVIDIA GeForce RTX 3080 Ti}),
     * using this catalog to decide where glued digits split. See {@link DeviceCount#parseList}.
     */
    public List<DeviceCount> parseDeviceList(String text) {
        return DeviceCount.parseList(text, n -> find(n).isPresent());
    }

    /**
     * Keys of the rows {@code name} most likely means, for an "unknown accelerator" message; empty
     * when there is no safe suggestion. A row is suggested only when the name equals one of the row's
     * spellings once brand words, {@link #NOISE_WORDS} and memory sizes are set aside, and any memory
     * size the name states is the row's. When several rows qualify they are memory variants of one
     * part ({@code A100 SXM4} gives both the 40 GB and the 80 GB row); if they are not, the name is
     * ambiguous and nothing is suggested.
     */
    public List<String> suggestions(String name) {
        if (name == null || name.isBlank()) return List.of();
        Set<AcceleratorSpec> candidates = byBase().getOrDefault(base(name), Set.of());
        List<Integer> stated = DeviceName.tokens(name).stream().map(DeviceName::memoryGb)
                .filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).toList();
        List<AcceleratorSpec> kept = candidates.stream().filter(s -> stated.stream().allMatch(gb -> hasMemory(s, gb))).toList();
        if (kept.isEmpty()) return List.of();
        String model = model(kept.get(0));
        if (!kept.stream().allMatch(s -> model(s).equals(model) && s.vendor().equals(kept.get(0).vendor()))) return List.of();
        return kept.stream().map(AcceleratorSpec::key).limit(5).toList();
    }

    private static boolean hasMemory(AcceleratorSpec s, int gb) {
        if (s.memoryGb().isPresent() && Math.abs(s.memoryGb().get() - gb) < 0.5) return true;
        for (String n : spellings(s))
            for (String t : DeviceName.tokens(n))
                if (DeviceName.memoryGb(t).orElse(-1) == gb) return true;
        return false;
    }

    /**
     * A name with brand words, noise words and memory sizes set aside: {@code NVIDIA A100-SXM4-80GB}
     * and {@code A100 SXM4} share {@code a100sxm4}.
     */
    static String base(String name) {
        StringBuilder b = new StringBuilder();
        for (String t : DeviceName.tokens(name)) {
            if (NOISE_WORDS.contains(t) || DeviceName.memoryGb(t).isPresent()) continue;
            if (BRAND_WORDS.contains(t) && !t.equals("apple")) continue;
            b.append(t);
        }
        return b.toString();
    }

    /** A row's key without memory sizes: rows sharing it are memory variants of one part. */
    static String model(AcceleratorSpec s) {
        StringBuilder b = new StringBuilder();
        for (String t : DeviceName.tokens(s.key())) if (DeviceName.memoryGb(t).isEmpty()) b.append(t);
        return b.toString();
    }

    private static String withoutLeadingBrand(String normalised) {
        for (String w : BRAND_WORDS) if (normalised.startsWith(w)) return normalised.substring(w.length());
        return normalised;
    }

    static String normalise(String name) {
        return DeviceName.normalise(name);
    }
}
