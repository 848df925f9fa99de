package io.carbonpaper.report;

/** An entry of the references list; {@code number} is its citation number in the report. */
public record Reference(int number, String id, String citation, String url, int year) {}
