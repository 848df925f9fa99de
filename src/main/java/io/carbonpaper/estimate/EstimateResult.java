package io.carbonpaper.estimate;

import io.carbonpaper.model.Problem;

import java.util.List;
import java.util.Optional;

/** An experiment's estimate, or the problems that kept it from being estimated. */
public record EstimateResult(Optional<ExperimentEstimate> estimate, List<Problem> problems) {
    public static EstimateResult of(ExperimentEstimate e) { return new EstimateResult(Optional.of(e), List.of()); }

    public static EstimateResult failed(List<Problem> problems) { return new EstimateResult(Optional.empty(), List.copyOf(problems)); }
}
