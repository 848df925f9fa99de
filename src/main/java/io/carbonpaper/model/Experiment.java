package io.carbonpaper.model;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One experiment as assembled from everything read about it, before any estimation.
 *
 * @param key        unique and stable: the folder relative to the logs root, or a run/job id
 * @param hardware   the accelerators, when known from a manifest, trace or log
 * @param hours      wall-clock training hours, with {@code hoursSource} saying which evidence gave them
 * @param declaredTdp one accelerator's TDP as declared ({@code hardware.tdp_watts}), for devices the catalog lacks
 * @param overrides  the PUE, grid and price list its manifest (or {@code carbonpaper.yaml}'s {@code defaults:}) declared
 * @param traces     power traces (several for multi-node runs; they add up)
 * @param toolReports energy figures computed by other tools
 * @param inputs     the files that contributed, for the experiment's page
 * @param problems   what was wrong with those files
 * @param cpu        the CPU a log names (model, core count), for runs without an accelerator
 * @param folded     0 for an experiment as read; for a row that stands for experiments folded
 *                   together (a big project's jobs of one group and hardware, issue 20), how many
 * @param jobDetails what a scheduler's accounting recorded about the run (Slurm's State, Partition,
 *                   NodeList, ...): facts for its page, never taken for hyper-parameters
 */
public record Experiment(
        String key,
        String name,
        String group,
        Optional<String> label,
        boolean isFinal,
        Optional<Hardware> hardware,
        Optional<Hours> hours,
        String hoursSource,
        Optional<Power> declaredPower,
        Optional<Power> declaredTdp,
        Overrides overrides,
        Optional<Instant> start,
        Optional<Instant> end,
        List<TraceSummary> traces,
        List<ToolEnergyReport> toolReports,
        Map<String, Double> metrics,
        Map<String, String> hyperparameters,
        List<InputFile> inputs,
        List<Problem> problems,
        Optional<CpuInfo> cpu,
        int folded,
        Map<String, String> jobDetails) {

    public Experiment {
        traces = List.copyOf(traces);
        toolReports = List.copyOf(toolReports);
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        inputs = List.copyOf(inputs);
        problems = List.copyOf(problems);
        java.util.Objects.requireNonNull(cpu, "cpu");
        java.util.Objects.requireNonNull(overrides, "overrides");
        if (folded < 0) throw new IllegalArgumentException("folded < 0: " + folded);
        jobDetails = Collections.unmodifiableMap(new TreeMap<>(jobDetails));
    }

    /** An experiment as read (not a fold of several). */
    public Experiment(String key, String name, String group, Optional<String> label, boolean isFinal, Optional<Hardware> hardware,
                      Optional<Hours> hours, String hoursSource, Optional<Power> declaredPower, Optional<Power> declaredTdp, Overrides overrides,
                      Optional<Instant> start, Optional<Instant> end, List<TraceSummary> traces, List<ToolEnergyReport> toolReports,
                      Map<String, Double> metrics, Map<String, String> hyperparameters, List<InputFile> inputs, List<Problem> problems,
                      Optional<CpuInfo> cpu) {
        this(key, name, group, label, isFinal, hardware, hours, hoursSource, declaredPower, declaredTdp, overrides, start, end, traces, toolReports,
                metrics, hyperparameters, inputs, problems, cpu, 0, Map.of());
    }

    /** How many experiments this one counts for: 1, or the number folded into it. */
    public int runs() { return folded == 0 ? 1 : folded; }

    /** Whether this stands for several experiments folded together ({@link #folded}). */
    public boolean isFold() { return folded > 0; }

    /** How many experiments {@code experiments} count for, folds counted by what they hold. */
    public static long runs(java.util.Collection<Experiment> experiments) {
        long n = 0;
        for (Experiment x : experiments) n += x.runs();
        return n;
    }

    /** The declared PUE ({@link Overrides#pue}). */
    public Optional<Pue> pue() { return overrides.pue(); }

    /** The declared grid intensity ({@link Overrides#carbonIntensity}). */
    public Optional<CarbonIntensity> carbonIntensity() { return overrides.carbonIntensity(); }

    /** The declared region ({@link Overrides#region}). */
    public Optional<String> region() { return overrides.region(); }

    /** The declared price list ({@link Overrides#cloudPrices}). */
    public Optional<String> cloudPrices() { return overrides.cloudPrices(); }

    /** An experiment whose logs name no CPU. */
    public Experiment(String key, String name, String group, Optional<String> label, boolean isFinal, Optional<Hardware> hardware,
                      Optional<Hours> hours, String hoursSource, Optional<Power> declaredPower, Optional<Power> declaredTdp, Overrides overrides, Optional<Instant> start,
                      Optional<Instant> end, List<TraceSummary> traces, List<ToolEnergyReport> toolReports, Map<String, Double> metrics,
                      Map<String, String> hyperparameters, List<InputFile> inputs, List<Problem> problems) {
        this(key, name, group, label, isFinal, hardware, hours, hoursSource, declaredPower, declaredTdp, overrides, start, end, traces, toolReports, metrics, hyperparameters, inputs, problems, Optional.empty());
    }
}
