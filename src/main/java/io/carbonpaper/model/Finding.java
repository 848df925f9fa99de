package io.carbonpaper.model;

/**
 * One fact a reader took from one input file: a manifest, a trace's integrated energy, a
 * training log's time span and metrics, another tool's energy figure, a cluster job. Findings
 * are small and already reduced: a reader never hands raw samples to the rest of the program.
 */
public interface Finding {
    /**
     * The experiment this finding belongs to. {@code null}, the default, means the experiment
     * of the folder that holds the file; readers of files that describe many runs (an sacct
     * history, an MLflow store) name each run's key themselves.
     */
    default String experimentKey() { return null; }
}
