package io.carbonpaper.reference;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Range;

import java.util.Objects;
import java.util.Optional;

/**
 * One grid's average carbon intensity.
 *
 * @param key    {@code us-epa-2018}, {@code world}, an ISO 3166 alpha-3 country code ({@code DEU}),
 *               {@code US-CA}, an eGRID subregion ({@code CAMX}), or a cloud region such as
 *               {@code aws:us-east-1}
 * @param kind   {@code named}, {@code country}, {@code us-state}, {@code egrid}, {@code cloud-region}
 * @param year   the year the intensity describes (for an inherited figure, the grid's year)
 * @param source the source id of the intensity (for an inherited figure, the grid's source)
 * @param mapsTo the grid key this row stands in for: a cloud region or US state names the grid that
 *               supplies it; empty for grids themselves
 * @param low    the low end of the published year-to-year spread, where catalogued
 * @param high   the high end of that spread, where catalogued
 * @param outlier why the figure is implausible (outside what the grid's generation mix allows, or far from
 *               a second source), where it is; such a grid stays usable by key but is left out of
 *               cleanest/dirtiest comparisons
 */
public record GridIntensity(String key, String name, String kind, CarbonIntensity intensity, int year,
                            String source, String note, Optional<String> mapsTo,
                            Optional<CarbonIntensity> low, Optional<CarbonIntensity> high,
                            Optional<String> outlier) {
    public GridIntensity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(intensity, "intensity");
        Objects.requireNonNull(mapsTo, "mapsTo");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(outlier, "outlier");
        if (low.isPresent() != high.isPresent())
            throw new IllegalArgumentException("grid " + key + ": value_low and value_high must be given together");
        if (low.isPresent() && (low.get().compareTo(intensity) > 0 || high.get().compareTo(intensity) < 0))
            throw new IllegalArgumentException("grid " + key + ": " + intensity + " lies outside " + low.get() + " - " + high.get());
    }

    /** The intensity with its published spread; a point range where no spread is catalogued. */
    public Range<CarbonIntensity> range() {
        return new Range<>(low.orElse(intensity), intensity, high.orElse(intensity));
    }
}
