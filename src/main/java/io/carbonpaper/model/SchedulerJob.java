package io.carbonpaper.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The batch job a run ran in, as the run's own log recorded it: W&B's {@code slurm} block holds
 * the job's environment ({@code job_id}, or {@code array_job_id} and {@code array_task_id} for a
 * task of an array, and {@code cluster_name}). The cluster's accounting of that job (an sacct
 * history in the same logs folder) describes the same hours on the same devices: the two are one
 * experiment, not two.
 *
 * @param source  the reader that read it ({@code wandb-metadata}, {@code wandb-run-log})
 * @param jobId   the job as sacct names it: {@code 4242}, or {@code 4240_7} for an array task
 * @param cluster the cluster's name where the log gives it
 */
public record SchedulerJob(String source, String jobId, Optional<String> cluster) implements Finding {
    private static final Pattern JOB_ID = Pattern.compile("[0-9]{1,18}(_[0-9]{1,9})?");

    public SchedulerJob {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(jobId, "jobId");
        if (!JOB_ID.matcher(jobId).matches()) throw new IllegalArgumentException("not a Slurm job id: '" + jobId + "'");
        cluster = cluster.map(String::strip).filter(c -> !c.isEmpty());
    }

    /**
     * The job a run's Slurm environment names (keys as W&B writes them: {@code SLURM_} dropped,
     * lower case), or empty when it names none or an id that is not a job's.
     */
    public static Optional<SchedulerJob> fromSlurmEnvironment(String source, java.util.function.Function<String, String> env) {
        String array = strip(env.apply("array_job_id")), task = strip(env.apply("array_task_id"));
        String id = !array.isEmpty() && !task.isEmpty() ? array + "_" + task : strip(env.apply("job_id"));
        if (id.isEmpty()) id = strip(env.apply("jobid"));
        if (!JOB_ID.matcher(id).matches()) return Optional.empty();
        return Optional.of(new SchedulerJob(source, id, Optional.ofNullable(env.apply("cluster_name"))));
    }

    private static String strip(String s) { return s == null ? "" : s.strip(); }
}
