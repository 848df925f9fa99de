package io.carbonpaper.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An hour-by-hour grid carbon intensity, read from a file the user downloaded (Electricity Maps, the EIA
 * grid monitor, or a plain {@code timestamp,g_per_kwh} CSV).
 *
 * @param file    the file, relative to the logs folder (or as named in carbonpaper.yaml)
 * @param format  {@code electricity-maps}, {@code eia-grid-monitor} or {@code plain}
 * @param zone    the grid zone the file names ({@code DE}, {@code FR}, {@code CISO}), where it names one
 * @param signal  {@code average} or {@code marginal}: what the file's figures are (never mixed in one series)
 * @param basis   {@code life-cycle}, {@code direct} or {@code unstated}: what the figures count
 * @param hourly  g CO2e per kWh by the UTC start of each hour, in time order
 * @param gaps    runs of missing hours inside the series, each located at the line that follows it
 * @param estimated the hours (of {@code hourly}) whose figure the publisher marks as its own estimate rather than
 *                reported data (Electricity Maps' {@code Data estimated} column), each with the method it names
 *                ({@code ""} where it names none)
 */
public record GridSeries(String file, String format, Optional<String> zone, String signal, String basis,
                         NavigableMap<Instant, Double> hourly, List<SeriesGap> gaps, NavigableMap<Instant, String> estimated) {
    public GridSeries {
        Objects.requireNonNull(file, "file");
        hourly = Collections.unmodifiableNavigableMap(new TreeMap<>(hourly));
        gaps = List.copyOf(gaps);
        TreeMap<Instant, String> e = new TreeMap<>(estimated);
        e.keySet().retainAll(hourly.keySet());
        estimated = Collections.unmodifiableNavigableMap(e);
    }

    /** A series none of whose hours is marked as an estimate. */
    public GridSeries(String file, String format, Optional<String> zone, String signal, String basis,
                      NavigableMap<Instant, Double> hourly, List<SeriesGap> gaps) {
        this(file, format, zone, signal, basis, hourly, gaps, new TreeMap<>());
    }

    /**
     * The estimated hours' methods with how many hours each, most hours first (then by name); {@code ""} for
     * hours whose method is not named.
     */
    public List<Map.Entry<String, Long>> estimationMethods() {
        Map<String, Long> counts = new TreeMap<>();
        for (String m : estimated.values()) counts.merge(m, 1L, Long::sum);
        List<Map.Entry<String, Long>> out = new java.util.ArrayList<>(counts.entrySet());
        out.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return List.copyOf(out);
    }

    /** The intensity of the hour that contains {@code t}, or empty where the series has no value for it. */
    public Optional<Double> at(Instant t) {
        Instant hour = Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600);
        return Optional.ofNullable(hourly.get(hour));
    }

    /**
     * Missing hours: {@code from} is the first hour without a value, {@code hours} how many follow,
     * {@code line} the line of the next value (0 for a gap between two files).
     *
     * @param between empty for a gap inside one file; for a gap between two files joined into one series
     *                ({@code grid_series:} naming several), the file before it and the file after it
     */
    public record SeriesGap(Instant from, long hours, long line, List<String> between) {
        public SeriesGap {
            between = List.copyOf(between);
            if (hours < 1) throw new IllegalArgumentException("a gap of " + hours + " hours");
        }

        /** A gap inside one file. */
        public SeriesGap(Instant from, long hours, long line) { this(from, hours, line, List.of()); }

        /** The last missing hour. */
        public Instant to() { return from.plusSeconds(3600 * (hours - 1)); }
    }
}
