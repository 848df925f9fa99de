package io.carbonpaper.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The literature and datasets that catalog rows cite (catalog/sources.csv). */
public final class SourceCatalog {
    private final Map<String, Source> byId = new LinkedHashMap<>();
    private final Map<String, BibEntry> bib = new LinkedHashMap<>();

    private SourceCatalog() {}

    public static SourceCatalog bundled() {
        SourceCatalog c = new SourceCatalog();
        for (Source s : CatalogCsv.read("sources.csv", r -> new Source(r.get("id"), r.get("citation"), r.get("url"),
                CatalogCsv.integer(r, "year")))) {
            if (c.byId.put(s.id(), s) != null) throw new IllegalStateException("duplicate source id " + s.id());
        }
        for (var r : CatalogCsv.read("bibliography.csv", r -> r)) {
            String id = r.get("id");
            if (!c.byId.containsKey(id)) throw new IllegalStateException("bibliography.csv: unknown source id '" + id + "'");
            BibEntry e = new BibEntry(r.get("key"), r.get("type"), r.get("author"), r.get("title"), r.get("venue"), r.get("volume"),
                    r.get("pages"), r.get("doi"), r.get("eprint"), r.get("note"));
            if (c.bib.put(id, e) != null) throw new IllegalStateException("bibliography.csv: duplicate source id " + id);
        }
        return c;
    }

    public Optional<Source> find(String id) { return Optional.ofNullable(byId.get(id)); }

    /** The BibTeX entry of a source: its row of bibliography.csv, or one made from the citation text. */
    public BibEntry bib(String id) {
        BibEntry e = bib.get(id);
        return e != null ? e : BibEntry.of(get(id));
    }

    /** Whether bibliography.csv has a row for the source. */
    public boolean hasBib(String id) { return bib.containsKey(id); }

    public Source get(String id) {
        Source s = byId.get(id);
        if (s == null) throw new IllegalStateException("unknown source id '" + id + "'");
        return s;
    }

    public java.util.Collection<Source> all() { return byId.values(); }
}
