package io.carbonpaper.ingest.tracker.wandb;

import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;
import io.carbonpaper.model.CpuInfo;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract runs on the legacy (0.10-0.17) layout; the wandb-core and snake_case styles are checked below. */
class WandbMetadataReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new WandbMetadataReader(); }

    @Override protected String fileName() { return "wandb/run-20201002_075833-3fnl4517/files/wandb-metadata.json"; }

    /** Legacy writer: 4-space indent, startedAt without a zone (it is UTC), gpu + gpu_count of the host. */
    @Override protected List<String> validLines() {
        return List.of(
                "{",
                "    \"os\": \"Linux-5.4.0-48-generic-x86_64-with-glibc2.10\",",
                "    \"python\": \"3.8.3\",",
                "    \"heartbeatAt\": \"2020-10-02T06:58:34.092636\",",
                "    \"startedAt\": \"2020-10-02T06:58:33.525260\",",
                "    \"gpu\": \"TITAN RTX\",",
                "    \"gpu_count\": 4,",
                "    \"cpu_count\": 24,",
                "    \"cuda\": null,",
                "    \"host\": \"lab-3\"",
                "}");
    }

    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        TrainingLog log = (TrainingLog) findings.stream().filter(f -> f instanceof TrainingLog).findFirst().orElseThrow();
        // The folder name says 07:58:33 local time; the file's time is UTC.
        assertThat(log.start()).contains(Instant.parse("2020-10-02T06:58:33.525260Z"));
        RunInfo info = (RunInfo) findings.stream().filter(f -> f instanceof RunInfo).findFirst().orElseThrow();
        assertThat(info.accelerator()).contains("TITAN RTX");
        assertThat(info.deviceCount()).contains(4);
        assertThat(info.countEvidence()).isEqualTo(RunInfo.CountEvidence.HOST);
        assertThat(info.host()).contains("lab-3");
        // The host's cores, for a run without GPUs (W&B names no CPU model).
        assertThat(findings).filteredOn(f -> f instanceof CpuInfo).containsExactly(new CpuInfo("wandb-metadata", Optional.empty(), Optional.of(24)));
    }

    private List<Finding> readText(String json) throws IOException {
        Outcome o = read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(o.failure()).isNull();
        return o.findings();
    }

    @Test void readsWandbCoreCamelCaseWithSixtyFourBitNumbersAsStrings() throws IOException {
        List<Finding> f = readText("""
                {
                  "os": "Linux-6.8.0-x86_64-with-glibc2.39",
                  "python": "CPython 3.11.4",
                  "startedAt": "2025-08-20T03:40:11.070698Z",
                  "codePath": "train.py",
                  "gpu_count": 7,
                  "memory": {"total": "270066380800"},
                  "gpu_nvidia": [{"name": "NVIDIA RTX A6000", "memoryTotal": "51527024640", "cudaCores": 10752}],
                  "cudaVersion": "12.8",
                  "writerId": "x1"
                }
                """);
        RunInfo info = (RunInfo) f.stream().filter(x -> x instanceof RunInfo).findFirst().orElseThrow();
        assertThat(info.accelerator()).contains("NVIDIA RTX A6000");
        assertThat(info.deviceCount()).contains(7);
        assertThat(f).filteredOn(x -> x instanceof TrainingLog).singleElement()
                .extracting(x -> ((TrainingLog) x).start().orElseThrow()).isEqualTo(Instant.parse("2025-08-20T03:40:11.070698Z"));
    }

    @Test void readsTheSnakeCaseVariant() throws IOException {
        List<Finding> f = readText("{\"os\": \"Linux\", \"python\": \"CPython 3.11.14\", \"started_at\": \"2026-01-22T08:54:03.803024Z\", "
                + "\"gpu_type\": \"NVIDIA A100-PCIE-40GB\", \"gpu_count\": \"1\", \"writer_id\": \"abc\"}");
        RunInfo info = (RunInfo) f.stream().filter(x -> x instanceof RunInfo).findFirst().orElseThrow();
        assertThat(info.accelerator()).contains("NVIDIA A100-PCIE-40GB");
        assertThat(info.deviceCount()).contains(1);
    }

    private RunInfo runInfo(String json) throws IOException {
        return (RunInfo) readText(json).stream().filter(x -> x instanceof RunInfo).findFirst().orElseThrow();
    }

    /** wandb-core on a TPU VM: no gpu keys, a tpu block in protojson camelCase (chip generation, HBM, chips). */
    @Test void aTpuVmNamesItsChipGenerationAndChipCount() throws IOException {
        RunInfo info = runInfo("{\"os\": \"Linux-6.8.0-1015-gcp-x86_64-with-glibc2.35\", \"startedAt\": \"2026-03-02T10:00:00.5Z\", "
                + "\"host\": \"t1v-n-5c2a-w-0\", \"cpu_count\": 120, \"tpu\": {\"name\": \"v4\", \"hbmGib\": 32, \"devicesPerChip\": 1, \"count\": 4}, "
                + "\"writerId\": \"w\"}");
        assertThat(info.accelerator()).contains("TPU v4");
        assertThat(info.deviceCount()).contains(4);
        assertThat(info.countEvidence()).isEqualTo(RunInfo.CountEvidence.HOST);
        assertThat(runInfo("{\"startedAt\": \"2026-03-02T10:00:00Z\", \"writerId\": \"w\", \"tpu\": {\"name\": \"7x\", \"count\": 8}}").accelerator())
                .contains("TPU7x");
    }

    /** The legacy Python writer's tpu block held only a service address: nothing to name. */
    @Test void aLegacyTpuBlockWithoutANameNamesNothing() throws IOException {
        RunInfo info = runInfo("{\"startedAt\": \"2023-03-02T10:00:00\", \"heartbeatAt\": \"2023-03-02T10:00:05\", "
                + "\"tpu\": {\"service_address\": \"10.0.0.2:8470\"}}");
        assertThat(info.accelerator()).isEmpty();
        assertThat(info.deviceCount()).isEmpty();
    }

    @Test void aMacNamesItsChipAsOneDevice() throws IOException {
        RunInfo info = runInfo("{\"os\": \"macOS-15.1-arm64-arm-64bit\", \"startedAt\": \"2026-03-02T10:00:00Z\", \"writerId\": \"w\", "
                + "\"apple\": {\"name\": \"Apple M2 Max\", \"ecpuCores\": 4, \"pcpuCores\": 8, \"gpuCores\": 38, \"memoryGb\": 96, "
                + "\"ramTotalBytes\": \"103079215104\", \"macModel\": \"Mac14,6\"}}");
        assertThat(info.accelerator()).contains("Apple M2 Max");
        assertThat(info.deviceCount()).contains(1);
    }

    /** wandb-core's gpu_amd entries have a series and no name. */
    @Test void anAmdHostWithoutAGpuKeyIsNamedByItsSeries() throws IOException {
        RunInfo info = runInfo("{\"startedAt\": \"2026-03-02T10:00:00Z\", \"writerId\": \"w\", \"gpu_count\": 2, "
                + "\"gpu_amd\": [{\"id\": \"0\", \"series\": \"AMD Instinct MI210\", \"model\": \"0x0c34\"}]}");
        assertThat(info.accelerator()).contains("AMD Instinct MI210");
        assertThat(info.deviceCount()).contains(2);
    }

    /** wandb-core copies the SLURM_* environment, lower case without the prefix (as in a real 0.24.0 run's metadata). */
    @Test void theSlurmBlockNamesTheJobTheRunRanIn() throws IOException {
        List<Finding> f = readText("{\"startedAt\": \"2026-01-22T08:54:03.8Z\", \"writerId\": \"w\", \"slurm\": {\"cluster_name\": \"ucloud\", "
                + "\"job_id\": \"69\", \"jobid\": \"69\", \"job_name\": \"DeMo\", \"nnodes\": \"2\", \"job_start_time\": \"1769072031\"}}");
        assertThat(f).filteredOn(x -> x instanceof io.carbonpaper.model.SchedulerJob).singleElement()
                .isEqualTo(new io.carbonpaper.model.SchedulerJob("wandb-metadata", "69", Optional.of("ucloud")));
        List<Finding> array = readText("{\"startedAt\": \"2026-01-22T08:54:03.8Z\", \"writerId\": \"w\", "
                + "\"slurm\": {\"job_id\": \"913\", \"array_job_id\": \"900\", \"array_task_id\": \"4\"}}");
        assertThat(array).filteredOn(x -> x instanceof io.carbonpaper.model.SchedulerJob).singleElement()
                .extracting(x -> ((io.carbonpaper.model.SchedulerJob) x).jobId()).isEqualTo("900_4");
        // a block without a job id, or one that is not a job's, names no job
        assertThat(readText("{\"startedAt\": \"2026-01-22T08:54:03.8Z\", \"writerId\": \"w\", \"slurm\": {\"job_id\": \"$(id)\"}}"))
                .noneMatch(x -> x instanceof io.carbonpaper.model.SchedulerJob);
    }

    @Test void aHostWithoutGpusGivesNoCount() throws IOException {
        List<Finding> f = readText("{\"os\": \"Linux\", \"python\": \"3.11\", \"startedAt\": \"2026-01-21T14:00:30.215988Z\", \"codePath\": \"a.py\"}");
        RunInfo info = (RunInfo) f.stream().filter(x -> x instanceof RunInfo).findFirst().orElseThrow();
        assertThat(info.deviceCount()).isEmpty();
        assertThat(info.countEvidence()).isEqualTo(RunInfo.CountEvidence.NONE);
    }

    @Test void anotherJsonObjectIsNotSniffed() throws IOException {
        java.nio.file.Path p = dir.resolve("other.json");
        java.nio.file.Files.writeString(p, "{\"name\": \"x\", \"startedAt\": \"2020-01-01T00:00:00Z\"}");
        assertThat(reader().sniff(new io.carbonpaper.ingest.source.InputSource(p, "other.json"))).isFalse();
    }
}
