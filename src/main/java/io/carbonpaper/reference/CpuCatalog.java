package io.carbonpaper.reference;

import io.carbonpaper.unit.Power;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CPU models (catalog/cpus.csv), looked up by the names tools print: /proc/cpuinfo and py-cpuinfo
 * ({@code Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz}, {@code 11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz},
 * {@code AMD EPYC 7763 64-Core Processor}, {@code AMD Ryzen 7 5800H with Radeon Graphics}), CodeCarbon's
 * {@code cpu_model} (the same strings, and {@code Apple M1}), W&B and MLflow metadata.
 *
 * <p>Matching compares {@link #canonical} forms: trademark marks, clock speeds ({@code @ 2.40GHz}),
 * {@code Nth Gen}, {@code N-Core Processor}, {@code with Radeon Graphics}, and the words CPU,
 * Processor, Intel and AMD are set aside. It never guesses between models.
 *
 * <p>Generic names: a cloud VM often hides the model ({@code Intel(R) Xeon(R) CPU @ 2.20GHz} on
 * Google Cloud, {@code Intel Xeon Processor (Skylake, IBRS)} and {@code QEMU Virtual CPU} under KVM,
 * {@code Neoverse-N1} on Graviton2 and Ampere Altra alike; carbontracker's {@code cpu:0}). Such a name is not found, and
 * {@link #genericReason} says why, so a caller can ask the user to name the CPU instead of
 * guessing a TDP: the same clock speed is sold in parts from 4 to 40 cores.
 */
public final class CpuCatalog {
    private static final Pattern TRADEMARK = Pattern.compile("\\((r|tm)\\)|[®™]");
    private static final Pattern CLOCK = Pattern.compile("@\\s*[\\d.]+\\s*[gm]hz");
    private static final Pattern GENERATION = Pattern.compile("\\b\\d+(st|nd|rd|th)\\s+gen\\b");
    private static final Pattern CORE_COUNT = Pattern.compile("\\b\\d+-cores?\\b");
    private static final Pattern IGPU = Pattern.compile("\\s(with|w/)\\s+radeon\\b.*$");
    private static final Pattern FILLER = Pattern.compile("\\b(cpu|processor|intel|amd)\\b");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9+]+");
    private static final Pattern VIRTUAL = Pattern.compile("qemu|kvm|virtual|bochs|neoverse|armv[789]|cortex|hypervisor|^\\s*cpu\\s*:?\\s*\\d+\\s*$");
    private static final Pattern DIGIT = Pattern.compile("\\d");

    private static final CpuCatalog BUNDLED = new CpuCatalog();

    /**
     * The rows and the index by canonical name, each made on first use (a class is initialised once,
     * on the first thread that needs it): only runs that name a CPU look one up, and reading the
     * 800 rows and their 2,500 canonical names cost a tenth of a second of a short run's CPU (issue 20).
     */
    private static final class Rows {
        static final List<CpuSpec> ALL = read();
    }

    private static final class Index {
        static final Map<String, CpuSpec> BY_CANONICAL = index(Rows.ALL);
    }

    private CpuCatalog() {}

    private static Map<String, CpuSpec> index(List<CpuSpec> specs) {
        Map<String, CpuSpec> index = new LinkedHashMap<>();
        for (CpuSpec s : specs) {
            register(index, s.key(), s);
            register(index, s.name(), s);
            for (String a : s.aliases()) register(index, a, s);
        }
        return index;
    }

    private static void register(Map<String, CpuSpec> index, String name, CpuSpec s) {
        String c = canonical(name);
        if (c.isEmpty()) throw new IllegalStateException("cpu alias '" + name + "' of " + s.key() + " is empty once canonical");
        CpuSpec prev = index.put(c, s);
        if (prev != null && prev != s)
            throw new IllegalStateException("cpu alias '" + name + "' names both " + prev.key() + " and " + s.key());
    }

    /** The shipped catalog (catalog/cpus.csv), read when first asked: it never changes while the process runs. */
    public static CpuCatalog bundled() {
        return BUNDLED;
    }

    private static List<CpuSpec> read() {
        return CatalogCsv.read("cpus.csv", r -> {
            Double tdp = CatalogCsv.optionalDouble(r, "tdp_watts");
            String aliases = r.get("aliases");
            return new CpuSpec(r.get("key"), r.get("name"),
                    aliases.isBlank() ? List.of() : Arrays.stream(aliases.split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList(),
                    r.get("vendor"), r.get("family"), CatalogCsv.integer(r, "cores"), CatalogCsv.integer(r, "threads"),
                    Optional.ofNullable(tdp).map(Power::ofWatts), CatalogCsv.integer(r, "launch_year"), r.get("source"),
                    CatalogCsv.integer(r, "year"), r.get("note"));
        });
    }

    public List<CpuSpec> all() { return Rows.ALL; }

    /** The CPU a name as a tool printed it means, or empty when the catalog does not know it or the name is generic. */
    public Optional<CpuSpec> find(String name) {
        if (name == null || name.isBlank()) return Optional.empty();
        return Optional.ofNullable(Index.BY_CANONICAL.get(canonical(name)));
    }

    /**
     * Why {@code name} cannot name a CPU model (a cloud VM's generic name, an emulated CPU, a bare
     * Arm core design shared by several chips), or empty when the catalog knows it or it looks like a model name.
     */
    public Optional<String> genericReason(String name) {
        if (name == null || name.isBlank()) return Optional.of("no CPU name");
        if (find(name).isPresent()) return Optional.empty();
        String lower = name.toLowerCase(Locale.ROOT);
        if (VIRTUAL.matcher(lower).find())
            return Optional.of("'" + name.strip() + "' names no CPU model (a virtual CPU, an Arm core design shared by several chips, or a device index)");
        if (!DIGIT.matcher(canonical(name)).find())
            return Optional.of("'" + name.strip() + "' has no model number (cloud VMs often hide the CPU model)");
        return Optional.empty();
    }

    /**
     * The form names are compared in: lower case; trademark marks, clock speed, {@code Nth Gen},
     * {@code N-Core(s)}, {@code with Radeon ...}, and the words CPU, Processor, Intel and AMD removed;
     * then everything but letters, digits and '+' removed.
     */
    static String canonical(String name) {
        String s = TRADEMARK.matcher(name.toLowerCase(Locale.ROOT)).replaceAll(" ");
        s = CLOCK.matcher(s).replaceAll(" ");
        s = GENERATION.matcher(s).replaceAll(" ");
        s = CORE_COUNT.matcher(s).replaceAll(" ");
        s = IGPU.matcher(s).replaceAll(" ");
        s = FILLER.matcher(s).replaceAll(" ");
        return NON_WORD.matcher(s).replaceAll("");
    }
}
