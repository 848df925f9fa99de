package io.carbonpaper.report;

import io.carbonpaper.reference.BibEntry;

/** An entry of the references list; {@code number} is its citation number in the report, {@code bib} its BibTeX entry. */
public record Reference(int number, String id, String citation, String url, int year, BibEntry bib) {}
