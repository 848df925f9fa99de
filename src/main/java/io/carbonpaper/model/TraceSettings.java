package io.carbonpaper.model;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How the readers read the logs: how power traces are integrated (settings {@code gap_factor} and
 * {@code fill_gaps}) and the zone of the timestamps written without one (setting {@code timezone}).
 *
 * @param gapFactor an interval longer than this many median sampling intervals is a gap: not
 *                  bridged, and listed in the data-quality section
 * @param fillGaps  bridge gaps at the neighbouring samples' mean instead, flagged in the report
 * @param zone      where the logs' timestamps without a zone were written (CodeCarbon, nvidia-smi,
 *                  Slurm and others write the machine's local time); UTC unless the settings say
 * @param zoneStated whether the settings named the zone ({@code timezone}); when not, UTC is a guess
 *                  the report names where it matters (an hourly grid series)
 */
public record TraceSettings(double gapFactor, boolean fillGaps, ZoneId zone, boolean zoneStated) {
    public static final TraceSettings DEFAULT = new TraceSettings(5.0, false);

    public TraceSettings {
        if (!(gapFactor > 1) || !Double.isFinite(gapFactor)) throw new IllegalArgumentException("gap_factor must be > 1: " + gapFactor);
        Objects.requireNonNull(zone, "zone");
    }

    /** Zoneless timestamps read as UTC, no zone named. */
    public TraceSettings(double gapFactor, boolean fillGaps) {
        this(gapFactor, fillGaps, ZoneOffset.UTC, false);
    }

    /** Zoneless timestamps read in {@code zone}, as the settings name it. */
    public TraceSettings(double gapFactor, boolean fillGaps, ZoneId zone) {
        this(gapFactor, fillGaps, zone, true);
    }
}
