package io.carbonpaper.report;

import io.carbonpaper.reference.BibEntry;

import java.util.Objects;

/** An entry of the references list; {@code number} is its citation number in the report, {@code bib} its BibTeX entry. */
public record Reference(int number, String id, String citation, String url, int year, BibEntry bib) {
    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof Reference r && number == r.number && Objects.equals(id, r.id)
                && Objects.equals(citation, r.citation) && Objects.equals(url, r.url) && year == r.year && Objects.equals(bib, r.bib);
    }

    @Override public int hashCode() {
        int h = Integer.hashCode(number);
        h = 31 * h + Objects.hashCode(id);
        h = 31 * h + Objects.hashCode(citation);
        h = 31 * h + Objects.hashCode(url);
        h = 31 * h + Integer.hashCode(year);
        return 31 * h + Objects.hashCode(bib);
    }
}
