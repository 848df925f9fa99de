package io.carbonpaper.report;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.HourlyCarbon;
import io.carbonpaper.estimate.SeriesZone;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.GridSeries;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of a week's hourly grid intensity with the experiments' hours drawn on it (issue 21): one per
 * week in which an experiment of the {@link HourlyCarbonTable hourly table} starts, earliest weeks first, at most
 * {@value #MAX_WEEKS}; each marks every such experiment that starts that week.
 */
public final class WeekIntensityFigures {
    /** More weeks than this would crowd the index; the hourly table's CSV has every run. */
    static final int MAX_WEEKS = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private WeekIntensityFigures() {}

    /** A run the figures draw: its experiment's key, the Monday its week starts, and its hours. */
    private record Drawn(String key, Instant week, FigureData.WeekIntensity.Run run) {}

    /**
     * @param firstNumber the number the first figure gets (the index's figures before it come first)
     * @param zones       the zone check of each experiment, by key: one the series is not applied to is not drawn
     * @return the figures, empty when no experiment qualifies for the hourly table
     */
    public static List<Figure> of(List<Experiment> experiments, List<EstimateResult> results, GridSeries series, int firstNumber,
                                  Map<String, SeriesZone.Check> zones) {
        TreeMap<Instant, List<FigureData.WeekIntensity.Run>> weeks = new TreeMap<>();
        for (Drawn d : drawn(experiments, results, series, zones)) weeks.computeIfAbsent(d.week(), w -> new ArrayList<>()).add(d.run());
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<Instant, List<FigureData.WeekIntensity.Run>> w : weeks.entrySet()) {
            if (out.size() == MAX_WEEKS) break;
            List<FigureData.WeekIntensity.Run> runs = w.getValue();
            out.add(figure("week-intensity-" + DateTimeFormatter.ISO_LOCAL_DATE.format(w.getKey().atZone(ZoneOffset.UTC)),
                    firstNumber + out.size(), series, w.getKey(), runs, runs.size() == 1 ? runs.get(0).name() : runs.size() + " experiments", ""));
        }
        return out;
    }

    /**
     * The same figure on each drawn experiment's own page (when the report has pages): the week its run starts,
     * with only that run shaded, numbered after the page's other figures.
     */
    public static List<Figure> pages(Report report, List<Experiment> experiments, List<EstimateResult> results, GridSeries series,
                                     Map<String, SeriesZone.Check> zones) {
        if (!report.experimentPages()) return List.of();
        Map<String, String> slugs = new java.util.HashMap<>();
        for (ExperimentPage p : report.experiments()) slugs.put(p.key(), p.slug());
        List<Figure> out = new ArrayList<>();
        for (Drawn d : drawn(experiments, results, series, zones)) {
            String slug = slugs.get(d.key());
            if (slug == null) continue;
            out.add(figure("grid-week-" + slug, report.pageFigures(slug).size() + 1, series, d.week(), List.of(d.run()),
                    "this experiment", slug));
        }
        return out;
    }

    /** The experiments of the hourly table the series applies to, in report order. */
    private static List<Drawn> drawn(List<Experiment> experiments, List<EstimateResult> results, GridSeries series,
                                     Map<String, SeriesZone.Check> zones) {
        List<Drawn> out = new ArrayList<>();
        for (int i = 0; i < experiments.size() && i < results.size(); i++) {
            Experiment e = experiments.get(i);
            var est = results.get(i).estimate();
            if (est.isEmpty() || est.get().energy().isEmpty() || e.traces().isEmpty()) continue;
            if (zones.containsKey(e.key()) && !zones.get(e.key()).applies()) continue;
            Optional<HourlyCarbon.Profile> profile = HourlyCarbon.profile(e.traces());
            if (profile.isEmpty() || HourlyCarbon.of(profile.get(), est.get().energy().get().central(), series, est.get().intensity()).isEmpty())
                continue;
            Instant first = profile.get().firstHour();
            Instant week = first.atZone(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .truncatedTo(ChronoUnit.DAYS).toInstant();
            out.add(new Drawn(e.key(), week, new FigureData.WeekIntensity.Run(io.carbonpaper.model.LogText.shown(e.name()), first,
                    profile.get().lastHour().plus(1, ChronoUnit.HOURS))));
        }
        return out;
    }

    private static Figure figure(String id, int number, GridSeries series, Instant start, List<FigureData.WeekIntensity.Run> runs,
                                 String names, String page) {
        List<FigureData.WeekIntensity.Hour> hours = new ArrayList<>();
        for (int h = 0; h < 7 * 24; h++) {
            Instant t = start.plus(h, ChronoUnit.HOURS);
            hours.add(new FigureData.WeekIntensity.Hour(t, series.at(t).orElse(Double.NaN)));
        }
        String day = DAY.format(start);
        return new Figure(id, number,
                "Hourly grid intensity (g/kWh, " + series.signal() + ", " + series.basis() + ") from " + series.file()
                        + " in the week from " + day + " 00:00 UTC; shaded: the hours in which " + names + " drew power. A break "
                        + "in the line is an hour the series lacks.",
                "Line chart of a week of hourly grid intensity with the hours of " + names + " shaded.",
                page, new FigureData.WeekIntensity(start, hours, runs));
    }
}
