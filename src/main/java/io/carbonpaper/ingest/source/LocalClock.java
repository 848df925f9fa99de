package io.carbonpaper.ingest.source;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A trace's clock readings written without a zone, placed in time by the zone they were written
 * in (the setting {@code timezone}). Readings come as microseconds of local time counted as if it
 * were UTC (how the readers decode them); {@link #utc} gives microseconds since the epoch.
 *
 * <p>A trace runs forward in time, which settles the clock changes: in the autumn hour that a
 * local clock shows twice, a reading is taken at the summer offset until it would go back in
 * time, then at the winter one, so the repeated hour is neither lost nor counted twice; a reading
 * in the spring hour that does not exist (a clock not yet put forward) is taken at the offset
 * before the change. In UTC, or where the settings name no zone, readings are returned as they
 * are. One instance per file: it remembers the latest reading.
 */
public final class LocalClock {
    private final ZoneRules rules;
    private final boolean utc;
    /** Local micros [from, to) in which the zone has one offset, {@code offset} micros: a cache, as most readings fall in one. */
    private long from = 1, to = 0, offset;
    private long latest = Long.MIN_VALUE;
    private boolean readAsUtc;

    /** Whether the zone was named; when not (UTC by default), a reading taken as UTC is a guess ({@link #readAsUtc}). */
    private final boolean stated;

    /** Readings written in {@code zone}, as named. */
    public LocalClock(ZoneId zone) {
        this(zone, true);
    }

    /** Readings written in the zone the settings name, or UTC where they name none. */
    public LocalClock(io.carbonpaper.model.TraceSettings settings) {
        this(settings.zone(), settings.zoneStated());
    }

    private LocalClock(ZoneId zone, boolean stated) {
        this.rules = zone.getRules();
        this.utc = rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
        this.stated = stated;
    }

    /** Whether readings are UTC already (no conversion). */
    public boolean isUtc() { return utc; }

    /**
     * Whether a reading was taken as UTC because the settings name no zone: the trace's place in time
     * then rests on its machine having kept UTC.
     */
    public boolean readAsUtc() { return readAsUtc; }

    /** Microseconds since the epoch of the local reading {@code local} (microseconds of local time as if UTC). */
    public long utc(long local) {
        if (utc) {
            readAsUtc |= !stated;
            return local;
        }
        long u;
        if (local >= from && local < to) {
            u = local - offset;
        } else {
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1_000_000L), (int) Math.floorMod(local, 1_000_000L) * 1000, ZoneOffset.UTC);
            ZoneOffsetTransition change = rules.getTransition(t);
            if (change == null) {
                offset = rules.getOffset(t).getTotalSeconds() * 1_000_000L;
                u = local - offset;
                window(u);
            } else if (change.isOverlap()) {
                long summer = local - change.getOffsetBefore().getTotalSeconds() * 1_000_000L;
                long winter = local - change.getOffsetAfter().getTotalSeconds() * 1_000_000L;
                u = latest != Long.MIN_VALUE && summer < latest ? winter : summer;
            } else {
                u = local - change.getOffsetBefore().getTotalSeconds() * 1_000_000L;
            }
        }
        if (u > latest) latest = u;
        return u;
    }

    /** Caches the local times around UTC micros {@code u} that share its offset: from the last clock change to the next. */
    private void window(long u) {
        Instant at = Instant.ofEpochSecond(Math.floorDiv(u, 1_000_000L), Math.floorMod(u, 1_000_000L) * 1000);
        ZoneOffsetTransition next = rules.nextTransition(at), previous = rules.previousTransition(at.plusNanos(1));
        from = previous == null ? Long.MIN_VALUE : Math.max(micros(previous.getDateTimeBefore()), micros(previous.getDateTimeAfter()));
        to = next == null ? Long.MAX_VALUE : Math.min(micros(next.getDateTimeBefore()), micros(next.getDateTimeAfter()));
    }

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }
}
