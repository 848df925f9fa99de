package io.carbonpaper.ingest;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.JobRecord;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.SchedulerJob;
import io.carbonpaper.model.TrainingLog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins a run that names the batch job it ran in ({@link SchedulerJob}) to that job's record in
 * the cluster's accounting (an sacct history in the same logs folder): they describe the same
 * hours on the same devices, so they are one experiment, not two. The job's draft takes the run's
 * findings, files and problems (its name, hours and hardware come first, as the accounting's;
 * the run adds its metrics and any measured power), and the run's own draft goes.
 *
 * <p>A run is left apart, with a note, when the two disagree: the run names another cluster than
 * the accounting's {@code Cluster} column, or it started outside the job's time (job ids repeat
 * across clusters and after a database reset).
 */
final class JobLinks {
    /**
     * How far a run's start may lie outside its job's Start..End: sacct writes the cluster's local
     * time without a zone, read as UTC, so any UTC offset (up to 14 hours), plus ten minutes for
     * clocks and the time to start Python. A job id reused months later is still told apart.
     */
    static final Duration SLACK = Duration.ofHours(14).plusMinutes(10);

    private JobLinks() {}

    /** The sacct keys the runs read so far name: those jobs are kept whole rather than folded, so the runs can join them. */
    static Set<String> named(List<? extends Finding> findings) {
        Set<String> keys = new TreeSet<>();
        for (Finding f : findings) if (f instanceof SchedulerJob j) keys.add(JobRecord.keyOf(j.jobId()));
        return keys;
    }

    /**
     * Moves each run that names a job of the accounting into that job's draft.
     *
     * @return the experiment each moved run's key now belongs to (run key to job key)
     */
    static Map<String, String> link(Map<String, ExperimentDraft> drafts) {
        Map<String, String> moved = new LinkedHashMap<>();
        for (ExperimentDraft d : new ArrayList<>(drafts.values())) {
            Optional<SchedulerJob> named = d.all(SchedulerJob.class).stream().findFirst();
            if (named.isEmpty() || !d.all(JobRecord.class).isEmpty()) continue;
            SchedulerJob job = named.get();
            ExperimentDraft target = drafts.get(JobRecord.keyOf(job.jobId()));
            if (target == null) continue;
            Optional<JobRecord> record = target.all(JobRecord.class).stream().findFirst();
            if (record.isEmpty()) continue;
            String file = d.fileOf(job);
            Optional<String> apart = disagreement(d, job, record.get());
            if (apart.isPresent()) {
                d.problems.add(Problem.note(file, 0, "the run names Slurm job " + job.jobId() + ", but " + apart.get()
                        + ": kept apart from the accounting's job " + record.get().name()));
                continue;
            }
            for (int i = 0; i < d.findings.size(); i++) target.add(d.findings.get(i), d.findingFiles.get(i));
            target.inputs.addAll(d.inputs);
            target.problems.addAll(d.problems);
            target.problems.add(Problem.note(file, 0, "the run " + d.key + " ran in Slurm job " + job.jobId() + " (its " + job.source()
                    + " says so): one experiment with the accounting's " + record.get().name() + ", whose Elapsed is its hours,"
                    + " not a second one"));
            drafts.remove(d.key);
            moved.put(d.key, target.key);
        }
        return moved;
    }

    private static Optional<String> disagreement(ExperimentDraft run, SchedulerJob job, JobRecord record) {
        String cluster = record.details().get("Cluster");
        if (cluster != null && job.cluster().isPresent() && !cluster.equalsIgnoreCase(job.cluster().get()))
            return Optional.of("on cluster '" + job.cluster().get() + "', and the accounting's job is on '" + cluster + "'");
        Optional<Instant> started = run.all(TrainingLog.class).stream().flatMap(l -> l.start().stream()).min(Comparator.naturalOrder());
        if (started.isPresent() && record.start().isPresent() && record.end().isPresent()) {
            Instant s = started.get();
            if (s.isBefore(record.start().get().minus(SLACK)) || s.isAfter(record.end().get().plus(SLACK)))
                return Optional.of(String.format(Locale.ROOT, "it started at %s, outside that job's %s to %s", s,
                        record.start().get(), record.end().get()));
        }
        return Optional.empty();
    }
}
