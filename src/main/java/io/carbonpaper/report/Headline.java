package io.carbonpaper.report;

/** The figures at the top of the report, already formatted. */
public record Headline(String energy, String co2e, String cost, String grid, String pue, int experiments, int excluded) {}
