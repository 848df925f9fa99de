package io.carbonpaper.reference;

import java.util.Objects;

/**
 * How a source is cited in BibTeX (catalog/bibliography.csv): its key (the one people already
 * cite it by, where there is one, as the ACL Anthology's {@code strubell-etal-2019-energy}), the
 * entry type, and the fields in BibTeX syntax (braces protect capitals and corporate names).
 * {@code venue} is the booktitle of an {@code inproceedings}, the journal of an {@code article},
 * the institution of a {@code techreport}; {@code eprint} an arXiv id; empty strings where none.
 */
public record BibEntry(String key, String type, String author, String title, String venue, String volume, String pages,
                       String doi, String eprint, String note) {

    /**
     * The authors as author-year prose names them: "Strubell et al." for three or more, "Patterson and
     * Gonzalez" for two, the surname (or the organisation, unbraced) for one; empty without an author.
     */
    public String inText() {
        // Called for every reference of every footnote and statement: the pattern is compiled once, braces dropped without one.
        if (author.isBlank()) return "";
        String[] names = AND.split(author);
        java.util.List<String> surnames = new java.util.ArrayList<>();
        for (String n : names) {
            String name = n.strip();
            if (name.startsWith("{") && name.endsWith("}")) surnames.add(name.substring(1, name.length() - 1));
            else if (name.contains(",")) surnames.add(name.substring(0, name.indexOf(',')).strip().replace("{", "").replace("}", ""));
            else surnames.add(name.substring(name.lastIndexOf(' ') + 1).replace("{", "").replace("}", ""));
        }
        if (surnames.size() >= 3) return surnames.get(0) + " et al.";
        return String.join(" and ", surnames);
    }

    /** An entry for a source the bibliography catalog has no row for: its citation text as title, the id as author. */
    public static BibEntry of(Source s) {
        return new BibEntry(s.id(), "misc", "{" + s.id() + "}", s.citation().replaceAll("\\.$", ""), "", "", "", "", "", "");
    }

    private static final java.util.regex.Pattern AND = java.util.regex.Pattern.compile("\\s+and\\s+");

    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof BibEntry x && Objects.equals(key, x.key) && Objects.equals(type, x.type)
                && Objects.equals(author, x.author) && Objects.equals(title, x.title) && Objects.equals(venue, x.venue)
                && Objects.equals(volume, x.volume) && Objects.equals(pages, x.pages) && Objects.equals(doi, x.doi)
                && Objects.equals(eprint, x.eprint) && Objects.equals(note, x.note);
    }

    @Override public int hashCode() {
        int h = Objects.hashCode(key);
        h = 31 * h + Objects.hashCode(type);
        h = 31 * h + Objects.hashCode(author);
        h = 31 * h + Objects.hashCode(title);
        h = 31 * h + Objects.hashCode(venue);
        h = 31 * h + Objects.hashCode(volume);
        h = 31 * h + Objects.hashCode(pages);
        h = 31 * h + Objects.hashCode(doi);
        h = 31 * h + Objects.hashCode(eprint);
        return 31 * h + Objects.hashCode(note);
    }
}
