package io.carbonpaper.ingest;

import java.util.Optional;

/**
 * What ingest did with one file, for {@code carbonpaper inspect}: the format detected and the
 * experiment it joined and why, or why it was ignored.
 */
public record FileVerdict(String file, Optional<String> format, Optional<String> experiment, String reason) {}
