package io.carbonpaper.report;

import io.carbonpaper.reference.BibEntry;

/**
 * An entry of the references list; {@code number} is its citation number in the report, {@code bib} its BibTeX entry.
 *
 * @param context cited only to set the project beside published work (the published-models table), not as the
 *                source of a constant this report's figures use; the compute statement leaves it out
 */
public record Reference(int number, String id, String citation, String url, int year, BibEntry bib, boolean context) {}
