package io.carbonpaper.model;

/** A file that contributed to an experiment, as the experiment's page lists it. */
public record InputFile(String path, long sizeBytes, String sha256, String format) {}
