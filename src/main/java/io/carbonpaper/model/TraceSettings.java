package io.carbonpaper.model;

/**
 * How power traces are integrated (settings {@code gap_factor} and {@code fill_gaps}).
 *
 * @param gapFactor an interval longer than this many median sampling intervals is a gap: not
 *                  bridged, and listed in the data-quality section
 * @param fillGaps  bridge gaps at the neighbouring samples' mean instead, flagged in the report
 */
public record TraceSettings(double gapFactor, boolean fillGaps) {
    public static final TraceSettings DEFAULT = new TraceSettings(5.0, false);

    public TraceSettings {
        if (!(gapFactor > 1) || !Double.isFinite(gapFactor)) throw new IllegalArgumentException("gap_factor must be > 1: " + gapFactor);
    }
}
