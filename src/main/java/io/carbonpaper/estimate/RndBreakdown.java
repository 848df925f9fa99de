package io.carbonpaper.estimate;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.settings.ProjectConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Splits a project's experiments as Strubell et al.'s Table 4 does: the final model, one tuning
 * run, and everything. Each part is either marked by the user, inferred, or unknown:
 * <ul>
 *   <li>the final model is every experiment marked {@code final: true} or in the configured final
 *       group ({@code final} by default); when none is, a project of a single experiment has that one
 *       as its final model, and any other project has none;</li>
 *   <li>one tuning run is the configured {@code tune_group}; without one, the largest (by
 *       accelerator-hours; ties: the name first in alphabetical order) group that is a sweep: two or
 *       more runs on the same hardware that each record the same hyper-parameters with different
 *       values, and hold no final model. The paper's "one tune" is a single representative search,
 *       not the sum of every search, and a group of unrelated runs is no search at all.</li>
 * </ul>
 *
 * @param finals    the final model's experiments (may be empty)
 * @param finalBasis how the final model is known
 * @param tuneGroup the tuning run's group, when there is one
 * @param tune      its experiments
 * @param tuneBasis how the tuning run is known
 * @param all       every estimate
 * @param groups    how many groups the experiments fall into
 */
public record RndBreakdown(List<ExperimentEstimate> finals, Basis finalBasis, Optional<String> tuneGroup, List<ExperimentEstimate> tune,
                           Basis tuneBasis, List<ExperimentEstimate> all, int groups) {
    /** How a part of the split is known. */
    public enum Basis {
        /** marked or configured by the user */
        MARKED,
        /** inferred: the lone experiment as the final model, a sweep as the tuning run */
        INFERRED,
        /** not known: the table leaves the row out and says how to mark it */
        NONE
    }

    public RndBreakdown {
        finals = List.copyOf(finals);
        tune = List.copyOf(tune);
        all = List.copyOf(all);
    }

    public static RndBreakdown of(List<ExperimentEstimate> estimates, ProjectConfig config, Function<ExperimentEstimate, String> groupOf) {
        List<ExperimentEstimate> finals = new ArrayList<>();
        Map<String, List<ExperimentEstimate>> byGroup = new LinkedHashMap<>();
        for (ExperimentEstimate e : estimates) {
            String g = groupOf.apply(e);
            byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(e);
            if (e.experiment().isFinal() || g.equals(config.finalGroup())) finals.add(e);
        }
        Basis finalBasis = Basis.MARKED;
        if (finals.isEmpty()) {
            boolean lone = estimates.size() == 1 && estimates.get(0).runs() == 1;
            finalBasis = lone ? Basis.INFERRED : Basis.NONE;
            if (lone) finals.add(estimates.get(0));
        }
        Optional<String> tune = config.tuneGroup();
        Basis tuneBasis = Basis.MARKED;
        if (tune.isEmpty()) {
            tune = byGroup.entrySet().stream()
                    .filter(en -> !en.getKey().equals(config.finalGroup()))
                    .filter(en -> en.getValue().stream().noneMatch(x -> x.experiment().isFinal() || finals.contains(x)))
                    .filter(en -> isSweep(en.getValue()))
                    .max(Comparator.<Map.Entry<String, List<ExperimentEstimate>>>comparingDouble(
                                    en -> en.getValue().stream().flatMap(x -> x.deviceHours().stream()).mapToDouble(h -> h.value()).sum())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey);
            tuneBasis = tune.isPresent() ? Basis.INFERRED : Basis.NONE;
        }
        List<ExperimentEstimate> tuneRuns = tune.map(t -> byGroup.getOrDefault(t, List.of())).orElse(List.of());
        return new RndBreakdown(finals, finalBasis, tune, tuneRuns, tuneBasis, estimates, byGroup.size());
    }

    /**
     * Whether {@code runs} differ only in hyper-parameters: two or more, all on the same accelerators
     * (model and count), each recording the same hyper-parameter names, no two with the same values.
     */
    static boolean isSweep(List<ExperimentEstimate> runs) {
        if (runs.size() < 2) return false;
        Experiment first = runs.get(0).experiment();
        if (first.hyperparameters().isEmpty()) return false;
        java.util.Set<Map<String, String>> seen = new java.util.HashSet<>();
        for (ExperimentEstimate r : runs) {
            Experiment x = r.experiment();
            if (!x.hyperparameters().keySet().equals(first.hyperparameters().keySet())) return false;
            if (!x.hardware().map(h -> h.accelerator() + "x" + h.count()).equals(first.hardware().map(h -> h.accelerator() + "x" + h.count())))
                return false;
            if (!seen.add(x.hyperparameters())) return false;
        }
        return true;
    }
}
