package io.carbonpaper.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The literature and datasets that catalog rows cite (catalog/sources.csv). */
public final class SourceCatalog {
    private final Map<String, Source> byId = new LinkedHashMap<>();

    private SourceCatalog() {}

    public static SourceCatalog bundled() {
        SourceCatalog c = new SourceCatalog();
        for (Source s : CatalogCsv.read("sources.csv", r -> new Source(r.get("id"), r.get("citation"), r.get("url"),
                CatalogCsv.integer(r, "year")))) {
            if (c.byId.put(s.id(), s) != null) throw new IllegalStateException("duplicate source id " + s.id());
        }
        return c;
    }

    public Optional<Source> find(String id) { return Optional.ofNullable(byId.get(id)); }

    public Source get(String id) {
        Source s = byId.get(id);
        if (s == null) throw new IllegalStateException("unknown source id '" + id + "'");
        return s;
    }

    public java.util.Collection<Source> all() { return byId.values(); }
}
