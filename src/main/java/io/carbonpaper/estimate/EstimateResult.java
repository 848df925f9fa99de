package io.carbonpaper.estimate;

import io.carbonpaper.model.Problem;

import java.util.List;
import java.util.Optional;

/**
 * An experiment's estimate, or the problems that kept it from being estimated and why that leaves
 * it without an energy figure.
 *
 * @param missing why there is no energy figure, first reason first: empty for an estimate with
 *                energy; {@link MissingFigure#NO_PUBLISHED_POWER} for an estimate without
 */
public record EstimateResult(Optional<ExperimentEstimate> estimate, List<Problem> problems, List<MissingFigure> missing) {
    public EstimateResult {
        problems = List.copyOf(problems);
        missing = List.copyOf(missing);
        if (estimate.isEmpty() && missing.isEmpty()) throw new IllegalArgumentException("a failed estimate needs a reason");
    }

    public static EstimateResult of(ExperimentEstimate e) {
        return new EstimateResult(Optional.of(e), List.of(), e.energy().isPresent() ? List.of() : List.of(MissingFigure.NO_PUBLISHED_POWER));
    }

    /** Not estimated because carbonpaper failed on it. */
    public static EstimateResult failed(List<Problem> problems) { return failed(problems, List.of(MissingFigure.FAILED)); }

    /** Not estimated, for the reasons {@code why} (at least one). */
    public static EstimateResult failed(List<Problem> problems, List<MissingFigure> why) {
        return new EstimateResult(Optional.empty(), problems, why);
    }

    /** Whether the experiment has an energy figure. */
    public boolean hasEnergy() { return estimate.flatMap(ExperimentEstimate::energy).isPresent(); }
}
