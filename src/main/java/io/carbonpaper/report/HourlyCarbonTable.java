package io.carbonpaper.report;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.estimate.HourlyCarbon;
import io.carbonpaper.estimate.SeriesZone;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.GridSeries;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * CO2e hour by hour beside the annual average (issue 21), one row per experiment whose power trace falls
 * in hours the project's grid series covers: the usual energy x annual-average figure, the sum over hours
 * of energy x that hour's intensity ({@code co2e_method} hourly), their difference, and the when-to-train
 * counterfactual of the same week (best and worst start, pausing at the dirtiest hours). Empty when no
 * experiment qualifies, so projects without a series print nothing new.
 */
public final class HourlyCarbonTable {
    public static final String ID = "hourly-carbon";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HourlyCarbonTable() {}

    public static Optional<Table> build(int number, List<Experiment> experiments, List<EstimateResult> results,
                                       GridSeries series, MassUnit unit) {
        return build(number, experiments, results, series, unit, 0, Map.of());
    }

    /**
     * As {@link #build(int, List, List, GridSeries, MassUnit)}, with footnotes lettered from the report's
     * {@code firstMark}-th mark on (the report's own notes come first): an experiment that drew power in hours the
     * series lacks is marked with how those hours were counted (at the annual average), and, where they fall in a
     * gap between two joined files, with a note naming the files and the missing span.
     *
     * @param zones the {@link SeriesZone zone check} of each experiment, by key: one whose grid clearly is not the
     *              series' zone keeps its row, with no hourly figure and a note saying why; absent: not checked
     */
    public static Optional<Table> build(int number, List<Experiment> experiments, List<EstimateResult> results,
                                       GridSeries series, MassUnit unit, int firstMark, Map<String, SeriesZone.Check> zones) {
        Map<String, Footnote> notes = new LinkedHashMap<>();
        String u = unit.symbol();
        List<Column> columns = List.of(
                Column.text("Experiment", "experiment"),
                Column.number("Energy in series hours", "%", "covered_percent"),
                Column.number("Met intensity", "g/kWh", "intensity_hourly_g_per_kwh"),
                Column.number("CO\u2082e, annual average", u, "co2e_annual_" + u),
                Column.number("CO\u2082e, hour by hour", u, "co2e_hourly_" + u),
                Column.number("Difference", "%", "difference_percent"),
                Column.text("Cleanest start that week", "best_start"),
                Column.number("CO\u2082e then", u, "co2e_best_" + u),
                Column.number("CO\u2082e at the worst start", u, "co2e_worst_" + u),
                Column.number("Saved by pausing in the dirtiest hours", u, "co2e_saved_paused_" + u));
        List<String> header = List.of("experiment", "series_file", "series_format", "zone", "signal", "basis", "covered_share",
                "intensity_annual_g_per_kwh", "intensity_hourly_g_per_kwh", "co2e_annual_" + u, "co2e_hourly_" + u,
                "difference_" + u, "difference_share", "week_start", "start", "best_start", "co2e_best_" + u, "worst_start",
                "co2e_worst_" + u, "starts_compared", "pause_above_g_per_kwh", "paused_hours", "co2e_paused_" + u, "estimated_hours",
                "zone_check");
        List<Row> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        for (int i = 0; i < experiments.size() && i < results.size(); i++) {
            Experiment e = experiments.get(i);
            Optional<ExperimentEstimate> est = results.get(i).estimate();
            if (est.isEmpty() || est.get().energy().isEmpty() || e.traces().isEmpty()) continue;
            Optional<HourlyCarbon.Profile> profile = HourlyCarbon.profile(e.traces());
            if (profile.isEmpty()) continue;
            Energy energy = est.get().energy().get().central();
            // A trace projected to longer training (the estimate's hours exceed the trace's span): only the traced
            // share of the energy has hours to weigh; the rest counts at the annual average.
            double span = io.carbonpaper.model.TraceSummary.span(e.traces()).map(io.carbonpaper.unit.Hours::value).orElse(0.0);
            double hours = est.get().hours().map(io.carbonpaper.unit.Hours::value).orElse(span);
            double traced = hours > span * 1.01 && span > 0 ? span / hours : 1.0;
            Optional<HourlyCarbon.Result> r = HourlyCarbon.of(profile.get(), energy, series, est.get().intensity(), traced);
            if (r.isEmpty()) continue;
            Optional<SeriesZone.Check> zone = Optional.ofNullable(zones.get(e.key()));
            if (zone.isPresent() && !zone.get().applies()) {
                String m = zone.get().message();
                String mark = note(notes, firstMark, "hourly-zone-" + m, "Not weighed hour by hour: "
                        + (m.isEmpty() ? m : m.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + m.substring(1)) + ".");
                List<Cell> cells = new ArrayList<>(List.of(Cell.name(e.name()).withMarks(List.of(mark)), Cell.unknown(), Cell.unknown(),
                        mass(r.get().annual(), unit)));
                while (cells.size() < columns.size()) cells.add(Cell.unknown());
                rows.add(Row.of(cells));
                List<String> line = new ArrayList<>(List.of(e.name(), series.file(), series.format(), series.zone().orElse(""),
                        series.signal(), series.basis(), "", Numerals.raw(r.get().annualIntensity().gramsPerKilowattHour()), "",
                        Numerals.raw(r.get().annual().in(unit))));
                while (line.size() < header.size() - 1) line.add("");
                line.add(zoneCell(zone));
                csv.add(line);
                continue;
            }
            Optional<HourlyCarbon.WhenToTrain> w = HourlyCarbon.counterfactual(profile.get(), energy, series);
            HourlyCarbon.Result h = r.get();
            double percent = 100 * h.relativeDifference();
            List<String> marks = new ArrayList<>();
            List<Instant> missing = HourlyCarbon.missingHours(profile.get(), series);
            for (GridSeries.SeriesGap g : series.gaps()) {
                if (g.between().isEmpty() || missing.stream().noneMatch(t -> !t.isBefore(g.from()) && !t.isAfter(g.to()))) continue;
                marks.add(note(notes, firstMark, "hourly-join-gap-" + g.from(), "The joined grid series has no intensity for the "
                        + (g.hours() == 1 ? "hour " + HOUR.format(g.from()) : g.hours() + " hours from " + HOUR.format(g.from()) + " to "
                        + HOUR.format(g.to())) + ", between " + g.between().get(0) + " and " + g.between().get(1) + "."));
            }
            long estimated = estimatedHours(profile.get(), series);
            if (estimated > 0)
                marks.add(note(notes, firstMark, "hourly-estimated", estimatesNote(series).orElseThrow() + " The runs marked drew "
                        + "power in some of them (estimated_hours in the CSV); they are weighed like the others."));
            if (!missing.isEmpty())
                marks.add(note(notes, firstMark, "hourly-missing-hours", "Assumption: in the hours this run drew power and the grid "
                        + "series has no intensity for (a gap in it, or beyond its ends), the energy counts at the annual-average "
                        + "intensity; Energy in series hours gives the share weighed hour by hour."));
            rows.add(Row.of(List.of(
                    Cell.name(e.name()).withMarks(marks),
                    Cell.of(Numerals.figure(100 * h.coveredShare()), Numerals.raw(100 * h.coveredShare())),
                    Cell.of(Numerals.figure(h.effective().gramsPerKilowattHour()), Numerals.raw(h.effective().gramsPerKilowattHour())),
                    mass(h.annual(), unit),
                    mass(h.hourly(), unit),
                    Cell.of((percent > 0 ? "+" : "") + Numerals.figure(percent), Numerals.raw(percent)),
                    w.map(x -> Cell.of(HOUR.format(x.bestStart()))).orElse(Cell.unknown()),
                    w.map(x -> mass(x.best(), unit)).orElse(Cell.unknown()),
                    w.map(x -> mass(x.worst(), unit)).orElse(Cell.unknown()),
                    w.flatMap(HourlyCarbon.WhenToTrain::savingPaused).map(m -> mass(m, unit)).orElse(Cell.unknown()))));
            csv.add(List.of(e.name(), series.file(), series.format(), series.zone().orElse(""), series.signal(), series.basis(),
                    Numerals.raw(h.coveredShare()), Numerals.raw(h.annualIntensity().gramsPerKilowattHour()),
                    Numerals.raw(h.effective().gramsPerKilowattHour()), Numerals.raw(h.annual().in(unit)),
                    Numerals.raw(h.hourly().in(unit)), Numerals.raw(h.difference().in(unit)), Numerals.raw(h.relativeDifference()),
                    w.map(x -> x.weekStart().toString()).orElse(""), profile.get().firstHour().toString(),
                    w.map(x -> x.bestStart().toString()).orElse(""), w.map(x -> Numerals.raw(x.best().in(unit))).orElse(""),
                    w.map(x -> x.worstStart().toString()).orElse(""), w.map(x -> Numerals.raw(x.worst().in(unit))).orElse(""),
                    w.map(x -> Integer.toString(x.starts())).orElse(""), w.map(x -> Numerals.raw(x.pauseAbove())).orElse(""),
                    w.map(x -> Integer.toString(x.pausedHours())).orElse(""),
                    w.flatMap(HourlyCarbon.WhenToTrain::paused).map(m -> Numerals.raw(m.in(unit))).orElse(""), Long.toString(estimated),
                    zoneCell(zone)));
        }
        if (rows.isEmpty()) return Optional.empty();
        String caption = "CO\u2082e hour by hour (co2e_method hourly): each hour's share of the energy, from the power trace, times "
                + "that hour's grid intensity from " + series.file() + " (" + series.zone().map(z -> "zone " + z + ", ").orElse("")
                + series.signal() + ", " + series.basis() + "), beside energy times the annual average; energy in hours the series "
                + "does not cover counts at the annual average. The last columns start the same power profile at every hour of "
                + "the same week (Monday 00:00 UTC on) that the series covers, and pause it in the hours above the week's 90th "
                + "percentile intensity, resuming in the next cleaner hour. In " + u + ".";
        return Optional.of(new Table(ID, number, caption, columns, rows, Optional.empty(), List.copyOf(notes.values()), header, csv));
    }

    /** The mark of the note {@code id}, lettered after the report's {@code firstMark} marks in order of first use. */
    private static String note(Map<String, Footnote> notes, int firstMark, String id, String text) {
        return notes.computeIfAbsent(id, k -> new Footnote(Footnote.markAt(firstMark + notes.size()), text, List.of())).mark();
    }

    /**
     * "N of M hours of the grid series F are estimates by Electricity Maps (method X)", or empty when the series
     * marks no hour as an estimate.
     */
    public static Optional<String> estimatesNote(GridSeries series) {
        if (series.estimated().isEmpty()) return Optional.empty();
        List<Map.Entry<String, Long>> methods = series.estimationMethods();
        String how;
        if (methods.size() == 1) {
            how = methods.get(0).getKey().isEmpty() ? "no method named" : "method " + methods.get(0).getKey();
        } else {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Long> m : methods)
                parts.add((m.getKey().isEmpty() ? "no method named" : m.getKey()) + " for " + Numerals.grouped(m.getValue(), 0));
            how = "method " + String.join(", ", parts);
        }
        String publisher = series.format().contains("electricity-maps") ? "Electricity Maps" : "their publisher";
        long n = series.estimated().size();
        return Optional.of(Numerals.grouped(n, 0) + " of " + Numerals.grouped(series.hourly().size(), 0) + " hours of the grid series "
                + series.file() + (n == 1 ? " is an estimate" : " are estimates") + " by " + publisher + " (" + how
                + "), not reported data.");
    }

    /** The hours in which the run drew power whose figure the series marks as estimated. */
    private static long estimatedHours(HourlyCarbon.Profile profile, GridSeries series) {
        long n = 0;
        for (int i = 0; i < profile.shares().size(); i++)
            if (profile.shares().get(i) > 0 && series.estimated().containsKey(profile.firstHour().plus(i, java.time.temporal.ChronoUnit.HOURS))) n++;
        return n;
    }

    /** The CSV's zone_check: {@code match by state}, {@code mismatch by country}, {@code unchecked}. */
    private static String zoneCell(Optional<SeriesZone.Check> zone) {
        return zone.filter(z -> z.verdict() != SeriesZone.Verdict.UNKNOWN)
                .map(z -> z.verdict().name().toLowerCase(java.util.Locale.ROOT) + " by " + z.level()).orElse("unchecked");
    }

    private static Cell mass(Mass m, MassUnit unit) { return Cell.of(Numerals.figure(m.in(unit)), Numerals.raw(m.in(unit))); }

    /** The hour a counterfactual start names, as the table prints it. */
    static String hour(Instant t) { return HOUR.format(t); }
}
