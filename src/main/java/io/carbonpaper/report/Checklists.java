package io.carbonpaper.report;

import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.reference.AcceleratorSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The compute items of two submission checklists, answered from the estimates: the ACL Responsible
 * NLP Research checklist's C1 and the NeurIPS Paper Checklist's "Experiments Compute Resources".
 * Only what the logs and the catalogs say is stated; parameter counts, host memory, storage and
 * whether the machines were an own cluster or a cloud are said to be unknown unless a log states them.
 */
final class Checklists {
    /** Hyperparameter or metric names that loggers use for a model's parameter count (Hugging Face, Lightning, wandb summaries). */
    static final Set<String> PARAMETER_KEYS = Set.of("num_parameters", "num_params", "n_parameters", "n_params", "total_params",
            "total_parameters", "parameter_count", "param_count", "model_parameters", "trainable_params");

    static final String ACL_C1 = "Did you report the number of parameters in the models used, the total computational budget "
            + "(e.g., GPU hours), and computing infrastructure used?";
    static final String ACL_VERSION = "Question as worded in the Responsible NLP Research checklist used at ACL 2023 (adopted from "
            + "NAACL 2022) and in ARR's form since; current form: https://aclrollingreview.org/responsibleNLPresearch/";
    static final String NEURIPS_8 = "For each experiment, does the paper provide sufficient information on the computer resources "
            + "(type of compute workers, memory, time of execution) needed to reproduce the experiments?";
    static final String NEURIPS_VERSION = "Item 8, Experiments Compute Resources, of the NeurIPS Paper Checklist (NeurIPS 2024 and 2025 "
            + "templates); its guidelines also ask for the compute of each run, the total, and whether the project used more "
            + "(preliminary or failed experiments): https://neurips.cc/public/guides/PaperChecklist";

    private Checklists() {}

    /**
     * @param experiments every experiment read, estimated or not
     * @param foldedHours the hours of each run folded into the estimates' folds ({@link io.carbonpaper.model.Experiment#isFold})
     */
    static List<Checklist> of(List<ExperimentEstimate> estimates, int experiments, RunHours foldedHours) {
        Fact parameters = new Fact("Parameters", parameters(estimates));
        Fact budget = new Fact("Total computational budget", budget(estimates, experiments));
        Fact workers = new Fact("Compute workers", workers(estimates));
        Fact where = new Fact("Cluster or cloud", "Unknown: the logs do not say whether the runs used an own cluster or a cloud "
                + "provider; state it yourself.");
        Fact memory = new Fact("Memory and storage", memory(estimates));
        Fact time = new Fact("Time of execution", time(estimates, foldedHours));
        Fact more = new Fact("Compute beyond the reported experiments", more(estimates, experiments));
        return List.of(
                new Checklist("acl-checklist-c1", "ACL Responsible NLP Research checklist, item C1", ACL_VERSION, ACL_C1,
                        List.of(parameters, budget, new Fact("Computing infrastructure", workers.value() + " " + where.value()))),
                new Checklist("neurips-checklist-compute", "NeurIPS Paper Checklist, item 8 (Experiments Compute Resources)",
                        NEURIPS_VERSION, NEURIPS_8, List.of(workers, where, memory, time, budget, more)));
    }

    /** The parameter counts the logs state, or unknown. */
    static String parameters(List<ExperimentEstimate> estimates) {
        Map<String, String> stated = new LinkedHashMap<>();
        for (ExperimentEstimate e : estimates) parameterCount(e).ifPresent(p -> stated.put(e.experiment().name(), p));
        if (stated.isEmpty()) return "Unknown: no log states a parameter count; state them from your model definitions.";
        List<String> named = new ArrayList<>();
        stated.entrySet().stream().limit(5).forEach(x -> named.add(x.getKey() + ": " + x.getValue()));
        String more = stated.size() > 5 ? " and " + (stated.size() - 5) + " more" : "";
        String rest = stated.size() == ExperimentEstimate.runs(estimates) ? "" : " For the other " + Numerals.grouped(ExperimentEstimate.runs(estimates) - stated.size(), 0)
                + " runs, unknown: their logs state none.";
        return "As the logs state them: " + String.join("; ", named) + more + "." + rest;
    }

    static Optional<String> parameterCount(ExperimentEstimate e) {
        for (var h : e.experiment().hyperparameters().entrySet()) {
            if (!PARAMETER_KEYS.contains(h.getKey().toLowerCase(Locale.ROOT))) continue;
            try {
                double v = Double.parseDouble(h.getValue().strip());
                if (v >= 1 && Double.isFinite(v)) return Optional.of(Numerals.grouped(v, 0) + " (" + h.getKey() + ")");
            } catch (NumberFormatException ignored) {
                // not a count
            }
        }
        for (var m : e.experiment().metrics().entrySet()) {
            if (PARAMETER_KEYS.contains(m.getKey().toLowerCase(Locale.ROOT)) && m.getValue() >= 1 && Double.isFinite(m.getValue()))
                return Optional.of(Numerals.grouped(m.getValue(), 0) + " (" + m.getKey() + ")");
        }
        return Optional.empty();
    }

    /** Accelerator-hours (GPU or TPU hours) in total and by accelerator, wall-clock hours and runs. */
    static String budget(List<ExperimentEstimate> estimates, int experiments) {
        if (estimates.isEmpty()) return "Unknown: no experiment could be estimated (" + experiments + " read).";
        long timed = estimates.stream().filter(e -> e.hours().isPresent()).mapToLong(ExperimentEstimate::runs).sum();
        long estimated = ExperimentEstimate.runs(estimates);
        if (timed == 0) return "Unknown: no run has a recorded run time (" + Numerals.grouped(estimated, 0) + " estimated).";
        double device = estimates.stream().flatMap(e -> e.deviceHours().stream()).mapToDouble(h -> h.value()).sum();
        double wall = estimates.stream().flatMap(e -> e.hours().stream()).mapToDouble(h -> h.value()).sum();
        Map<String, Double> by = new TreeMap<>();
        for (ExperimentEstimate e : estimates) e.deviceHours().ifPresent(h -> by.merge(acceleratorName(e), h.value(), Double::sum));
        List<String> parts = new ArrayList<>();
        by.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .forEach(x -> parts.add(x.getKey() + " " + Numerals.figure(x.getValue())));
        String rest = by.size() > 6 ? " and " + (by.size() - 6) + (by.size() == 7 ? " other accelerator" : " other accelerators") : "";
        String unestimated = (timed < estimated ? " " + Numerals.grouped(estimated - timed, 0)
                + (estimated - timed == 1 ? " run has" : " runs have") + " no recorded run time and " + (estimated - timed == 1 ? "is" : "are")
                + " not counted." : "") + (experiments > estimated ? " " + Numerals.grouped(experiments - estimated, 0)
                + " more experiments in the logs could not be estimated and are not counted." : "");
        return String.format(Locale.ROOT, "%s accelerator-hours (GPU or TPU hours: each run's hours times its accelerators; %s%s) "
                        + "over %s wall-clock hours in %s %s.%s", Numerals.figure(device), String.join(", ", parts), rest,
                Numerals.hours(wall), Numerals.grouped(timed, 0), timed == 1 ? "run" : "runs", unestimated);
    }

    /** The accelerators (with count per run) and the CPUs the logs name. */
    static String workers(List<ExperimentEstimate> estimates) {
        if (estimates.isEmpty()) return "Unknown: no experiment could be estimated.";
        Map<String, Long> configs = new LinkedHashMap<>();
        long unnamed = 0;
        for (ExperimentEstimate e : estimates) {
            if (e.accelerator().isEmpty()) unnamed += e.runs();
            else configs.merge(e.hardwareLabel(), (long) e.runs(), Long::sum);
        }
        List<String> parts = new ArrayList<>();
        configs.entrySet().stream().limit(8).forEach(x -> parts.add(x.getKey() + " (" + Numerals.grouped(x.getValue(), 0) + (x.getValue() == 1 ? " run)" : " runs)")));
        String accelerators = parts.isEmpty() ? "Accelerators: unknown (the logs name none)." : "Accelerators per run: " + String.join(", ", parts)
                + (configs.size() > 8 ? " and " + (configs.size() - 8) + (configs.size() == 9 ? " other configuration" : " other configurations") : "")
                + (unnamed > 0 ? "; " + Numerals.grouped(unnamed, 0) + (unnamed == 1 ? " run on an accelerator" : " runs on accelerators") + " the logs do not name" : "") + ".";
        Set<String> cpus = new LinkedHashSet<>();
        for (ExperimentEstimate e : estimates) e.experiment().cpu().ifPresent(c -> cpus.add(c.describe()));
        String cpu = cpus.isEmpty() ? " CPUs: unknown (no log names them)."
                : " CPUs as the logs name them: " + String.join("; ", cpus.stream().limit(4).toList()) + (cpus.size() > 4 ? " and others" : "") + ".";
        return accelerators + cpu;
    }

    /** Accelerator memory from the hardware catalog; host memory and storage unknown. */
    static String memory(List<ExperimentEstimate> estimates) {
        Map<String, String> mem = new TreeMap<>();
        for (ExperimentEstimate e : estimates) {
            e.accelerator().ifPresent(a -> mem.put(a.key(), a.memoryGb().map(g -> Numerals.figure(g) + " GB").orElse("unknown")));
        }
        String acc = mem.isEmpty() ? "Accelerator memory: unknown (no accelerator named)."
                : "Accelerator memory (hardware catalog, per accelerator): " + String.join(", ", mem.entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).toList()) + ".";
        return acc + " Host memory and storage: unknown (the logs do not record them).";
    }

    /**
     * Each run's hours (one run, or the shortest, median and longest) and the total. Runs folded
     * into a fold count one by one ({@code foldedHours}), as if they had rows of their own.
     */
    static String time(List<ExperimentEstimate> estimates, RunHours foldedHours) {
        if (estimates.isEmpty()) return "Unknown: no experiment could be estimated.";
        RunHours runs = new RunHours();
        boolean folds = false;
        for (ExperimentEstimate e : estimates) {
            if (e.hours().isEmpty()) continue;
            if (e.experiment().isFold()) folds = true; // its runs' own hours are in foldedHours
            else runs.add(e.hours().get().value());
        }
        if (folds) runs.addAll(foldedHours);
        if (runs.count() == 0) return "Unknown: no run has a recorded run time.";
        double total = estimates.stream().flatMap(e -> e.hours().stream()).mapToDouble(x -> x.value()).sorted().sum();
        String all = (folds ? " over " + Numerals.grouped(runs.count(), 0) + " runs" : "") + " (wall clock; every run's hours are in tables/training-cost.csv).";
        if (runs.count() == 1) return "The run took " + Numerals.hours(runs.min()) + " hours (wall clock).";
        java.util.OptionalDouble median = runs.median();
        return "Per run " + Numerals.hours(runs.min()) + " to " + Numerals.hours(runs.max()) + " hours ("
                + (median.isPresent() ? "median " + Numerals.hours(median.getAsDouble())
                : "median not given: more than " + Numerals.grouped(RunHours.DISTINCT_MAX, 0) + " different run times") + "), "
                + Numerals.hours(total) + " hours in all" + all;
    }

    /** What the logs say about compute beyond the final experiments, and what they cannot say. */
    static String more(List<ExperimentEstimate> estimates, int experiments) {
        long finals = estimates.stream().filter(e -> e.experiment().isFinal()).mapToLong(ExperimentEstimate::runs).sum();
        long all = ExperimentEstimate.runs(estimates);
        String split = finals == 0 || finals == all
                ? "The figures above count every run found in the logs, preliminary or failed runs included where they left logs (carbonpaper does not tell them apart)."
                : "Of the " + Numerals.grouped(all, 0) + " runs in the logs, " + Numerals.grouped(finals, 0)
                + (finals == 1 ? " is" : " are") + " marked final; the figures above count all of them, the other " + Numerals.grouped(all - finals, 0)
                + " (tuning, preliminary or failed) included.";
        return split + " Runs that left no logs are not counted: whether the whole project used more compute is unknown to carbonpaper.";
    }

    private static String acceleratorName(ExperimentEstimate e) {
        return e.accelerator().map(AcceleratorSpec::key).orElse("unnamed");
    }
}
