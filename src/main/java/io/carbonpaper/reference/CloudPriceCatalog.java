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

    private CloudPriceCatalog(List<CloudPrice> prices) { this.prices = prices; }

    public static CloudPriceCatalog bundled() {
        return new CloudPriceCatalog(CatalogCsv.read("cloud-prices.csv", r -> {
            Double spot = CatalogCsv.optionalDouble(r, "spot_usd_per_hour");
            return new CloudPrice(r.get("catalog"), r.get("provider"), r.get("region"), r.get("instance_type"),
                    r.get("accelerator"), CatalogCsv.integer(r, "count"), Optional.ofNullable(spot).map(Money::usd),
                    Money.usd(Double.parseDouble(r.get("on_demand_usd_per_hour"))), r.get("as_of"), r.get("source"));
        }));
    }

    public List<CloudPrice> all() { return prices; }

    public boolean hasCatalog(String catalog) { return prices.stream().anyMatch(p -> p.catalog().equals(catalog)); }

    /** The price of {@code accelerator} in {@code catalog}, cheapest on-demand per device first. */
    public Optional<CloudPrice> find(String catalog, String accelerator) {
        return prices.stream().filter(p -> p.catalog().equals(catalog) && p.accelerator().equalsIgnoreCase(accelerator))
                .min(Comparator.comparingDouble(p -> p.onDemandPerDeviceHour().amount()));
    }

    /**
     * The newest price list that prices {@code accelerator}: catalogs compared by their rows'
     * as-of dates, so a 2025 list wins over the 2019 one.
     */
    public Optional<CloudPrice> newest(String accelerator) {
        return prices.stream().filter(p -> p.accelerator().equalsIgnoreCase(accelerator))
                .max(Comparator.comparing(CloudPrice::asOf)
                        .thenComparing(p -> -p.onDemandPerDeviceHour().amount()));
    }
}
