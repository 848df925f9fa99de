package io.carbonpaper.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What an experiment tracker (W&B, MLflow, Hydra) tells about a run beyond its time span and
 * metrics: how the run is named and grouped, and the accelerators it ran on. Every field is
 * optional; a manifest in the same experiment wins over all of them.
 *
 * @param tracker     the reader that produced it ({@code wandb-run-log}, {@code mlflow-run}, ...)
 * @param name        the run's name where the tracker has one ({@code run_name}, W&B display name)
 * @param group       the sweep or experiment the run belongs to (MLflow experiment name, Hydra sweep folder)
 * @param label       what distinguishes the run inside its group (Hydra overrides {@code lr=0.1,seed=2})
 * @param accelerator the accelerator model as the tracker named it
 * @param deviceCount the number of accelerators, with {@code countEvidence} saying how it is known
 * @param host        the host name, where recorded
 */
public record RunInfo(
        String tracker,
        Optional<String> name,
        Optional<String> group,
        Optional<String> label,
        Optional<String> accelerator,
        Optional<Integer> deviceCount,
        CountEvidence countEvidence,
        Optional<String> host) implements Finding {

    /**
     * How a device count is known, weakest first. Trackers record the GPUs of the host; a job
     * may use fewer, so a count from the devices seen in use outranks the host's count.
     */
    public enum CountEvidence {
        NONE("no device count"),
        HOST("GPUs on the host (the run may have used fewer)"),
        SAMPLED("devices sampled by the tracker's system metrics (every GPU on the host)"),
        IN_USE("devices used by the run's processes (gpu.process.N system metrics)");

        private final String description;

        CountEvidence(String description) { this.description = description; }

        /** For the report: where the count came from. */
        public String description() { return description; }
    }

    public RunInfo {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(deviceCount, "deviceCount");
        Objects.requireNonNull(countEvidence, "countEvidence");
        Objects.requireNonNull(host, "host");
        if (deviceCount.isPresent() && deviceCount.get() < 1)
            throw new IllegalArgumentException("deviceCount must be >= 1: " + deviceCount.get());
        if (deviceCount.isPresent() == (countEvidence == CountEvidence.NONE))
            throw new IllegalArgumentException("countEvidence must be NONE exactly when there is no device count");
    }

    /** Only grouping: a name, group or label and nothing about hardware. */
    public static RunInfo grouping(String tracker, Optional<String> name, Optional<String> group, Optional<String> label) {
        return new RunInfo(tracker, name, group, label, Optional.empty(), Optional.empty(), CountEvidence.NONE, Optional.empty());
    }
}
