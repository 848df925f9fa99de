package io.carbonpaper.estimate;

import io.carbonpaper.model.GridSeries;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CO2e hour by hour (issue 21): an experiment's energy spread over the hours its power trace says it was
 * drawn, each hour multiplied by that hour's grid intensity from a {@link GridSeries}, beside the usual
 * energy x annual-average figure; and the when-to-train counterfactual (the same power profile started at
 * the best and the worst hour of the same week, and paused during the week's dirtiest hours).
 * Pure functions; the report decides what to show.
 *
 * <p>The hourly shares come from the trace's power-over-time chart (at most 400 buckets per device, so a
 * day-long run is resolved to minutes), scaled to the experiment's energy: the total is the estimate's own
 * (PUE included), only its distribution over hours comes from the chart. Energy drawn in hours the series
 * does not cover is counted at the annual average, and {@link Result#coveredShare()} says how much that was.
 */
public final class HourlyCarbon {
    /** Hours above this quantile of the week's intensities are paused in the pause counterfactual. */
    public static final double PAUSE_QUANTILE = 0.9;

    private HourlyCarbon() {}

    /**
     * The share of the run's energy drawn in each UTC hour, from {@code firstHour} on, one entry per hour
     * (zero where the run drew nothing); the shares add up to 1.
     */
    public record Profile(Instant firstHour, List<Double> shares) {
        public Profile { shares = List.copyOf(shares); }

        public Instant lastHour() { return firstHour.plus(shares.size() - 1L, ChronoUnit.HOURS); }
    }

    /** The run's profile from its traces' charts; empty when the traces hold no power. */
    public static Optional<Profile> profile(List<TraceSummary> traces) {
        TreeMap<Instant, Double> joules = new TreeMap<>();
        for (TraceSummary t : traces) {
            Map<String, List<TraceSummary.ChartPoint>> byDevice = new TreeMap<>();
            for (TraceSummary.ChartPoint p : t.chart()) byDevice.computeIfAbsent(p.device(), d -> new ArrayList<>()).add(p);
            for (List<TraceSummary.ChartPoint> points : byDevice.values()) {
                double width = points.size() > 1
                        ? (points.get(1).time().toEpochMilli() - points.get(0).time().toEpochMilli()) / 1000.0
                        : Math.max(1, t.last().getEpochSecond() - t.first().getEpochSecond());
                for (TraceSummary.ChartPoint p : points) {
                    if (Double.isNaN(p.watts()) || p.watts() <= 0) continue;
                    joules.merge(p.time().truncatedTo(ChronoUnit.HOURS), p.watts() * width, Double::sum);
                }
            }
        }
        double total = joules.values().stream().mapToDouble(Double::doubleValue).sum();
        if (joules.isEmpty() || total <= 0) return Optional.empty();
        Instant first = joules.firstKey();
        int hours = (int) ChronoUnit.HOURS.between(first, joules.lastKey()) + 1;
        double[] shares = new double[hours];
        joules.forEach((h, j) -> shares[(int) ChronoUnit.HOURS.between(first, h)] = j / total);
        return Optional.of(new Profile(first, Arrays.stream(shares).boxed().toList()));
    }

    /**
     * The hourly figure beside the annual one.
     *
     * @param hourly       sum over hours of energy x that hour's intensity (uncovered hours at the annual average)
     * @param annual       energy x the annual average, as the rest of the report computes it
     * @param coveredShare the share of the energy drawn in hours the series covers (1 = all)
     * @param effective    the energy-weighted intensity the run actually met
     */
    public record Result(Mass hourly, Mass annual, CarbonIntensity annualIntensity, CarbonIntensity effective,
                         double coveredShare, String signal, String basis, String seriesFile) {
        /** hourly - annual: negative when the run fell in cleaner-than-average hours. */
        public Mass difference() { return Mass.ofKilograms(hourly.kilograms() - annual.kilograms()); }

        /** The difference as a fraction of the annual figure (-0.12 = 12% less). */
        public double relativeDifference() { return annual.kilograms() == 0 ? 0 : difference().kilograms() / annual.kilograms(); }
    }

    /** CO2e of {@code total} energy spread as {@code profile} says, hour by hour; empty when no hour is covered. */
    public static Optional<Result> of(Profile profile, Energy total, GridSeries series, CarbonIntensity annual) {
        return of(profile, total, series, annual, 1.0);
    }

    /**
     * As {@link #of(Profile, Energy, GridSeries, CarbonIntensity)}, for an estimate that projects a traced
     * window to longer training (Strubell et al.'s method): only {@code tracedShare} of the energy was drawn in
     * the traced hours; the rest, drawn at hours nobody recorded, counts at the annual average.
     */
    public static Optional<Result> of(Profile profile, Energy total, GridSeries series, CarbonIntensity annual, double tracedShare) {
        if (!(tracedShare > 0 && tracedShare <= 1)) throw new IllegalArgumentException("traced share " + tracedShare + " outside (0, 1]");
        double covered = 0, weighted = 0;
        for (int i = 0; i < profile.shares().size(); i++) {
            double share = profile.shares().get(i);
            Optional<Double> g = series.at(profile.firstHour().plus(i, ChronoUnit.HOURS));
            if (g.isPresent() && share > 0) {
                covered += share * tracedShare;
                weighted += share * tracedShare * g.get();
            }
        }
        if (covered <= 0) return Optional.empty();
        double kwh = total.kilowattHours();
        double grams = kwh * (weighted + (1 - covered) * annual.gramsPerKilowattHour());
        return Optional.of(new Result(Mass.ofGrams(grams), Mass.ofGrams(kwh * annual.gramsPerKilowattHour()), annual,
                CarbonIntensity.ofGramsPerKilowattHour(weighted / covered), covered, series.signal(), series.basis(), series.file()));
    }

    /** The hours in which the run drew power and the series has no intensity, in time order. */
    public static List<Instant> missingHours(Profile profile, GridSeries series) {
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < profile.shares().size(); i++) {
            Instant hour = profile.firstHour().plus(i, ChronoUnit.HOURS);
            if (profile.shares().get(i) > 0 && series.at(hour).isEmpty()) out.add(hour);
        }
        return out;
    }

    /**
     * The same power profile started at other hours of the week (Monday 00:00 UTC to the next Monday) that
     * contains the run's start, among the starts for which the series covers every hour the run would
     * draw power; and paused during the hours above the week's {@value #PAUSE_QUANTILE} quantile, resuming
     * in the next cleaner hour.
     *
     * @param starts  how many start hours were compared
     * @param paused  CO2e with the pauses; empty when the paused run would not finish within the week
     */
    public record WhenToTrain(Instant weekStart, Instant actualStart, Mass actual, Instant bestStart, Mass best,
                              Instant worstStart, Mass worst, int starts, double pauseAbove, Optional<Mass> paused,
                              int pausedHours) {
        public Mass savingBest() { return Mass.ofKilograms(actual.kilograms() - best.kilograms()); }

        public Optional<Mass> savingPaused() { return paused.map(p -> Mass.ofKilograms(actual.kilograms() - p.kilograms())); }
    }

    /** The counterfactual; empty when the series does not cover the run's own hours or the run outlasts the week. */
    public static Optional<WhenToTrain> counterfactual(Profile profile, Energy total, GridSeries series) {
        Instant weekStart = profile.firstHour().atOffset(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant weekEnd = weekStart.plus(7, ChronoUnit.DAYS);
        int n = profile.shares().size();
        double kwh = total.kilowattHours();
        Optional<Double> actual = grams(profile, profile.firstHour(), series, kwh);
        if (actual.isEmpty()) return Optional.empty();
        Instant best = profile.firstHour(), worst = best;
        double bestG = actual.get(), worstG = actual.get();
        int starts = 0;
        for (Instant s = weekStart; !s.plus(n, ChronoUnit.HOURS).isAfter(weekEnd); s = s.plus(1, ChronoUnit.HOURS)) {
            Optional<Double> g = grams(profile, s, series, kwh);
            if (g.isEmpty()) continue;
            starts++;
            if (g.get() < bestG || (g.get() == bestG && s.isBefore(best))) { bestG = g.get(); best = s; }
            if (g.get() > worstG || (g.get() == worstG && s.isBefore(worst))) { worstG = g.get(); worst = s; }
        }
        if (starts == 0) return Optional.empty();
        List<Double> week = new ArrayList<>(series.hourly().subMap(weekStart, true, weekEnd, false).values());
        week.sort(Double::compare);
        double threshold = week.get(Math.min(week.size() - 1, (int) Math.floor(PAUSE_QUANTILE * week.size())));
        // Paused run: the profile's hours in order, each placed in the next hour at or below the threshold.
        double pausedG = 0;
        int pausedHours = 0;
        Instant slot = profile.firstHour();
        boolean finished = true;
        for (int i = 0; i < n; i++) {
            double share = profile.shares().get(i);
            while (true) {
                if (!slot.isBefore(weekEnd)) { finished = false; break; }
                Optional<Double> g = series.at(slot);
                if (g.isEmpty()) { finished = false; break; }
                if (g.get() <= threshold || share == 0) break;
                pausedHours++;
                slot = slot.plus(1, ChronoUnit.HOURS);
            }
            if (!finished) break;
            pausedG += share * kwh * series.at(slot).orElseThrow();
            slot = slot.plus(1, ChronoUnit.HOURS);
        }
        return Optional.of(new WhenToTrain(weekStart, profile.firstHour(), Mass.ofGrams(actual.get()), best, Mass.ofGrams(bestG),
                worst, Mass.ofGrams(worstG), starts, threshold,
                finished ? Optional.of(Mass.ofGrams(pausedG)) : Optional.empty(), pausedHours));
    }

    /** Grams for the profile started at {@code start}; empty when any hour with energy is uncovered. */
    private static Optional<Double> grams(Profile profile, Instant start, GridSeries series, double kwh) {
        double g = 0;
        for (int i = 0; i < profile.shares().size(); i++) {
            double share = profile.shares().get(i);
            if (share == 0) continue;
            Optional<Double> intensity = series.at(start.plus(i, ChronoUnit.HOURS));
            if (intensity.isEmpty()) return Optional.empty();
            g += share * kwh * intensity.get();
        }
        return Optional.of(g);
    }
}
