package io.carbonpaper.task;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.SeriesZone;
import io.carbonpaper.ingest.grid.GridSeriesReader;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.GridSeries;
import io.carbonpaper.model.Problem;
import io.carbonpaper.report.Figure;
import io.carbonpaper.report.Footnote;
import io.carbonpaper.report.HourlyCarbonTable;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.Table;
import io.carbonpaper.report.WeekIntensityFigures;
import io.carbonpaper.reference.GridCatalog;
import io.carbonpaper.settings.ProjectConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's hourly grid series (issue 21): the files carbonpaper.yaml names in {@code grid_series:}
 * (checked by the settings reader; several are one series over their joint hours), else a file at the top of
 * the logs folder named {@code grid-series*.csv} or {@code *.grid.csv}, read by {@link GridSeriesReader}; its problems join
 * the project's, its zone is checked against each experiment's grid (its region, the project's, or the
 * default grid; an experiment that declares its intensity is not checked), and the report gains the
 * {@link HourlyCarbonTable hourly table} and the {@link WeekIntensityFigures week's intensity} figures. Without such a file nothing changes.
 */
final class HourlyGrid {
    static final Pattern NAME = Pattern.compile("(?i)grid-series[^/]*\\.csv|[^/]+\\.grid\\.csv");

    private final Optional<GridSeries> series;
    private final Optional<String> file;
    private final List<Problem> problems;
    /** The files read as the series, relative to the logs folder: the ingest's note that no reader knows them is dropped. */
    private final List<String> read;

    private HourlyGrid(Optional<GridSeries> series, Optional<String> file, List<Problem> problems) {
        this(series, file, problems, List.of());
    }

    private HourlyGrid(Optional<GridSeries> series, Optional<String> file, List<Problem> problems, List<String> read) {
        this.series = series;
        this.file = file;
        this.problems = List.copyOf(problems);
        this.read = read.stream().map(HourlyGrid::normal).toList();
    }

    /**
     * The series carbonpaper.yaml names ({@code configured}, paths relative to {@code logs} that the settings
     * reader found to be readable files), else the one found by {@link #find(Path) name}. Several files are
     * joined into one series when they agree on zone, signal and basis; an hour in two files takes the later
     * file's figure and is a warning; a file that disagrees is an error naming it and is left out.
     */
    static HourlyGrid find(Path logs, List<String> configured) {
        if (configured.isEmpty()) return find(logs);
        List<Problem> problems = new ArrayList<>();
        Optional<GridSeries> joined = Optional.empty();
        // Which file each hour's figure came from, and each file's own gaps, to tell gaps inside a file from gaps between files.
        TreeMap<Instant, String> origin = new TreeMap<>();
        List<GridSeries.SeriesGap> inside = new ArrayList<>();
        for (String name : configured) {
            GridSeriesReader.Result r = GridSeriesReader.read(logs.resolve(name), name);
            problems.addAll(r.problems());
            if (r.series().isEmpty()) continue;
            GridSeries s = r.series().get();
            if (joined.isEmpty()) {
                joined = Optional.of(s);
                for (Instant h : s.hourly().keySet()) origin.put(h, name);
                inside.addAll(s.gaps());
                continue;
            }
            GridSeries j = joined.get();
            if (!j.zone().equals(s.zone()) || !j.signal().equals(s.signal()) || !j.basis().equals(s.basis())) {
                problems.add(Problem.error(name, 0, "left out of the hourly series: its zone, signal or basis ("
                        + s.zone().orElse("no zone") + ", " + s.signal() + ", " + s.basis() + ") differs from " + j.file() + "'s ("
                        + j.zone().orElse("no zone") + ", " + j.signal() + ", " + j.basis() + ")"));
                continue;
            }
            TreeMap<Instant, Double> hours = new TreeMap<>(j.hourly());
            long overlap = s.hourly().keySet().stream().filter(hours::containsKey).count();
            if (overlap > 0)
                problems.add(Problem.warning(name, 0, overlap + " hour" + (overlap == 1 ? "" : "s") + " also in " + j.file() + "; this file's figures are used"));
            hours.putAll(s.hourly());
            // An hour in both files is this file's, estimated or not.
            TreeMap<Instant, String> estimated = new TreeMap<>(j.estimated());
            estimated.keySet().removeAll(s.hourly().keySet());
            estimated.putAll(s.estimated());
            for (Instant h : s.hourly().keySet()) origin.put(h, name);
            inside.addAll(s.gaps());
            joined = Optional.of(new GridSeries(j.file() + " + " + name, j.format().equals(s.format()) ? j.format() : j.format() + " + " + s.format(),
                    j.zone(), j.signal(), j.basis(), hours, j.gaps(), estimated));
        }
        if (joined.isPresent() && !origin.isEmpty() && origin.values().stream().distinct().count() > 1) {
            GridSeries j = joined.get();
            List<GridSeries.SeriesGap> gaps = gaps(origin, inside);
            for (GridSeries.SeriesGap g : gaps) {
                if (g.between().isEmpty()) continue;
                problems.add(Problem.warning(g.between().get(1), 0, "the joined grid series has no intensity for " + g.hours() + " hour"
                        + (g.hours() == 1 ? " (" + g.from() + ")" : "s, " + g.from() + " to " + g.to()) + ", between " + g.between().get(0)
                        + " and " + g.between().get(1) + "; energy drawn in those hours counts at the annual average"));
            }
            joined = Optional.of(new GridSeries(j.file(), j.format(), j.zone(), j.signal(), j.basis(), j.hourly(), gaps, j.estimated()));
        }
        return new HourlyGrid(joined, Optional.of(String.join(" + ", configured)), problems, configured);
    }

    /**
     * The missing hours of a joined series, in time order: a run of missing hours between two hours of the same
     * file keeps that file's gap (and its line); one whose neighbours come from different files is a gap between
     * them, naming both.
     */
    static List<GridSeries.SeriesGap> gaps(NavigableMap<Instant, String> origin, List<GridSeries.SeriesGap> inside) {
        List<GridSeries.SeriesGap> out = new ArrayList<>();
        Map.Entry<Instant, String> last = null;
        for (Map.Entry<Instant, String> e : origin.entrySet()) {
            if (last != null && e.getKey().getEpochSecond() - last.getKey().getEpochSecond() > 3600) {
                Instant from = last.getKey().plusSeconds(3600);
                long missing = (e.getKey().getEpochSecond() - last.getKey().getEpochSecond()) / 3600 - 1;
                if (last.getValue().equals(e.getValue())) {
                    long line = inside.stream().filter(g -> g.from().equals(from) && g.hours() == missing).mapToLong(GridSeries.SeriesGap::line)
                            .findFirst().orElse(0);
                    out.add(new GridSeries.SeriesGap(from, missing, line));
                } else {
                    out.add(new GridSeries.SeriesGap(from, missing, 0, List.of(last.getValue(), e.getValue())));
                }
            }
            last = e;
        }
        return out;
    }

    private static String normal(String path) {
        try {
            return Path.of(path).normalize().toString().replace('\\', '/');
        } catch (RuntimeException e) {
            return path;
        }
    }

    /** Looks for the series at the top of {@code logs}; several candidates are an error naming the one used. */
    static HourlyGrid find(Path logs) {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(logs)) {
            candidates = s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            return new HourlyGrid(Optional.empty(), Optional.empty(), List.of());
        }
        if (candidates.isEmpty()) return new HourlyGrid(Optional.empty(), Optional.empty(), List.of());
        String name = candidates.get(0).getFileName().toString();
        GridSeriesReader.Result r = GridSeriesReader.read(candidates.get(0), name);
        List<Problem> problems = new ArrayList<>(r.problems());
        for (Path other : candidates.subList(1, candidates.size())) {
            problems.add(Problem.error(other.getFileName().toString(), 0, "a second grid series; only " + name + " is used"));
        }
        return new HourlyGrid(r.series(), Optional.of(name), problems);
    }

    /**
     * The project's problems with the series' own, without the ingest's "no reader recognises" note for the
     * series files (they are read here, not as logs), with a warning for each experiment whose grid clearly is
     * not the series' zone ({@link SeriesZone}), and a note for those that could not be checked.
     */
    List<Problem> problems(List<Problem> ingest, List<Experiment> experiments, List<EstimateResult> results, ProjectConfig config,
                           GridCatalog grids) {
        if (file.isEmpty()) return ingest;
        List<Problem> out = new ArrayList<>();
        for (Problem p : ingest) {
            boolean seriesNote = p.severity() == Problem.Severity.NOTE && (NAME.matcher(p.file()).matches() || read.contains(normal(p.file())));
            if (!seriesNote) out.add(p);
        }
        out.addAll(problems);
        if (series.isEmpty()) return out;
        HourlyCarbonTable.estimatesNote(series.get()).ifPresent(text -> out.add(Problem.note(series.get().file(), 0, text)));
        Map<String, SeriesZone.Check> zones = zones(experiments, results, config, grids);
        Map<String, List<String>> unchecked = new TreeMap<>();
        for (Experiment e : experiments) {
            SeriesZone.Check c = zones.get(e.key());
            if (c == null) continue;
            if (c.verdict() == SeriesZone.Verdict.MISMATCH) out.add(Problem.warning(series.get().file(), 0, e.name() + ": " + c.message()));
            if (c.verdict() == SeriesZone.Verdict.UNKNOWN) unchecked.computeIfAbsent(c.message(), m -> new ArrayList<>()).add(e.name());
        }
        unchecked.forEach((why, names) -> out.add(Problem.note(series.get().file(), 0, "the series' zone is not checked against the grid of "
                + String.join(", ", names) + ": " + why + "; the series is applied as it is")));
        // The series is in UTC hours; a trace whose times had no zone was read as UTC (no timezone setting): say so where it matters.
        List<String> guessed = new ArrayList<>();
        for (Experiment e : experiments)
            if (zones.containsKey(e.key()) && e.traces().stream().anyMatch(t -> t.zonelessAsUtc() && meets(series.get(), t))) guessed.add(e.name());
        if (!guessed.isEmpty()) out.add(Problem.note(series.get().file(), 0, "the power traces of " + String.join(", ", guessed)
                + " give their times without a zone, read as UTC: if the machine kept local time, name its zone (timezone: Europe/Berlin"
                + " in carbonpaper.yaml, or --set timezone=...), or the series meets the run shifted by the machine's UTC offset"));
        return out;
    }

    /** Whether the series has a figure for an hour the trace spans (at most a century of hours is looked at). */
    private static boolean meets(io.carbonpaper.model.GridSeries series, io.carbonpaper.model.TraceSummary trace) {
        java.time.Instant hour = java.time.Instant.ofEpochSecond(Math.floorDiv(trace.first().getEpochSecond(), 3600) * 3600);
        for (int i = 0; i < 876_600 && !hour.isAfter(trace.last()); i++, hour = hour.plusSeconds(3600))
            if (series.at(hour).isPresent()) return true;
        return false;
    }

    /** The zone check of each experiment with a trace and an estimate, by key. */
    private Map<String, SeriesZone.Check> zones(List<Experiment> experiments, List<EstimateResult> results, ProjectConfig config, GridCatalog grids) {
        Map<String, SeriesZone.Check> out = new TreeMap<>();
        if (series.isEmpty()) return out;
        for (int i = 0; i < experiments.size() && i < results.size(); i++) {
            Experiment e = experiments.get(i);
            if (e.traces().isEmpty() || results.get(i).estimate().isEmpty()) continue;
            out.put(e.key(), SeriesZone.check(series.get(), e, config, grids));
        }
        return out;
    }

    /** The report with the hourly table after its others; the same report when there is no table. */
    Report addTable(Report report, List<Experiment> experiments, List<EstimateResult> results, ProjectConfig config, GridCatalog grids) {
        if (series.isEmpty()) return report;
        Map<String, SeriesZone.Check> zones = zones(experiments, results, config, grids);
        Optional<Table> t = HourlyCarbonTable.build(report.tables().size() + 1, experiments, results, series.get(), config.units(),
                report.footnotes().size(), zones);
        if (t.isEmpty()) return report;
        List<Table> tables = new ArrayList<>(report.tables());
        tables.add(t.get());
        List<Footnote> footnotes = new ArrayList<>(report.footnotes());
        footnotes.addAll(t.get().footnotes());
        List<Figure> figures = new ArrayList<>(report.figures());
        figures.addAll(WeekIntensityFigures.of(experiments, results, series.get(), report.indexFigures().size() + 1, zones));
        figures.addAll(WeekIntensityFigures.pages(report, experiments, results, series.get(), zones));
        return new Report(report.title(), report.version(), report.date(), report.headline(), report.statement(), tables,
                footnotes, report.references(), report.experiments(), report.problems(), report.parameters(),
                figures, report.projects(), report.experimentPages());
    }
}
