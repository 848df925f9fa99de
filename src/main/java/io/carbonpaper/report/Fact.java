package io.carbonpaper.report;

/** A labelled value on an experiment's page ("Energy source": "trace"). */
public record Fact(String label, String value) {}
