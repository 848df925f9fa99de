package io.carbonpaper.reference;

import org.apache.commons.csv.CSVRecord;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name a grid of the catalog answers to, beyond its key: ISO 3166 alpha-2 and alpha-3 codes
 * and English country names (from the JDK's ISO 3166 table), US state names and bare state codes
 * (where they are no country's code), cloud regions without their provider prefix, and the names of
 * catalog/grid-names.csv (grid operators, non-ISO country codes), each with the source of its mapping.
 *
 * <p>A name is matched first as typed (any case), then with everything but letters and digits
 * removed ({@code United-Kingdom}, {@code us_east_1}). A key always wins; a name several grids
 * answer to is ambiguous; an unknown name gets the closest real names.
 */
final class GridNames {
    /** How a name leads to a grid: the grid and how the name was read ({@code ""} for the grid's key). */
    private record Entry(GridIntensity grid, String via) {}

    /** A grid-names.csv row with no figure of its own. */
    private record Missing(String name, String note, List<String> spans) {}

    private static final Pattern PROVIDER = Pattern.compile("(?i)^\\s*(aws|amazon|azure|microsoft|gcp|google|gce)\\s*[:/ ]\\s*(.+)$");

    private final Map<String, GridIntensity> byKey = new LinkedHashMap<>();
    private final Map<String, List<Entry>> exact = new LinkedHashMap<>();
    private final Map<String, List<Entry>> loose = new LinkedHashMap<>();
    private final Map<String, Missing> missing = new LinkedHashMap<>();
    private final List<GridAlias> aliases = new ArrayList<>();
    /** Every name for suggestions: normalised form to the name as shown. */
    private final Map<String, String> shown = new LinkedHashMap<>();

    GridNames(List<GridIntensity> grids, List<CSVRecord> aliases) {
        for (GridIntensity g : grids) byKey.put(g.key().toLowerCase(Locale.ROOT), g);
        java.util.Set<String> iso2 = java.util.Set.of(Locale.getISOCountries());
        for (GridIntensity g : grids) {
            add(g.key(), g, "");
            switch (g.kind()) {
                case "country" -> add(g.name(), g, "country name");
                case "us-state" -> {
                    add(g.name(), g, "US state");
                    String code = g.key().substring(g.key().indexOf('-') + 1);
                    if (g.key().startsWith("US-") && !iso2.contains(code.toUpperCase(Locale.ROOT))) add(code, g, "US state code");
                }
                case "cloud-region" -> {
                    int colon = g.key().indexOf(':');
                    if (colon > 0) add(g.key().substring(colon + 1), g, g.key().substring(0, colon) + " region");
                }
                default -> { }
            }
        }
        for (String a2 : iso2) {
            @SuppressWarnings("deprecation") Locale l = new Locale("", a2);
            String a3;
            try {
                a3 = l.getISO3Country();
            } catch (java.util.MissingResourceException e) {
                continue;
            }
            GridIntensity g = byKey.get(a3.toLowerCase(Locale.ROOT));
            if (g == null) continue;
            add(a2, g, "ISO 3166 alpha-2 code " + a2);
            if (!g.key().equalsIgnoreCase(a3)) add(a3, g, "ISO 3166 alpha-3 code " + a3);
            add(l.getDisplayCountry(Locale.ENGLISH), g, "country name");
        }
        for (CSVRecord r : aliases) {
            String name = r.get("name"), grid = r.get("grid"), source = r.get("source");
            List<String> spans = r.get("spans").isBlank() ? List.of() : List.of(r.get("spans").trim().split("\\s+"));
            this.aliases.add(new GridAlias(name, r.get("kind"), Optional.ofNullable(byKey.get(grid.toLowerCase(Locale.ROOT))), spans,
                    source, Integer.parseInt(r.get("year")), r.get("note"), Optional.of(column(r, "ba")).filter(s -> !s.isBlank()),
                    column(r, "states").isBlank() ? List.of() : List.of(column(r, "states").trim().split("\\s+"))));
            for (String s : spans)
                if (!byKey.containsKey(s.toLowerCase(Locale.ROOT)))
                    throw new IllegalStateException("grid name " + name + " spans unknown grid '" + s + "'");
            if (grid.isEmpty()) {
                missing.put(name.toLowerCase(Locale.ROOT), new Missing(name, r.get("note"), spans));
                missing.put(loose(name), new Missing(name, r.get("note"), spans));
                shown.putIfAbsent(loose(name), name);
                continue;
            }
            GridIntensity g = byKey.get(grid.toLowerCase(Locale.ROOT));
            if (g == null) throw new IllegalStateException("grid name " + name + " maps to unknown grid '" + grid + "'");
            add(name, g, r.get("kind").equals("grid-operator") ? r.get("note") + " (mapping: " + source + ")" : r.get("note"));
        }
    }

    private static String column(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : "";
    }

    /** The rows of grid-names.csv, in file order. */
    List<GridAlias> aliases() { return List.copyOf(aliases); }

    private void add(String name, GridIntensity g, String via) {
        if (name == null || name.isBlank()) return;
        Entry e = new Entry(g, via);
        put(exact, name.trim().toLowerCase(Locale.ROOT), e);
        put(loose, loose(name), e);
        shown.putIfAbsent(loose(name), name.trim());
    }

    private static void put(Map<String, List<Entry>> index, String name, Entry e) {
        List<Entry> list = index.computeIfAbsent(name, k -> new ArrayList<>());
        if (list.stream().noneMatch(x -> x.grid().key().equals(e.grid().key()))) list.add(e);
    }

    /** Lower case, accents removed, only letters and digits. */
    static String loose(String s) {
        if (ascii(s)) {
            // The same result without Normalizer and two regular expressions (ASCII has no accents to
            // decompose): every name of the grid catalog is indexed this way at every start (issue 20).
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 'A' && c <= 'Z') b.append((char) (c + ('a' - 'A')));
                else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') b.append(c);
            }
            return b.toString();
        }
        return looseByNormalizer(s);
    }

    /** {@link #loose} for any text: decompose, drop the combining marks, keep lower-case letters and digits. */
    static String looseByNormalizer(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    RegionLookup lookup(String asked) {
        String name = asked == null ? "" : asked.trim();
        GridIntensity key = byKey.get(name.toLowerCase(Locale.ROOT));
        if (key != null) return new RegionLookup.Found(asked, key, "");
        Matcher m = PROVIDER.matcher(name);
        if (m.matches()) {
            String provider = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "aws", "amazon" -> "aws";
                case "azure", "microsoft" -> "azure";
                default -> "gcp";
            };
            GridIntensity g = byKey.get((provider + ":" + m.group(2).trim()).toLowerCase(Locale.ROOT));
            if (g == null) g = loose.getOrDefault(loose(provider + ":" + m.group(2)), List.of()).stream()
                    .map(Entry::grid).filter(x -> x.key().startsWith(provider + ":")).findFirst().orElse(null);
            if (g != null) return new RegionLookup.Found(asked, g, "");
        }
        Optional<RegionLookup> hit = pick(asked, exact.get(name.toLowerCase(Locale.ROOT)));
        if (hit.isPresent()) return hit.get();
        Missing none = missing.get(name.toLowerCase(Locale.ROOT));
        if (none == null) {
            hit = pick(asked, loose.get(loose(name)));
            if (hit.isPresent()) return hit.get();
            none = missing.get(loose(name));
        }
        if (none != null)
            return new RegionLookup.NoFigure(asked, none.note(), none.spans().stream().map(s -> byKey.get(s.toLowerCase(Locale.ROOT))).toList());
        return new RegionLookup.Unknown(asked, closest(name));
    }

    private static Optional<RegionLookup> pick(String asked, List<Entry> entries) {
        if (entries == null || entries.isEmpty()) return Optional.empty();
        if (entries.size() == 1) return Optional.of(new RegionLookup.Found(asked, entries.get(0).grid(), entries.get(0).via()));
        return Optional.of(new RegionLookup.Ambiguous(asked, entries.stream().map(Entry::grid).toList()));
    }

    /** Up to five real names near {@code name}: by edit distance, else those that contain it. */
    List<String> closest(String name) {
        String q = loose(name);
        if (q.isEmpty()) return List.of();
        int limit = Math.max(1, q.length() / 3);
        record Near(String shown, int distance) {}
        List<Near> near = new ArrayList<>();
        for (Map.Entry<String, String> e : shown.entrySet()) {
            int d = distance(q, e.getKey());
            if (d <= limit) near.add(new Near(e.getValue(), d));
        }
        if (near.isEmpty() && q.length() >= 3)
            for (Map.Entry<String, String> e : shown.entrySet())
                if (e.getKey().contains(q)) near.add(new Near(e.getValue(), e.getKey().length() - q.length()));
        return near.stream().sorted(Comparator.comparingInt(Near::distance).thenComparing(Near::shown))
                .map(n -> described(n.shown())).distinct().limit(5).toList();
    }

    /** A name as a suggestion: with the key it leads to, where that is not the name itself. */
    private String described(String name) {
        List<Entry> e = exact.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        if (e.size() != 1 || e.get(0).grid().key().equalsIgnoreCase(name)) return name;
        return name + " (" + e.get(0).grid().key() + ")";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
