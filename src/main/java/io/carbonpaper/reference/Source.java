package io.carbonpaper.reference;

/**
 * Where a catalog figure comes from: every row of every catalog names one of these by id, and
 * the report's references list prints those that were used.
 */
public record Source(String id, String citation, String url, int year) {}
