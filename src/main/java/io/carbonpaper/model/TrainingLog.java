package io.carbonpaper.model;

import io.carbonpaper.unit.Hours;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a training log tells about a run: when it ran, how long, its final metrics and its
 * hyperparameters. {@code runtimeSource} says which evidence gave the runtime
 * ({@code train_runtime}, {@code log time span}, ...), for the report.
 *
 * @param experimentKey the run this log describes when the file describes many (a Slurm
 *                      accounting file: {@code sacct:<jobid>}); {@code null} for the file's folder
 * @param runtimeLowerBound the runtime only runs to the last thing the log recorded (W&B's
 *                      {@code _runtime}, to the last log call), so the run lasted at least that
 *                      long: a longer power trace of the same run is the better figure
 */
public record TrainingLog(
        String format,
        Optional<Instant> start,
        Optional<Instant> end,
        Optional<Hours> runtime,
        String runtimeSource,
        Map<String, Double> metrics,
        Map<String, String> hyperparameters,
        String experimentKey,
        boolean runtimeLowerBound) implements Finding {

    /** A log whose runtime, when it has one, is the run's. */
    public TrainingLog(String format, Optional<Instant> start, Optional<Instant> end, Optional<Hours> runtime,
                       String runtimeSource, Map<String, Double> metrics, Map<String, String> hyperparameters, String experimentKey) {
        this(format, start, end, runtime, runtimeSource, metrics, hyperparameters, experimentKey, false);
    }

    /** A log that belongs to the experiment of its file's folder. */
    public TrainingLog(String format, Optional<Instant> start, Optional<Instant> end, Optional<Hours> runtime,
                       String runtimeSource, Map<String, Double> metrics, Map<String, String> hyperparameters) {
        this(format, start, end, runtime, runtimeSource, metrics, hyperparameters, null, false);
    }
}
