package io.carbonpaper.report;

import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;

import java.time.Instant;
import java.util.List;

/**
 * The numbers behind one chart, already chosen and ordered; chart renderers draw them and compute
 * nothing (the Pareto front, the running total and the unit are decided here).
 */
public sealed interface FigureData {
    /** The chart's height in CSS pixels (all are 720 wide). */
    default int height() { return 400; }

    /**
     * Power over time of one experiment: the total of its devices ({@code total}, empty for a single
     * device) and each device on its own ({@code points}, in device order); a NaN {@code watts} is a
     * gap, drawn as a break.
     */
    record PowerOverTime(List<TraceSummary.ChartPoint> points, List<TraceSummary.ChartPoint> total) implements FigureData {
        /** How a series standing for many devices is named ({@code mean of 19,993 other devices}): drawn as is. */
        public static final String GROUP = "mean of ";

        public PowerOverTime {
            points = List.copyOf(points);
            total = List.copyOf(total);
        }

        public PowerOverTime(List<TraceSummary.ChartPoint> points) { this(points, List.of()); }

        /** The devices (or groups of devices) drawn each in a panel of their own, in order. */
        public List<String> devices() { return points.stream().map(TraceSummary.ChartPoint::device).distinct().toList(); }

        /** A panel for the total and a small one per device below it. */
        @Override public int height() {
            int n = devices().size();
            return n <= 1 ? 400 : Math.max(400, 240 + 52 * n);
        }
    }

    /** Energy (including PUE) and CO2e per experiment, in report order. */
    record PerExperiment(List<Bar> bars, MassUnit unit) implements FigureData {
        public PerExperiment { bars = List.copyOf(bars); }

        /** Above this ratio of the largest to the smallest bar, a linear axis hides the small bars: log scale. */
        public static final double LOG_SCALE_RATIO = 100;

        /**
         * Whether the bars' energies span more than two orders of magnitude (largest over smallest
         * positive above {@link #LOG_SCALE_RATIO}), so the chart draws them on a log scale and the caption
         * says so. CO2e is energy times one intensity per experiment, so it is judged by energy.
         */
        public boolean logScale() {
            double min = Double.POSITIVE_INFINITY, max = 0;
            for (Bar b : bars) {
                double k = b.energy().kilowattHours();
                if (k > 0) {
                    min = Math.min(min, k);
                    max = Math.max(max, k);
                }
            }
            return max > 0 && max / min > LOG_SCALE_RATIO;
        }

        public record Bar(String name, Energy energy, Mass co2e) {}
    }

    /**
     * A metric (accuracy, BLEU...) against energy, one point per experiment that reports it.
     *
     * @param higherIsBetter false for losses, perplexities and error rates
     */
    record MetricVsEnergy(String metric, boolean higherIsBetter, List<Point> points) implements FigureData {
        public MetricVsEnergy { points = List.copyOf(points); }

        /** @param pareto no other point has both less energy and a better metric */
        public record Point(String name, Energy energy, double metric, boolean pareto) {}
    }

    /** The running total of energy over calendar time, one step at each experiment's end. */
    record Cumulative(List<Step> steps) implements FigureData {
        public Cumulative { steps = List.copyOf(steps); }

        public record Step(Instant time, Energy total, String experiment) {}
    }

    /**
     * One week (Monday 00:00 UTC to the next Monday) of a grid series' hourly intensity, with the hours in which
     * experiments drew power marked (issue 21). An hour the series lacks is NaN, drawn as a break.
     *
     * @param runs each experiment whose power profile starts this week: its first and its end hour (exclusive)
     */
    record WeekIntensity(Instant weekStart, List<Hour> hours, List<Run> runs) implements FigureData {
        public WeekIntensity {
            hours = List.copyOf(hours);
            runs = List.copyOf(runs);
        }

        public record Hour(Instant start, double gramsPerKilowattHour) {}

        public record Run(String name, Instant from, Instant to) {}
    }

    /** The project's CO2e in each grid of the regions table, in the table's order, drawn in {@code unit}. */
    record Regions(MassUnit unit, List<Region> regions) implements FigureData {
        public Regions { regions = List.copyOf(regions); }

        public record Region(String name, Mass co2e) {}
    }
}
