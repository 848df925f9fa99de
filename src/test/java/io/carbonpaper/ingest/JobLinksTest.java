package io.carbonpaper.ingest;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.settings.ProjectConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A W&B run that names the Slurm job it ran in is that job of an sacct history in the same folder:
 * one experiment, not two (before, the job's hours and devices were counted twice).
 */
class JobLinksTest {
    @TempDir Path logs;

    private static final String SACCT = "JobID|JobName|AllocTRES|Elapsed|Start|End|State%s\n"
            + "4242|train-vit|gres/gpu:a100=2,gres/gpu=2|02:00:00|2026-03-02T10:00:00|2026-03-02T12:00:00|COMPLETED%s\n"
            + "4242.batch|batch|gres/gpu:a100=2,gres/gpu=2|02:00:00|2026-03-02T10:00:00|2026-03-02T12:00:00|COMPLETED%s\n"
            + "4243|eval-vit|gres/gpu:a100=1,gres/gpu=1|01:00:00|2026-03-02T12:10:00|2026-03-02T13:10:00|COMPLETED%s\n";

    private void sacct(String cluster) throws IOException {
        String c = cluster == null ? "" : "|" + cluster;
        Files.writeString(logs.resolve("sacct.txt"), String.format(SACCT, cluster == null ? "" : "|Cluster", c, c, c));
    }

    /** wandb-core's metadata of a run in Slurm job {@code slurm} (its SLURM_* environment, lower case without the prefix). */
    private void wandbRun(String folder, String startedAt, String slurm) throws IOException {
        wandbRun(folder, startedAt, slurm, "NVIDIA A100-SXM4-40GB");
    }

    private void wandbRun(String folder, String startedAt, String slurm, String gpu) throws IOException {
        Path files = logs.resolve("wandb/" + folder + "/files");
        Files.createDirectories(files);
        Files.writeString(files.resolve("wandb-metadata.json"), "{\"os\": \"Linux-5.14\", \"startedAt\": \"" + startedAt + "\", "
                + "\"host\": \"gpu-node-7\", \"gpu\": \"" + gpu + "\", \"gpu_count\": 8, \"slurm\": {" + slurm + "}, \"writerId\": \"w\"}");
        Files.writeString(files.resolve("wandb-summary.json"), "{\"_wandb\": {\"runtime\": 7150}, \"val/acc\": 0.91}");
    }

    private record Run(IngestResult result, List<Experiment> folded) {}

    private Run ingest(boolean fold) throws IOException {
        ProjectConfig config = ProjectConfigReader.readProject(logs, Map.of());
        List<Experiment> folded = new ArrayList<>();
        return new Run(new Ingestor(ReaderRegistry.builtIn(), 2).ingest(logs, List.of(), config, fold ? folded::add : null), folded);
    }

    private static Experiment experiment(IngestResult r, String key) {
        return r.experiments().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test void aRunInAJobOfTheHistoryIsThatJobNotASecondExperiment() throws IOException {
        sacct(null);
        wandbRun("run-20260302_110005-abcd1234", "2026-03-02T10:00:05.000000Z",
                "\"job_id\": \"4242\", \"cluster_name\": \"lisa\", \"job_name\": \"train-vit\", \"nnodes\": \"1\"");
        IngestResult r = ingest(false).result();
        assertThat(r.experiments()).extracting(Experiment::key).containsExactly("sacct:4242", "sacct:4243");
        Experiment job = experiment(r, "sacct:4242");
        assertThat(job.name()).isEqualTo("train-vit #4242");
        assertThat(job.hours().orElseThrow().value()).isEqualTo(2.0); // the accounting's Elapsed, not the run's 7,150 s
        assertThat(job.hardware().orElseThrow().count()).isEqualTo(2);
        assertThat(job.metrics()).containsEntry("val/acc", 0.91);
        assertThat(job.inputs()).extracting(i -> i.path()).contains("sacct.txt",
                "wandb/run-20260302_110005-abcd1234/files/wandb-metadata.json", "wandb/run-20260302_110005-abcd1234/files/wandb-summary.json");
        assertThat(job.problems()).anySatisfy(p -> assertThat(p.message())
                .contains("ran in Slurm job 4242").contains("one experiment with the accounting's train-vit #4242"));
        // inspect says where each of the run's files went
        assertThat(r.files()).filteredOn(f -> f.file().startsWith("wandb/")).allSatisfy(f ->
                assertThat(f.experiment()).contains("sacct:4242"));
    }

    @Test void theAccountingsGpuTypeStandsWhereTheDevicesNameTheSamePart() throws IOException {
        sacct(null);
        wandbRun("run-20260302_110005-abcd1234", "2026-03-02T10:00:05Z", "\"job_id\": \"4242\"");
        Experiment job = experiment(ingest(false).result(), "sacct:4242");
        assertThat(job.hardware().orElseThrow().accelerator()).isEqualTo("a100");
        assertThat(job.hardware().orElseThrow().originFile()).isEqualTo("sacct.txt");
        assertThat(job.problems()).noneMatch(p -> p.message().contains("the devices' own name"));
    }

    /** A site's gres type "a100" reads as the catalog's first A100 (SXM4 40 GB); NVML said which card it was. */
    @Test void theDevicesOwnNameStandsForAnotherPartThanTheAccountingsGpuType() throws IOException {
        sacct(null);
        wandbRun("run-20260302_110005-abcd1234", "2026-03-02T10:00:05Z", "\"job_id\": \"4242\"", "NVIDIA A100-SXM4-80GB");
        Experiment job = experiment(ingest(false).result(), "sacct:4242");
        String metadata = "wandb/run-20260302_110005-abcd1234/files/wandb-metadata.json";
        assertThat(job.hardware().orElseThrow().accelerator()).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(job.hardware().orElseThrow().count()).isEqualTo(2); // the job's allocation, not the host's 8
        assertThat(job.hardware().orElseThrow().originFile()).isEqualTo(metadata);
        assertThat(job.problems()).anySatisfy(p -> assertThat(p.message()).isEqualTo("the accounting names the job's GPUs 'a100'"
                + " (the catalog's A100-SXM4-40GB); " + metadata + " names them 'NVIDIA A100-SXM4-80GB', the devices' own name, which is used"
                + " (a cluster's GPU type is a label its administrators chose)"));
    }

    @Test void theDevicesOwnNameStandsForAGpuTypeTheCatalogDoesNotKnowButNotTheOtherWayRound() throws IOException {
        Files.writeString(logs.resolve("sacct.txt"), "JobID|JobName|AllocTRES|Elapsed|Start|End|State\n"
                + "51|a|gres/gpu:a100_80g_nvlink=4,gres/gpu=4|01:00:00|2026-03-02T10:00:00|2026-03-02T11:00:00|COMPLETED\n"
                + "52|b|gres/gpu:l40s=1,gres/gpu=1|01:00:00|2026-03-02T10:00:00|2026-03-02T11:00:00|COMPLETED\n");
        wandbRun("run-20260302_100005-aaaa0051", "2026-03-02T10:00:05Z", "\"job_id\": \"51\"", "NVIDIA A100-SXM4-80GB");
        wandbRun("run-20260302_100005-aaaa0052", "2026-03-02T10:00:05Z", "\"job_id\": \"52\"", "NVIDIA Graphics Device");
        IngestResult r = ingest(false).result();
        assertThat(experiment(r, "sacct:51").hardware().orElseThrow().accelerator()).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(experiment(r, "sacct:51").problems()).anySatisfy(p -> assertThat(p.message())
                .contains("GPUs 'a100_80g_nvlink', a name the hardware catalog does not know;"));
        // an engineering sample's generic NVML name says less than the site's type
        assertThat(experiment(r, "sacct:52").hardware().orElseThrow().accelerator()).isEqualTo("l40s");
    }

    /** The real vitra case: sacct's Start 09:53:51 on a UTC+1 cluster, the run's own start 08:54:03Z. */
    @Test void aRunsOwnUtcStartHoursFromTheAccountingsNamesTheClustersOffset() throws IOException {
        Files.writeString(logs.resolve("sacct.txt"), "JobID|JobName|AllocTRES|Elapsed|Start|End|State\n"
                + "69|seg|gres/gpu:a100=2,gres/gpu=2|00:45:00|2026-01-22T09:53:51|2026-01-22T10:38:51|COMPLETED\n"
                + "70|west|gres/gpu:a100=1,gres/gpu=1|01:00:00|2026-01-22T05:00:00|2026-01-22T06:00:00|COMPLETED\n");
        wandbRun("run-20260122_085403-abcd0069", "2026-01-22T08:54:03.803024Z", "\"job_id\": \"69\"");
        wandbRun("run-20260122_100030-abcd0070", "2026-01-22T10:00:30Z", "\"job_id\": \"70\""); // New York, EST
        IngestResult r = ingest(false).result();
        assertThat(experiment(r, "sacct:69").problems()).anySatisfy(p -> assertThat(p.message()).isEqualTo(
                "the accounting's Start (2026-01-22T09:53:51, written without a zone) is 59 min after the run's own start"
                        + " (2026-01-22T08:54:03.803024Z, UTC): the cluster's clock looks like UTC+01:00; name it (timezone: +01:00,"
                        + " or the cluster's zone, in carbonpaper.yaml) so the job's times are placed right"));
        assertThat(experiment(r, "sacct:70").problems()).anySatisfy(p -> assertThat(p.message())
                .contains("is 5 h 0 min before the run's own start").contains("looks like UTC-05:00"));

        // Named, the zone places the job; no hint
        Files.writeString(logs.resolve("carbonpaper.yaml"), "timezone: Europe/Amsterdam\n");
        Experiment named = experiment(ingest(false).result(), "sacct:69");
        assertThat(named.problems()).noneMatch(p -> p.message().contains("looks like UTC"));
        assertThat(named.problems()).anySatisfy(p -> assertThat(p.message()).contains("ran in Slurm job 69"));
    }

    @Test void anArrayTaskIsTheAccountingsArrayJobUnderscoreTask() throws IOException {
        Files.writeString(logs.resolve("sacct.txt"), "JobID|JobName|AllocTRES|Elapsed|Start|End|State\n"
                + "900_3|sweep|gres/gpu:a100=1,gres/gpu=1|00:30:00|2026-03-02T10:00:00|2026-03-02T10:30:00|COMPLETED\n"
                + "900_4|sweep|gres/gpu:a100=1,gres/gpu=1|00:30:00|2026-03-02T10:00:00|2026-03-02T10:30:00|COMPLETED\n");
        // SLURM_JOB_ID of an array task is its own id (913); sacct names it by the array's id and the task's
        wandbRun("run-20260302_100001-sweep004", "2026-03-02T10:00:01Z",
                "\"job_id\": \"913\", \"array_job_id\": \"900\", \"array_task_id\": \"4\"");
        IngestResult r = ingest(false).result();
        assertThat(r.experiments()).extracting(Experiment::key).containsExactly("sacct:900_3", "sacct:900_4");
        assertThat(experiment(r, "sacct:900_4").metrics()).containsEntry("val/acc", 0.91);
    }

    @Test void aRunOnAnotherClusterOrAtAnotherTimeIsKeptApartAndSaysWhy() throws IOException {
        sacct("snellius");
        wandbRun("run-20260302_110005-abcd1234", "2026-03-02T10:00:05Z", "\"job_id\": \"4242\", \"cluster_name\": \"lisa\"");
        // job 4243 ran on 2026-03-02; this run started a year later: the id was reused after a reset
        wandbRun("run-20270302_110005-efgh5678", "2027-03-02T12:15:00Z", "\"job_id\": \"4243\"");
        IngestResult r = ingest(false).result();
        assertThat(r.experiments()).extracting(Experiment::key).containsExactly("sacct:4242", "sacct:4243",
                "wandb/run-20260302_110005-abcd1234", "wandb/run-20270302_110005-efgh5678");
        assertThat(experiment(r, "wandb/run-20260302_110005-abcd1234").problems()).extracting(Problem::message).anySatisfy(m ->
                assertThat(m).contains("names Slurm job 4242, but on cluster 'lisa', and the accounting's job is on 'snellius'")
                        .contains("kept apart"));
        assertThat(experiment(r, "wandb/run-20270302_110005-efgh5678").problems()).extracting(Problem::message).anySatisfy(m ->
                assertThat(m).contains("names Slurm job 4243, but it started at 2027-03-02T12:15:00Z, outside that job's"));
        assertThat(experiment(r, "sacct:4243").metrics()).isEmpty();
    }

    @Test void aRunNamingAJobTheHistoryLacksStaysItsOwnExperiment() throws IOException {
        sacct(null);
        wandbRun("run-20260302_110005-abcd1234", "2026-03-02T10:00:05Z", "\"job_id\": \"77\"");
        IngestResult r = ingest(false).result();
        assertThat(r.experiments()).extracting(Experiment::key).contains("wandb/run-20260302_110005-abcd1234");
        assertThat(experiment(r, "wandb/run-20260302_110005-abcd1234").problems()).noneMatch(p -> p.message().contains("Slurm job"));
    }

    /** Issue 20's folding hands a big history's jobs over as they are read: a job a run names is kept whole so the run can join it. */
    @Test void inABigHistoryTheJobARunNamesIsKeptWholeAndJoined() throws IOException {
        int big = ProjectConfig.FOLD_EXPERIMENTS_ABOVE + 20;
        StringBuilder s = new StringBuilder("JobID|JobName|AllocTRES|Elapsed|Start|End|State\n");
        for (int i = 1; i <= big; i++)
            s.append(i).append("|job-").append(i % 5).append("|gres/gpu:a100=1,gres/gpu=1|01:00:00|2026-03-02T10:00:00|2026-03-02T11:00:00|COMPLETED\n");
        Files.writeString(logs.resolve("sacct.txt"), s.toString());
        wandbRun("run-20260302_100005-abcd1234", "2026-03-02T10:00:05Z", "\"job_id\": \"5000\"");
        Run run = ingest(true);
        assertThat(run.folded()).hasSize(big - 1).noneMatch(e -> e.key().equals("sacct:5000"));
        assertThat(run.result().experiments()).extracting(Experiment::key).containsExactly("sacct:5000");
        assertThat(run.result().experiments().get(0).metrics()).containsEntry("val/acc", 0.91);
    }
}
