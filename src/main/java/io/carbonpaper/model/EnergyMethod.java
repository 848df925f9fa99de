package io.carbonpaper.model;

/**
 * Where an experiment's energy figure came from, strongest evidence first. The {@link #csvName()}
 * is the value of the {@code energy_source} column.
 */
public enum EnergyMethod {
    /** Differences of a hardware energy counter (NVML / DCGM total energy). */
    COUNTER("counter"),
    /** Trapezoid integral of a power trace covering the run. */
    TRACE("trace"),
    /** A trace's average power projected to the declared hours (Strubell et al.'s method). */
    PROJECTED("projected"),
    /** Energy computed by another tool (CodeCarbon, carbontracker, ...), re-priced with our factors. */
    TOOL("tool"),
    /** Energy from a Prometheus server's energy counter, computed by the server. */
    PROMETHEUS_COUNTER("prometheus-counter"),
    /** Energy from a Prometheus server's power gauge, integrated by the server. */
    PROMETHEUS_POWER("prometheus-power"),
    /** The job's average power as declared in the manifest, times its hours. */
    DECLARED("declared"),
    /** Catalog TDP of the accelerators times their count times the hours: an upper-bound assumption. */
    TDP("tdp"),
    /** No power could be established (for example a TPU without published power). */
    NONE("");

    private final String csvName;

    EnergyMethod(String csvName) { this.csvName = csvName; }

    public String csvName() { return csvName; }
}
