package io.carbonpaper.estimate;

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
 * run, and everything. The final model is every experiment marked {@code final: true} or in the
 * configured final group ({@code final} by default). One tuning run is the configured
 * {@code tune_group}; without one, the group with the most accelerator-hours other than the final
 * group (ties: the group named first in alphabetical order), because the paper's "one tune" is
 * a single representative search, not the sum of every search.
 *
 * @param finals    the final model's experiments (may be empty)
 * @param tuneGroup the tuning run's group, when there is one
 * @param tune      its experiments
 * @param all       every estimate
 * @param groups    how many groups the experiments fall into
 */
public record RndBreakdown(List<ExperimentEstimate> finals, Optional<String> tuneGroup, List<ExperimentEstimate> tune,
                           List<ExperimentEstimate> all, int groups) {
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
        Optional<String> tune = config.tuneGroup();
        if (tune.isEmpty()) {
            tune = byGroup.entrySet().stream()
                    .filter(en -> !en.getKey().equals(config.finalGroup()))
                    .filter(en -> en.getValue().stream().noneMatch(x -> x.experiment().isFinal()))
                    .max(Comparator.<Map.Entry<String, List<ExperimentEstimate>>>comparingDouble(
                                    en -> en.getValue().stream().mapToDouble(x -> x.deviceHours().value()).sum())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey);
        }
        List<ExperimentEstimate> tuneRuns = tune.map(t -> byGroup.getOrDefault(t, List.of())).orElse(List.of());
        return new RndBreakdown(finals, tune, tuneRuns, estimates, byGroup.size());
    }
}
