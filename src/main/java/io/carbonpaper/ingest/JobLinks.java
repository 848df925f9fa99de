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
    static Map<String, String> link(Map<String, ExperimentDraft> drafts) { return link(drafts, false); }

    /**
     * @param zoneStated whether the settings name the zone of zoneless times ({@code timezone}); when not,
     *                   a joined run's own UTC start that puts the accounting's clock hours away is said
     */
    static Map<String, String> link(Map<String, ExperimentDraft> drafts, boolean zoneStated) {
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
            if (!zoneStated) clockHint(d, record.get()).ifPresent(h -> target.problems.add(Problem.note(file, 0, h)));
            drafts.remove(d.key);
            moved.put(d.key, target.key);
        }
        return moved;
    }

    /**
     * sacct writes the cluster's local time without a zone, read as UTC unless the settings name one; the run's
     * tracker writes UTC, and a run starts a little after its job. When the accounting's Start is 45 minutes or
     * more after the run's, the cluster's clock is that many hours ahead (rounded up to a quarter hour, as
     * zones are): the job's times, and an hourly grid series, are off by it; the note names the setting.
     */
    private static Optional<String> clockHint(ExperimentDraft run, JobRecord record) {
        Optional<Instant> started = earliestStart(run);
        if (started.isEmpty() || record.start().isEmpty()) return Optional.empty();
        long seconds = Duration.between(started.get(), record.start().get()).getSeconds();
        if (Math.abs(seconds) < 45 * 60) return Optional.empty();
        long quarters = Math.floorDiv(seconds + 899, 900); // a run starts after its job: the offset is at least the gap
        long minutes = Math.abs(quarters) * 15;
        String offset = String.format(Locale.ROOT, "%s%02d:%02d", quarters < 0 ? "-" : "+", minutes / 60, minutes % 60);
        return Optional.of("the accounting's Start (" + record.start().get().toString().replace("Z", "") + ", written without a zone) is "
                + humanGap(seconds) + " the run's own start (" + started.get() + ", UTC): the cluster's clock looks like UTC" + offset
                + "; name it (timezone: " + offset + ", or the cluster's zone, in carbonpaper.yaml) so the job's times are placed right");
    }

    private static String humanGap(long seconds) {
        long m = Math.abs(seconds) / 60;
        return (m >= 60 ? m / 60 + " h " + m % 60 + " min" : m + " min") + (seconds < 0 ? " before" : " after");
    }

    private static Optional<Instant> earliestStart(ExperimentDraft run) {
        return run.all(TrainingLog.class).stream().flatMap(l -> l.start().stream()).min(Comparator.naturalOrder());
    }

    private static Optional<String> disagreement(ExperimentDraft run, SchedulerJob job, JobRecord record) {
        String cluster = record.details().get("Cluster");
        if (cluster != null && job.cluster().isPresent() && !cluster.equalsIgnoreCase(job.cluster().get()))
            return Optional.of("on cluster '" + job.cluster().get() + "', and the accounting's job is on '" + cluster + "'");
        Optional<Instant> started = earliestStart(run);
        if (started.isPresent() && record.start().isPresent() && record.end().isPresent()) {
            Instant s = started.get();
            if (s.isBefore(record.start().get().minus(SLACK)) || s.isAfter(record.end().get().plus(SLACK)))
                return Optional.of(String.format(Locale.ROOT, "it started at %s, outside that job's %s to %s", s,
                        record.start().get(), record.end().get()));
        }
        return Optional.empty();
    }
}
