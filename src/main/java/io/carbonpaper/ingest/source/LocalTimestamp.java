package io.carbonpaper.ingest.source;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as tools write them: ISO-8601 with {@code T} or a space, optional fraction (with
 * {@code .} or Python logging's {@code ,}), optional zone. Most tools (CodeCarbon, carbontracker,
 * fairseq, Slurm) write local time without a zone; carbonpaper reads those as UTC so that output
 * is the same on every machine. Spans and durations are unaffected; absolute times may be off by
 * the writer's UTC offset, which docs/tool-and-training-logs.md states.
 */
public final class LocalTimestamp {
    private LocalTimestamp() {}

    /** The instant, or empty when {@code text} is blank or not a timestamp. */
    public static Optional<Instant> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        if (t.length() < 19 || t.length() > 40) return Optional.empty();
        t = t.replace(',', '.');
        if (t.charAt(10) == ' ') t = t.substring(0, 10) + 'T' + t.substring(11);
        try {
            if (t.endsWith("Z") || t.indexOf('+', 19) > 0 || t.indexOf('-', 19) > 0) return Optional.of(OffsetDateTime.parse(t).toInstant());
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
