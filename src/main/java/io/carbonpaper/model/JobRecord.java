package io.carbonpaper.model;

import io.carbonpaper.unit.Hours;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One cluster job as the scheduler's accounting recorded it (Slurm {@code sacct}): what the job
 * ran on and for how long. Steps ({@code .batch}, {@code .extern}, {@code .0}) are folded into
 * their job; each array task ({@code 123_4}) is a job of its own.
 *
 * @param jobId       the job id as sacct prints it ({@code 123}, {@code 123_4})
 * @param name        how the report names the experiment: {@code JobName #jobId}
 * @param group       the experiment group: the job name
 * @param accelerator the GPU model from typed gres ({@code gres/gpu:a100}), when the cluster types its GPUs
 * @param gpus        GPUs allocated to the job (0 for CPU jobs); typed and untyped gres are not double counted
 * @param state       the job state without its suffix ({@code CANCELLED}, not {@code CANCELLED by 123})
 * @param nodes       nodes allocated, 0 when unknown
 * @param details     what else the accounting recorded about the job (State as written, Partition, Account,
 *                    ExitCode, NodeList, ...): facts of the run for its page, not settings of the training
 */
public record JobRecord(
        String jobId,
        String name,
        String group,
        Optional<String> accelerator,
        int gpus,
        Optional<Hours> elapsed,
        Optional<Instant> start,
        Optional<Instant> end,
        String state,
        int nodes,
        java.util.Map<String, String> details) implements Finding {

    public JobRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(state, "state");
        if (jobId.isBlank()) throw new IllegalArgumentException("jobId is blank");
        if (gpus < 0) throw new IllegalArgumentException("gpus < 0: " + gpus);
        if (nodes < 0) throw new IllegalArgumentException("nodes < 0: " + nodes);
        details = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
    }

    /** A job with nothing recorded beyond these fields. */
    public JobRecord(String jobId, String name, String group, Optional<String> accelerator, int gpus, Optional<Hours> elapsed,
                     Optional<Instant> start, Optional<Instant> end, String state, int nodes) {
        this(jobId, name, group, accelerator, gpus, elapsed, start, end, state, nodes, java.util.Map.of());
    }

    /** The experiment key of a Slurm job: {@code sacct:<jobid>}. */
    public static String keyOf(String jobId) { return "sacct:" + jobId; }

    @Override public String experimentKey() { return keyOf(jobId); }
}
