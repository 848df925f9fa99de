package io.carbonpaper.ingest.source;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as tools write them: ISO-8601 with {@code T} or a space, optional fraction (with
 * {@code .} or Python logging's {@code ,}), optional zone. Most tools (CodeCarbon, carbontracker,
 * fairseq, Slurm) write local time without a zone; carbonpaper reads those as UTC so that output
 * is the same on every machine, or in the zone the settings name ({@code timezone}, {@link
 * #parse(String, ZoneId)}). Spans and durations are unaffected; without the setting, absolute times
 * may be off by the writer's UTC offset, which docs/tool-and-training-logs.md states.
 */
public final class LocalTimestamp {
    private LocalTimestamp() {}

    /** The instant, or empty when {@code text} is blank or not a timestamp. */
    public static Optional<Instant> parse(String text) {
        if (text != null && text.length() == 19) { // sacct's form, a million times in a big history (issue 20)
            Optional<Instant> t = plainSeconds(text);
            if (t != null) return t;
        }
        return parseGeneral(text);
    }

    /**
     * The instant, with a timestamp written without a zone read as local time of {@code zone} (the
     * setting {@code timezone}): across a clock change, the repeated autumn hour is read at the
     * earlier offset and a spring hour that does not exist is moved forward by the gap, as
     * {@link java.time.ZonedDateTime#of} does. A timestamp with a zone or offset keeps it.
     */
    public static Optional<Instant> parse(String text, ZoneId zone) {
        Optional<Instant> asUtc = parse(text);
        if (asUtc.isEmpty() || zone.equals(ZoneOffset.UTC) || hasZone(text)) return asUtc;
        return Optional.of(inZone(asUtc.get(), zone));
    }

    /** A zoneless time read as UTC ({@code local}), read again as local time of {@code zone}. */
    public static Instant inZone(Instant local, ZoneId zone) {
        return LocalDateTime.ofEpochSecond(local.getEpochSecond(), local.getNano(), ZoneOffset.UTC).atZone(zone).toInstant();
    }

    /** Whether {@code text}, a timestamp, states its zone or offset. */
    public static boolean hasZone(String text) {
        String t = text.strip();
        return t.length() > 19 && (t.endsWith("Z") || t.indexOf('+', 19) > 0 || t.indexOf('-', 19) > 0);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} (or a space for the {@code T}) read digit by digit, checked as
     * {@code LocalDateTime.parse} checks it (months, days of the month, leap years, hours 0-23);
     * null when {@code t} has another form, for {@link #parseGeneral}.
     */
    private static Optional<Instant> plainSeconds(String t) {
        char sep = t.charAt(10);
        if (t.charAt(4) != '-' || t.charAt(7) != '-' || (sep != 'T' && sep != ' ') || t.charAt(13) != ':' || t.charAt(16) != ':') return null;
        int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2), hour = digits(t, 11, 2), minute = digits(t, 14, 2),
                second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        try {
            return Optional.of(java.time.LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The number {@code n} ASCII digits at {@code from} write, or -1 if one is not a digit. */
    private static int digits(String t, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@link #parse} by {@code java.time}'s ISO parsers, for every form. */
    static Optional<Instant> parseGeneral(String text) {
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
