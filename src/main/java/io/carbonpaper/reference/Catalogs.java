package io.carbonpaper.reference;

/** Every bundled catalog, loaded once per run. */
public record Catalogs(SourceCatalog sources, AcceleratorCatalog accelerators, GridCatalog grids,
                       CloudPriceCatalog cloudPrices, PueCatalog pue, EquivalenceCatalog equivalences, CpuCatalog cpus) {

    public static Catalogs bundled() {
        return new Catalogs(SourceCatalog.bundled(), AcceleratorCatalog.bundled(), GridCatalog.bundled(),
                CloudPriceCatalog.bundled(), PueCatalog.bundled(), EquivalenceCatalog.bundled(), CpuCatalog.bundled());
    }
}
