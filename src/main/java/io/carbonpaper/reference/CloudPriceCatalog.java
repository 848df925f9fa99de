package io.carbonpaper.reference;

import io.carbonpaper.unit.Money;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Cloud accelerator prices (catalog/cloud-prices.csv), grouped into named price lists.
 * {@code gcp-2019} holds the per-device prices Strubell et al. used.
 */
public final class CloudPriceCatalog {
    private final List<CloudPrice> prices;

    /** A catalog of these rows, in this order (the order breaks ties, see {@link #find} and {@link #newest}). */
    CloudPriceCatalog(List<CloudPrice> prices) { this.prices = List.copyOf(prices); }

    /** A catalog of these rows, in this order (for a caller with its own list, and for tests). */
    public static CloudPriceCatalog of(List<CloudPrice> prices) { return new CloudPriceCatalog(prices); }

    public static CloudPriceCatalog bundled() {
        return new CloudPriceCatalog(CatalogCsv.read("cloud-prices.csv", r -> {
            Double spot = CatalogCsv.optionalDouble(r, "spot_usd_per_hour");
            return new CloudPrice(r.get("catalog"), r.get("provider"), r.get("region"), r.get("instance_type"),
                    r.get("accelerator"), CatalogCsv.integer(r, "count"), Optional.ofNullable(spot).map(Money::usd),
                    Money.usd(Double.parseDouble(r.get("on_demand_usd_per_hour"))), r.get("as_of"), r.get("source"),
                    r.get("verification"),
                    Optional.ofNullable(CatalogCsv.optionalDouble(r, "commit_1y_usd_per_hour")).map(Money::usd),
                    Optional.ofNullable(CatalogCsv.optionalDouble(r, "commit_3y_usd_per_hour")).map(Money::usd));
        }));
    }

    public List<CloudPrice> all() { return prices; }

    public boolean hasCatalog(String catalog) { return prices.stream().anyMatch(p -> p.catalog().equals(catalog)); }

    /**
     * The price of {@code accelerator} in {@code catalog}: the first row of that list that prices it, in catalog
     * order (each list names its reference instance first, the 8-GPU training size where there is one). Never
     * chosen by price: a cheaper fractional or inference size must not set a training run's cost.
     */
    public Optional<CloudPrice> find(String catalog, String accelerator) {
        return prices.stream().filter(p -> p.catalog().equals(catalog) && p.accelerator().equalsIgnoreCase(accelerator))
                .findFirst();
    }

    /**
     * The list that prices {@code accelerator} when none is configured, chosen without looking at the price:
     * <ol>
     *   <li>rows marked {@code unverified} only when no paper or corroborated row prices the accelerator;</li>
     *   <li>the newest as-of date;</li>
     *   <li>among lists of that date, the catalog name in alphabetical order (a fixed order, so an equal date never
     *       falls to the cheaper list);</li>
     *   <li>within that list, its first row ({@link #find}).</li>
     * </ol>
     * The estimate names the list it used ({@code CloudCost.catalog}), so the report says which list priced a row.
     */
    public Optional<CloudPrice> newest(String accelerator) { return remembered(accelerator, null); }

    /**
     * As {@link #newest(String)}, among the lists of one {@code provider} ({@code aws}, {@code gcp}, {@code azure}):
     * the price of a run made in that provider's region. Empty when the provider's lists do not price the accelerator.
     */
    public Optional<CloudPrice> newest(String accelerator, String provider) { return remembered(accelerator, provider); }

    /**
     * {@link #findNewest}, looked up once per accelerator name and provider (a million-job history asks for the
     * same few, issue 20); bounded by the names asked.
     */
    private Optional<CloudPrice> remembered(String accelerator, String provider) {
        String key = provider == null ? accelerator : accelerator + '\u0000' + provider;
        Optional<CloudPrice> known = newest.get(key);
        if (known != null) return known;
        Optional<CloudPrice> found = findNewest(accelerator, provider);
        if (newest.size() < 4096) newest.putIfAbsent(key, found);
        return found;
    }

    private final java.util.Map<String, Optional<CloudPrice>> newest = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rule of {@link #newest(String)} over the rows of {@code provider}, or of every provider when it is null. */
    private Optional<CloudPrice> findNewest(String accelerator, String provider) {
        List<CloudPrice> rows = prices.stream().filter(p -> p.accelerator().equalsIgnoreCase(accelerator)
                && (provider == null || p.provider().equalsIgnoreCase(provider))).toList();
        List<CloudPrice> backed = rows.stream().filter(p -> !p.unverified()).toList();
        List<CloudPrice> pool = backed.isEmpty() ? rows : backed;
        return pool.stream().max(Comparator.comparing(CloudPrice::asOf)).map(CloudPrice::asOf)
                .flatMap(date -> pool.stream().filter(p -> p.asOf().equals(date)).map(CloudPrice::catalog).sorted().findFirst())
                .flatMap(catalog -> pool.stream().filter(p -> p.catalog().equals(catalog)).findFirst());
    }
}
