package io.carbonpaper.reference;

import io.carbonpaper.unit.CarbonIntensity;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Grid carbon intensities (catalog/grid-intensity.csv), keyed case-insensitively.
 *
 * <p>A row with {@code maps_to} and no value of its own (a cloud region, a US state) resolves to
 * the intensity, year, source and range of the grid it names; a row with its own value (Google
 * publishes a figure per region) keeps it and only records the grid in {@link GridIntensity#mapsTo()}.
 * Chains resolve transitively; a cycle or a missing target fails loading with the key.
 */
public final class GridCatalog {
    /** The paper's factor: US average, 0.954 lbs CO2e per kWh (EPA eGRID, as used by Strubell et al. 2019). */
    public static final String DEFAULT_KEY = "us-epa-2018";
    /** The world average row. */
    public static final String WORLD_KEY = "world";

    private final List<GridIntensity> grids;
    private final Map<String, GridIntensity> byKey = new LinkedHashMap<>();
    /**
     * Every other name of each grid (codes, country names in English, grid-names.csv): built on the
     * first name that is not a key, not at every start (issue 20; a report or estimate for the
     * default grid never needs it).
     */
    private GridNames names;

    private GridCatalog(List<GridIntensity> grids) {
        this.grids = grids;
        for (GridIntensity g : grids) {
            if (byKey.put(g.key().toLowerCase(Locale.ROOT), g) != null)
                throw new IllegalStateException("duplicate grid key " + g.key());
        }
    }

    public static GridCatalog bundled() {
        List<Row> rows = CatalogCsv.read("grid-intensity.csv", GridCatalog::row);
        return new GridCatalog(resolve(rows));
    }

    private synchronized GridNames names() {
        if (names == null) names = new GridNames(grids, CatalogCsv.read("grid-names.csv", r -> r));
        return names;
    }

    /** One CSV row before inherited values are filled in. */
    private record Row(String key, String name, String kind, Optional<CarbonIntensity> value, int year, String source,
                       String note, Optional<String> mapsTo, Optional<CarbonIntensity> low,
                       Optional<CarbonIntensity> high, Optional<String> outlier, String verification,
                       Optional<String> rangeSource, java.util.OptionalInt rangeYear) {}

    private static Row row(CSVRecord r) {
        String unit = column(r, "unit");
        if (unit.isEmpty()) unit = "g/kWh";
        Optional<String> mapsTo = Optional.of(column(r, "maps_to")).filter(s -> !s.isEmpty());
        Optional<CarbonIntensity> value = intensity(r, "value", unit);
        if (value.isEmpty() && mapsTo.isEmpty())
            throw new IllegalArgumentException("grid " + r.get("key") + " has neither a value nor maps_to");
        String verification = column(r, "verification");
        if (value.isPresent() && verification.isEmpty())
            throw new IllegalArgumentException("grid " + r.get("key") + " has a value but no verification status");
        if (value.isEmpty() && !verification.isEmpty())
            throw new IllegalArgumentException("grid " + r.get("key") + " inherits its figure, so its verification is the grid's: leave it empty");
        return new Row(r.get("key"), r.get("name"), r.get("kind"), value, CatalogCsv.integer(r, "year"), r.get("source"),
                column(r, "note"), mapsTo, intensity(r, "value_low", unit), intensity(r, "value_high", unit),
                Optional.of(column(r, "outlier")).filter(s -> !s.isEmpty()), verification,
                Optional.of(column(r, "range_source")).filter(s -> !s.isEmpty()),
                column(r, "range_year").isEmpty() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(column(r, "range_year"))));
    }

    private static String column(CSVRecord r, String column) {
        return r.isSet(column) && r.get(column) != null ? r.get(column) : "";
    }

    private static Optional<CarbonIntensity> intensity(CSVRecord r, String column, String unit) {
        Double v = CatalogCsv.optionalDouble(r, column);
        if (v == null) return Optional.empty();
        return Optional.of(switch (unit) {
            case "g/kWh" -> CarbonIntensity.ofGramsPerKilowattHour(v);
            case "lbs/kWh" -> CarbonIntensity.ofPoundsPerKilowattHour(v);
            default -> throw new IllegalArgumentException("unknown intensity unit " + unit);
        });
    }

    private static List<GridIntensity> resolve(List<Row> rows) {
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            if (byKey.put(r.key().toLowerCase(Locale.ROOT), r) != null)
                throw new IllegalStateException("duplicate grid key " + r.key());
        }
        List<GridIntensity> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Row source = r;
            List<String> seen = new ArrayList<>(List.of(r.key()));
            while (source.value().isEmpty()) {
                String target = source.mapsTo().orElseThrow();
                Row next = byKey.get(target.toLowerCase(Locale.ROOT));
                if (next == null)
                    throw new IllegalStateException("grid " + source.key() + " maps to unknown grid '" + target + "'");
                if (seen.contains(next.key()))
                    throw new IllegalStateException("grid maps_to cycle: " + String.join(" -> ", seen) + " -> " + next.key());
                seen.add(next.key());
                source = next;
            }
            String note = r == source ? r.note()
                    : (r.note().isEmpty() ? "" : r.note() + " ") + "Intensity of grid " + source.key() + ".";
            out.add(new GridIntensity(r.key(), r.name(), r.kind(), source.value().orElseThrow(), source.year(),
                    source.source(), note, r.mapsTo(), source.low(), source.high(), source.outlier(), source.verification(),
                    source.rangeSource(), source.rangeYear()));
        }
        return List.copyOf(out);
    }

    /**
     * The grid a region name means: its key (any case) or any other name {@link #lookup} takes for
     * exactly one grid; empty for an unknown, ambiguous or figureless name ({@link #lookup} says which).
     * A cloud region or state arrives already resolved to its grid's figure.
     */
    public Optional<GridIntensity> find(String name) {
        GridIntensity g = byKey.get(name.toLowerCase(Locale.ROOT));
        return g != null ? Optional.of(g) : names().lookup(name).grid();
    }

    /**
     * What a region name comes to: a key, an ISO 3166 alpha-2 or alpha-3 code, a country name, a US
     * state name or code, an eGRID subregion, a grid operator (catalog/grid-names.csv), a cloud region
     * with or without its provider prefix. An ambiguous name lists the candidates, an unknown one the
     * closest real names.
     */
    public RegionLookup lookup(String name) { return names().lookup(name); }

    /** The names of catalog/grid-names.csv (grid operators, non-ISO codes) with the grid each stands for. */
    public List<GridAlias> aliases() { return names().aliases(); }

    public GridIntensity defaultGrid() { return find(DEFAULT_KEY).orElseThrow(); }

    public GridIntensity world() { return find(WORLD_KEY).orElseThrow(); }

    public List<GridIntensity> all() { return grids; }

    /** All rows of one kind ({@code country}, {@code cloud-region}, ...), in catalog order. */
    public List<GridIntensity> ofKind(String kind) {
        return grids.stream().filter(g -> g.kind().equals(kind)).toList();
    }

    /**
     * The lowest and highest intensity among rows of {@code kind}, for "what if you trained elsewhere";
     * rows marked as outliers are left out (an implausible figure is neither the cleanest nor the dirtiest grid).
     */
    public Optional<GridIntensity> lowest(String kind) {
        return comparable(kind).min(Comparator.comparing(GridIntensity::intensity));
    }

    public Optional<GridIntensity> highest(String kind) {
        return comparable(kind).max(Comparator.comparing(GridIntensity::intensity));
    }

    private java.util.stream.Stream<GridIntensity> comparable(String kind) {
        return ofKind(kind).stream().filter(g -> g.outlier().isEmpty());
    }
}
