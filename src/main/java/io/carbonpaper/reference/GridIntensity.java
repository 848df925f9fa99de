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
 * @param verification how the figure was checked (for an inherited figure, the grid's): {@code paper} (the
 *               paper's own), {@code primary} (read from the publisher's own file or repository),
 *               {@code corroborated} (a copy that agrees with a second independent copy or the publisher's
 *               own), {@code secondary} (one copy, from a maintained compilation of the publisher's data) or
 *               {@code unverified} (one copy, not checked); the catalog README says who checked what
 * @param rangeSource the source of the range's other figure where it is another publication than {@code source}
 *               (eGRID2022 beside an eGRID2023 rate); empty where the range comes from {@code source} or there is none
 * @param rangeYear the year that other figure describes, given with {@code rangeSource}
 */
public record GridIntensity(String key, String name, String kind, CarbonIntensity intensity, int year,
                            String source, String note, Optional<String> mapsTo,
                            Optional<CarbonIntensity> low, Optional<CarbonIntensity> high,
                            Optional<String> outlier, String verification,
                            Optional<String> rangeSource, java.util.OptionalInt rangeYear) {
    /** The verification statuses a row may carry. */
    public static final java.util.Set<String> VERIFICATIONS = java.util.Set.of("paper", "primary", "corroborated", "secondary", "unverified");

    public GridIntensity {
        Objects.requireNonNull(verification, "verification");
        if (!VERIFICATIONS.contains(verification))
            throw new IllegalArgumentException("grid " + key + ": verification '" + verification + "' is not one of "
                    + new java.util.TreeSet<>(VERIFICATIONS));
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(intensity, "intensity");
        Objects.requireNonNull(mapsTo, "mapsTo");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(outlier, "outlier");
        Objects.requireNonNull(rangeSource, "rangeSource");
        Objects.requireNonNull(rangeYear, "rangeYear");
        if (rangeSource.isPresent() != rangeYear.isPresent())
            throw new IllegalArgumentException("grid " + key + ": range_source and range_year must be given together");
        if (rangeSource.isPresent() && low.isEmpty())
            throw new IllegalArgumentException("grid " + key + ": range_source " + rangeSource.get() + " names the source of a range the row does not have");
        if (low.isPresent() != high.isPresent())
            throw new IllegalArgumentException("grid " + key + ": value_low and value_high must be given together");
        if (low.isPresent() && (low.get().compareTo(intensity) > 0 || high.get().compareTo(intensity) < 0))
            throw new IllegalArgumentException("grid " + key + ": " + intensity + " lies outside " + low.get() + " - " + high.get());
    }

    /** Every source the figure and its range come from: {@code source}, then {@code rangeSource} where given. */
    public java.util.List<String> sources() {
        return rangeSource.filter(r -> !r.equals(source)).map(r -> java.util.List.of(source, r)).orElse(java.util.List.of(source));
    }

    /** Whether nobody checked this figure against a second copy; the report's footnote says so. */
    public boolean unverified() { return verification.equals("unverified"); }

    /** The intensity with its published spread; a point range where no spread is catalogued. */
    public Range<CarbonIntensity> range() {
        return new Range<>(low.orElse(intensity), intensity, high.orElse(intensity));
    }
}
