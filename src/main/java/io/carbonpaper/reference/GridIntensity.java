package io.carbonpaper.reference;

import io.carbonpaper.unit.CarbonIntensity;

/**
 * One grid's average carbon intensity.
 *
 * @param key  {@code us-epa-2018}, {@code world}, an ISO country code, {@code US-CA}, an eGRID
 *             subregion, or a cloud region such as {@code aws:us-east-1}
 * @param kind {@code named}, {@code country}, {@code us-state}, {@code egrid}, {@code cloud-region}
 */
public record GridIntensity(String key, String name, String kind, CarbonIntensity intensity, int year,
                            String source, String note) {}
