package io.carbonpaper.reference;

import io.carbonpaper.unit.Pue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PUE figures (catalog/pue.csv): survey averages and providers' fleet figures. */
public final class PueCatalog {
    /** The paper's PUE: 1.58, the 2018 global data-centre average (Uptime Institute survey). */
    public static final String DEFAULT_KEY = "uptime-2018";

    private final Map<String, PueFigure> byKey = new LinkedHashMap<>();

    /** A catalog of these figures (keys unique, values within {@link Pue}'s bound); {@link #bundled()} reads the shipped one. */
    public PueCatalog(List<PueFigure> figures) {
        for (PueFigure f : figures) {
            if (!(f.value() >= Pue.MIN && f.value() <= Pue.MAX)) throw new IllegalStateException("implausible PUE " + f);
            if (byKey.put(f.key(), f) != null) throw new IllegalStateException("duplicate PUE key " + f.key());
        }
    }

    public static PueCatalog bundled() {
        return new PueCatalog(CatalogCsv.read("pue.csv", r -> new PueFigure(r.get("key"), r.get("name"),
                Double.parseDouble(r.get("value")), CatalogCsv.integer(r, "year"), r.get("source"), r.get("scope"))));
    }

    public Optional<PueFigure> find(String key) { return Optional.ofNullable(byKey.get(key)); }

    public PueFigure defaultPue() { return byKey.get(DEFAULT_KEY); }

    public List<PueFigure> all() { return List.copyOf(byKey.values()); }
}
