package io.carbonpaper.reference;

/** Every bundled catalog, loaded once per run. */
public record Catalogs(SourceCatalog sources, AcceleratorCatalog accelerators, GridCatalog grids,
                       CloudPriceCatalog cloudPrices, PueCatalog pue, EquivalenceCatalog equivalences, CpuCatalog cpus) {

    private static Catalogs bundled;

    /**
     * The shipped catalogs, read once per process (they never change while it runs), so that a
     * command can start reading them on another thread before it needs them (issue 20). A failure
     * is not kept: the next call reads again and fails the same way.
     */
    public static synchronized Catalogs bundled() {
        if (bundled == null)
            bundled = new Catalogs(SourceCatalog.bundled(), AcceleratorCatalog.bundled(), GridCatalog.bundled(),
                    CloudPriceCatalog.bundled(), PueCatalog.bundled(), EquivalenceCatalog.bundled(), CpuCatalog.bundled());
        return bundled;
    }
}
