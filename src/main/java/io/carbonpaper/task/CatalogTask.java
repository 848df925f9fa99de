package io.carbonpaper.task;

import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.reference.CpuSpec;
import io.carbonpaper.reference.GridAlias;
import io.carbonpaper.reference.GridIntensity;
import io.carbonpaper.reference.PueFigure;
import io.carbonpaper.reference.RegionLookup;
import io.carbonpaper.unit.Power;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code carbonpaper catalog [KIND] [SEARCH]}: what carbonpaper knows (regions, accelerators, CPUs,
 * price lists, PUE figures), one row per entry with its value, source and year. A search matches keys
 * and names in any case; for regions it also takes every name {@code --region} takes (Germany, CAISO,
 * eastus). Without a kind, a search runs over every kind; without either, a count of each.
 */
public final class CatalogTask {
    /** One catalog entry as printed. */
    record Entry(String key, String name, String value, String source, String year) {}

    /** The kinds, in the order they are listed, with the other names each is asked by. */
    static final Map<String, List<String>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("regions", List.of("region", "grids", "grid"));
        KINDS.put("accelerators", List.of("accelerator", "gpus", "gpu"));
        KINDS.put("cpus", List.of("cpu"));
        KINDS.put("prices", List.of("price", "cloud-prices"));
        KINDS.put("pue", List.of());
    }

    private final PrintWriter out;
    private final PrintWriter err;

    public CatalogTask(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** The kind {@code word} names, if it names one. */
    static Optional<String> kind(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return KINDS.entrySet().stream().filter(e -> e.getKey().equals(w) || e.getValue().contains(w)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * @param words the kind and/or the search, as typed; a first word that names no kind starts the search
     * @param csv   CSV (kind,key,name,value,source,year) instead of aligned columns
     * @return {@link ExitCode#OK}, or {@link ExitCode#INPUT} when the search matched nothing
     */
    public int run(List<String> words, boolean csv) {
        Catalogs c = Catalogs.bundled();
        Optional<String> kind = words.isEmpty() ? Optional.empty() : kind(words.get(0));
        String search = String.join(" ", kind.isPresent() ? words.subList(1, words.size()) : words).trim();
        if (kind.isEmpty() && search.isEmpty()) {
            out.println("carbonpaper knows (carbonpaper catalog KIND [SEARCH] lists them; carbonpaper catalog SEARCH searches all):");
            for (String k : KINDS.keySet()) out.printf(Locale.ROOT, "  %-13s %4d rows%n", k, entries(c, k).size());
            out.flush();
            return ExitCode.OK;
        }
        if (csv) out.println("kind,key,name,value,source,year");
        int shown = 0;
        List<String> problems = new ArrayList<>();
        for (String k : kind.map(List::of).orElse(List.copyOf(KINDS.keySet()))) {
            List<Entry> rows = entries(c, k);
            Set<Entry> hits = new LinkedHashSet<>();
            if (k.equals("regions") && !search.isEmpty()) {
                RegionLookup r = c.grids().lookup(search);
                r.grid().ifPresent(g -> hits.add(region(g)));
                if (r instanceof RegionLookup.Ambiguous a) a.candidates().forEach(g -> hits.add(region(g)));
                if (r instanceof RegionLookup.NoFigure) problems.add(r.problem());
                if (r instanceof RegionLookup.Found f && !f.via().isEmpty()) problems.add(f.notice().orElse(""));
            }
            String q = loose(search);
            for (Entry e : rows) if (q.isEmpty() || loose(e.key()).contains(q) || loose(e.name()).contains(q)) hits.add(e);
            if (hits.isEmpty()) continue;
            if (!csv) {
                if (shown > 0) out.println();
                out.println(k + (search.isEmpty() ? "" : " matching '" + search + "'") + ":");
            }
            print(k, List.copyOf(hits), csv);
            shown += hits.size();
        }
        for (String p : problems) if (!p.isEmpty()) (csv ? err : out).println((csv ? "carbonpaper: " : "") + p);
        if (shown == 0) {
            RegionLookup r = c.grids().lookup(search);
            err.println("carbonpaper: nothing in " + kind.orElse("the catalogs") + " matches '" + search + "'"
                    + (r instanceof RegionLookup.Unknown u && !u.closest().isEmpty() ? "; regions close to it: " + String.join(", ", u.closest()) : ""));
            out.flush();
            return problems.isEmpty() ? ExitCode.INPUT : ExitCode.OK;
        }
        out.flush();
        return ExitCode.OK;
    }

    private void print(String kind, List<Entry> rows, boolean csv) {
        if (csv) {
            for (Entry e : rows)
                out.println(String.join(",", List.of(kind, e.key(), e.name(), e.value(), e.source(), e.year()).stream().map(CatalogTask::quoted).toList()));
            return;
        }
        List<String> head = List.of("KEY", "NAME", "VALUE", "SOURCE", "YEAR");
        List<Function<Entry, String>> cols = List.of(Entry::key, Entry::name, Entry::value, Entry::source, Entry::year);
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            width[i] = head.get(i).length();
            for (Entry e : rows) width[i] = Math.min(60, Math.max(width[i], cols.get(i).apply(e).length()));
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < head.size(); i++) line.append(i == 0 ? "" : "  ").append(pad(head.get(i), width[i], i == head.size() - 1));
        out.println(line.toString().stripTrailing());
        for (Entry e : rows) {
            line.setLength(0);
            for (int i = 0; i < cols.size(); i++) line.append(i == 0 ? "" : "  ").append(pad(cols.get(i).apply(e), width[i], i == cols.size() - 1));
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width, boolean last) {
        return last || s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String quoted(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static List<Entry> entries(Catalogs c, String kind) {
        return switch (kind) {
            case "regions" -> {
                List<Entry> rows = new ArrayList<>(c.grids().all().stream().map(CatalogTask::region).toList());
                for (GridAlias a : c.grids().aliases()) rows.add(alias(a));
                yield rows;
            }
            case "accelerators" -> c.accelerators().all().stream().map(CatalogTask::accelerator).toList();
            case "cpus" -> c.cpus().all().stream().map(CatalogTask::cpu).toList();
            case "prices" -> c.cloudPrices().all().stream().map(CatalogTask::price).toList();
            case "pue" -> c.pue().all().stream().map(CatalogTask::pue).toList();
            default -> throw new IllegalArgumentException("unknown catalog kind " + kind);
        };
    }

    static Entry region(GridIntensity g) {
        String value = figure(g.intensity().gramsPerKilowattHour()) + " g/kWh";
        if (g.low().isPresent())
            value += " (" + figure(g.low().get().gramsPerKilowattHour()) + "\u2013" + figure(g.high().get().gramsPerKilowattHour()) + ")";
        return new Entry(g.key(), g.name() + (g.mapsTo().isPresent() && g.kind().equals("us-state") || g.kind().equals("cloud-region")
                ? g.mapsTo().map(m -> ", grid " + m).orElse("") : ""), value, g.source(), String.valueOf(g.year()));
    }

    static Entry alias(GridAlias a) {
        String what = a.kind().equals("grid-operator") ? "grid operator" : "other code";
        return a.grid().map(g -> new Entry(a.name(), what + " = " + g.key() + " (" + g.name() + ")",
                        figure(g.intensity().gramsPerKilowattHour()) + " g/kWh", g.source() + "; mapping " + a.source(), String.valueOf(g.year())))
                .orElse(new Entry(a.name(), what + ", no figure" + (a.spans().isEmpty() ? "" : ": spans " + String.join(", ", a.spans())),
                        "-", "mapping " + a.source(), String.valueOf(a.year())));
    }

    static Entry accelerator(AcceleratorSpec s) {
        return new Entry(s.key(), s.name(), s.tdp().map(CatalogTask::watts).orElse("no published TDP"), s.source(), String.valueOf(s.year()));
    }

    static Entry cpu(CpuSpec s) {
        return new Entry(s.key(), s.name(), s.tdp().map(CatalogTask::watts).orElse("no published TDP") + ", " + s.cores() + " cores",
                s.source(), String.valueOf(s.year()));
    }

    static Entry price(CloudPrice p) {
        String value = String.format(Locale.ROOT, "%.2f %s/h on demand", p.onDemand().amount(), p.onDemand().currency())
                + p.spot().map(s -> String.format(Locale.ROOT, ", %.2f spot", s.amount())).orElse("");
        return new Entry(p.catalog() + " " + p.accelerator(), p.provider() + " " + p.region() + " " + p.instanceType() + " (" + p.count()
                + (p.count() == 1 ? " device)" : " devices)"), value, p.source(), p.asOf().length() >= 4 ? p.asOf().substring(0, 4) : p.asOf());
    }

    static Entry pue(PueFigure f) {
        return new Entry(f.key(), f.name() + " (" + f.scope() + ")", figure(f.value()), f.source(), String.valueOf(f.year()));
    }

    private static String watts(Power p) { return figure(p.watts()) + " W"; }

    /** Three significant figures, no trailing zeros: 300 W, 1.58, 195 g/kWh, 2.73 g/kWh. */
    static String figure(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String loose(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
