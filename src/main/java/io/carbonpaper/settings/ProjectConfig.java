package io.carbonpaper.settings;

import io.carbonpaper.model.Overrides;
import io.carbonpaper.model.TraceSettings;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.EnergyPrice;
import io.carbonpaper.unit.MassUnit;
import io.carbonpaper.unit.Pue;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Project-wide settings from {@code carbonpaper.yaml} at the root of the logs folder, with
 * {@code --set key=value} applied on top. Per-experiment manifests override the defaults here.
 *
 * @param title        the report's title
 * @param units        the unit CO2e is reported in
 * @param overrides    the project's PUE, grid and price list ({@link Overrides}): an empty PUE means the
 *                     catalog's default (the paper's 1.58), an empty region the paper's US average, an
 *                     intensity wins over the project's region, an empty price list means the newest
 *                     that prices each accelerator
 * @param electricity  electricity price, for the cost of electricity column
 * @param prometheus   a server that computes experiments' energy, when configured
 * @param groupBy      how experiments are grouped into tuning runs for the R&D table
 * @param finalGroup   the group holding the final model (experiments marked {@code final: true} count too)
 * @param tuneGroup    the group that is "one tuning run"; empty means the largest group by accelerator-hours
 * @param rndPriceAccelerator price every experiment's accelerator-hours in the R&D table at this
 *                     accelerator's cloud price (the paper priced its Titan X and M40 jobs as P100s);
 *                     empty means each experiment's own accelerator
 * @param owned        owned servers for the cloud-versus-owned table; empty leaves the table out
 * @param embodied     add the accelerators' manufacturing emissions, amortised per accelerator-hour
 * @param regions      grid keys for the regions table; empty means the default selection
 * @param experimentDefaults what {@code defaults:} and {@code folders:} say for experiments that do not say it themselves
 * @param gridSeries   hourly grid intensity files named by {@code grid_series:} (issue 21), relative to the logs
 *                     folder, each checked to be a readable file inside it (an override may name one outside);
 *                     empty means the series is looked for by name at the top of the logs folder
 * @param publishedModels add the table placing the project beside published training footprints (issue 21)
 */
public record ProjectConfig(String title, MassUnit units, Overrides overrides,
                            Optional<EnergyPrice> electricity, Optional<PrometheusSource> prometheus, GroupBy groupBy, String finalGroup,
                            Optional<String> tuneGroup, Optional<String> rndPriceAccelerator,
                            Optional<OwnedHardware> owned, boolean embodied, List<String> regions, Optional<Boolean> experimentPages,
                            TraceSettings traces, ExperimentDefaults experimentDefaults, List<String> gridSeries,
                            boolean publishedModels) {

    /** Without {@code published_models:}. */
    public ProjectConfig(String title, MassUnit units, Overrides overrides,
                         Optional<EnergyPrice> electricity, Optional<PrometheusSource> prometheus, GroupBy groupBy, String finalGroup,
                         Optional<String> tuneGroup, Optional<String> rndPriceAccelerator,
                         Optional<OwnedHardware> owned, boolean embodied, List<String> regions, Optional<Boolean> experimentPages,
                         TraceSettings traces, ExperimentDefaults experimentDefaults, List<String> gridSeries) {
        this(title, units, overrides, electricity, prometheus, groupBy, finalGroup, tuneGroup,
                rndPriceAccelerator, owned, embodied, regions, experimentPages, traces, experimentDefaults, gridSeries, false);
    }

    /** Without {@code grid_series:}. */
    public ProjectConfig(String title, MassUnit units, Overrides overrides,
                         Optional<EnergyPrice> electricity, Optional<PrometheusSource> prometheus, GroupBy groupBy, String finalGroup,
                         Optional<String> tuneGroup, Optional<String> rndPriceAccelerator,
                         Optional<OwnedHardware> owned, boolean embodied, List<String> regions, Optional<Boolean> experimentPages,
                         TraceSettings traces, ExperimentDefaults experimentDefaults) {
        this(title, units, overrides, electricity, prometheus, groupBy, finalGroup, tuneGroup,
                rndPriceAccelerator, owned, embodied, regions, experimentPages, traces, experimentDefaults, List.of());
    }

    /** Without {@code defaults:} or {@code folders:}. */
    public ProjectConfig(String title, MassUnit units, Overrides overrides,
                         Optional<EnergyPrice> electricity, Optional<PrometheusSource> prometheus, GroupBy groupBy, String finalGroup,
                         Optional<String> tuneGroup, Optional<String> rndPriceAccelerator,
                         Optional<OwnedHardware> owned, boolean embodied, List<String> regions, Optional<Boolean> experimentPages,
                         TraceSettings traces) {
        this(title, units, overrides, electricity, prometheus, groupBy, finalGroup, tuneGroup,
                rndPriceAccelerator, owned, embodied, regions, experimentPages, traces, ExperimentDefaults.NONE);
    }

    /**
     * Without an explicit {@code experiment_pages}, projects of up to this many experiments get a page
     * (and a power chart) per experiment; larger ones (cluster histories) get the tables only.
     */
    public static final int AUTO_EXPERIMENT_PAGES_MAX = 1000;

    /**
     * Projects of more experiments than this, none with a page of its own, are folded into the
     * tables as they are read (issue 20): the printed tables show one row per group and hardware,
     * and only training-cost.csv lists every experiment. Up to this many (a cluster history of a few
     * thousand jobs, such as the sample's), every experiment stays a row of every table.
     */
    public static final int FOLD_EXPERIMENTS_ABOVE = 10_000;

    /** Whether a project of {@code experiments} experiments is folded into its tables ({@link #FOLD_EXPERIMENTS_ABOVE}). */
    public boolean foldsExperiments(long experiments) {
        return experiments > FOLD_EXPERIMENTS_ABOVE && !experimentPagesFor((int) Math.min(Integer.MAX_VALUE, experiments));
    }

    /** Whether a project of {@code experiments} experiments gets a page per experiment. */
    public boolean experimentPagesFor(int experiments) {
        return experimentPages.orElse(experiments <= AUTO_EXPERIMENT_PAGES_MAX);
    }

    /** How the R&D table names an experiment's group. */
    public enum GroupBy {
        /** The group as assembled: the manifest's {@code group}, else a cluster job's name, else the parent folder. */
        AUTO,
        /** Alias of {@link #AUTO}: the manifest states the group. */
        MANIFEST,
        /** Alias of {@link #AUTO}: a cluster job's name is its group (sacct's JobName). */
        JOB_NAME,
        /** The folder of the experiment's first input file, whatever the manifest says. */
        FOLDER;

        public static GroupBy parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "auto", "group" -> AUTO;
                case "manifest" -> MANIFEST;
                case "job_name", "jobname" -> JOB_NAME;
                case "folder" -> FOLDER;
                default -> throw new IllegalArgumentException("'group_by' must be auto, manifest, job_name or folder, found '" + s + "'");
            };
        }
    }

    public ProjectConfig {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(finalGroup, "finalGroup");
        Objects.requireNonNull(experimentDefaults, "experimentDefaults");
        regions = List.copyOf(regions);
        gridSeries = List.copyOf(gridSeries);
    }

    /** The default PUE ({@link Overrides#pue}). */
    public Optional<Pue> pue() { return overrides.pue(); }

    /** The default region ({@link Overrides#region}). */
    public Optional<String> region() { return overrides.region(); }

    /** The default intensity ({@link Overrides#carbonIntensity}), winning over {@link #region}. */
    public Optional<CarbonIntensity> intensity() { return overrides.carbonIntensity(); }

    /** The default price list ({@link Overrides#cloudPrices}). */
    public Optional<String> priceCatalog() { return overrides.cloudPrices(); }

    public static final String DEFAULT_FINAL_GROUP = "final";

    public static ProjectConfig defaults() {
        return new ProjectConfig("carbonpaper report", MassUnit.KG, Overrides.NONE, Optional.empty(), Optional.empty(), GroupBy.AUTO, DEFAULT_FINAL_GROUP, Optional.empty(),
                Optional.empty(), Optional.empty(), false, List.of(), Optional.empty(), TraceSettings.DEFAULT);
    }

    /** The same settings with {@code pue} and {@code region} replaced, as {@code carbonpaper estimate} needs. */
    public ProjectConfig withGrid(Optional<Pue> newPue, Optional<String> newRegion) {
        return new ProjectConfig(title, units, overrides.withGrid(newPue, newRegion), electricity, prometheus, groupBy, finalGroup,
                tuneGroup, rndPriceAccelerator, owned, embodied, regions, experimentPages, traces, experimentDefaults, gridSeries, publishedModels);
    }

    /** The same settings with {@code defaults:} and {@code folders:} as given. */
    public ProjectConfig withExperimentDefaults(ExperimentDefaults d) {
        return new ProjectConfig(title, units, overrides, electricity, prometheus, groupBy, finalGroup,
                tuneGroup, rndPriceAccelerator, owned, embodied, regions, experimentPages, traces, d, gridSeries, publishedModels);
    }

    /** The same settings with {@code published_models:} as given. */
    public ProjectConfig withPublishedModels(boolean on) {
        return new ProjectConfig(title, units, overrides, electricity, prometheus, groupBy, finalGroup,
                tuneGroup, rndPriceAccelerator, owned, embodied, regions, experimentPages, traces, experimentDefaults, gridSeries, on);
    }

    /** The same settings with {@code grid_series:} as given (paths relative to the logs folder). */
    public ProjectConfig withGridSeries(List<String> paths) {
        return new ProjectConfig(title, units, overrides, electricity, prometheus, groupBy, finalGroup,
                tuneGroup, rndPriceAccelerator, owned, embodied, regions, experimentPages, traces, experimentDefaults, paths, publishedModels);
    }
}
