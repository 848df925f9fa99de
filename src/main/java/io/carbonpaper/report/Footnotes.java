package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each distinct assumption one footnote mark (a, b, ..., z, aa, ...) in order of first use,
 * so the same fallback is explained once however many rows it applies to.
 */
final class Footnotes {
    private final Map<String, Footnote> byId = new LinkedHashMap<>();

    String mark(Assumption a) {
        Footnote f = byId.get(a.id());
        if (f == null) {
            f = new Footnote(Footnote.markAt(byId.size()), a.text(), a.sources());
            byId.put(a.id(), f);
        }
        return f.mark();
    }

    List<String> marks(List<Assumption> as) {
        List<String> out = new ArrayList<>();
        for (Assumption a : as) {
            String m = mark(a);
            if (!out.contains(m)) out.add(m);
        }
        return out;
    }

    List<Footnote> all() { return List.copyOf(byId.values()); }

    List<Footnote> only(List<String> marks) {
        return byId.values().stream().filter(f -> marks.contains(f.mark())).toList();
    }
}
