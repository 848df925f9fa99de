package io.carbonpaper.ingest.tracker.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.tracker.TrackerFolders;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.CpuInfo;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.SchedulerJob;
import io.carbonpaper.model.TrainingLog;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a W&B run's {@code files/wandb-metadata.json} in its three key styles: the legacy Python
 * writer ({@code startedAt} without zone, {@code gpu}, {@code gpu_devices}), wandb-core's protojson
 * ({@code startedAt} with Z, {@code gpu_nvidia[].name}, 64-bit numbers as strings) and the
 * snake_case variant ({@code started_at}, {@code gpu_type}). Gives the run's UTC start and the
 * host's accelerator model and GPU count; that count is the host's, so the report prefers the
 * devices seen in the run's system metrics where the run log has them. A host without a GPU
 * names its accelerator in wandb-core's {@code tpu} block (chip generation and chip count, e.g.
 * {@code {"name": "v4", "count": 4}}) or {@code apple} block (the chip, e.g. "Apple M2 Max").
 * The {@code trainium} block is not read: wandb-core writes "Trainium" for every generation.
 * The {@code slurm} block (wandb-core's copy of the job's {@code SLURM_*} environment) names the
 * batch job the run ran in ({@link SchedulerJob}).
 */
public final class WandbMetadataReader implements LogReader {
    public static final String FORMAT = "wandb-metadata";

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        if (!WandbFiles.looksLikeJsonObject(source)) return false;
        String h = source.headText();
        boolean started = h.contains("\"startedAt\"") || h.contains("\"started_at\"");
        boolean wandbKeys = h.contains("\"codePath\"") || h.contains("\"heartbeatAt\"") || h.contains("\"writerId\"")
                || h.contains("\"writer_id\"") || h.contains("\"gpu_count\"") || h.contains("\"cpu_count\"");
        return started && (wandbKeys || source.fileName().equals("wandb-metadata.json"));
    }

    @Override public String experimentFolder(InputSource source) { return WandbFiles.experimentFolder(source); }

    @Override public List<String> claimedFolders(InputSource source) { return List.of(TrackerFolders.wandbRunFolder(source.name())); }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        JsonNode m = WandbFiles.readJson(source);
        JsonNode startedNode = WandbFiles.field(m, "startedAt", "started_at");
        if (startedNode == null) throw new InputException(0, "no 'startedAt' (or 'started_at'): not a W&B metadata file");
        Optional<Instant> start = WandbFiles.utc(startedNode.asText());
        if (start.isEmpty()) sink.problem(Problem.warning(source.name(), 0, "'startedAt' is not an ISO-8601 time: '" + startedNode.asText() + "'"));

        Optional<String> accelerator = text(WandbFiles.field(m, "gpu", "gpu_type"));
        if (accelerator.isEmpty()) {
            for (String list : new String[] {"gpu_nvidia", "gpu_devices", "gpu_amd"}) {
                JsonNode devices = m.get(list);
                if (devices != null && devices.isArray() && !devices.isEmpty()) {
                    // gpu_amd entries carry no name: their 'series' is what wandb-core writes as the host's gpu
                    accelerator = text(devices.get(0).get("name")).or(() -> text(devices.get(0).get("series")));
                    if (accelerator.isPresent()) break;
                }
            }
        }
        Optional<Integer> gpus = WandbFiles.number(m.get("gpu_count")).filter(d -> d >= 1 && d < 1e6).map(Double::intValue);
        if (accelerator.isEmpty()) {
            // wandb-core's TPU and Apple silicon blocks: a TPU VM or a Mac names no gpu
            JsonNode tpu = m.get("tpu");
            Optional<String> chip = tpu == null ? Optional.empty() : text(tpu.get("name")).flatMap(WandbFiles::tpuName);
            if (chip.isPresent()) {
                accelerator = chip;
                if (gpus.isEmpty()) gpus = WandbFiles.number(tpu.get("count")).filter(d -> d >= 1 && d < 1e6).map(Double::intValue);
            } else if (m.get("apple") != null) {
                accelerator = text(m.get("apple").get("name"));
                if (accelerator.isPresent() && gpus.isEmpty()) gpus = Optional.of(1);
            }
        }
        Optional<String> host = text(m.get("host"));
        sink.accept(new RunInfo(FORMAT, Optional.empty(), Optional.empty(), Optional.empty(), accelerator, gpus,
                gpus.isPresent() ? RunInfo.CountEvidence.HOST : RunInfo.CountEvidence.NONE, host));
        if (start.isPresent())
            sink.accept(new TrainingLog(FORMAT, start, Optional.empty(), Optional.empty(), "", Map.of(), Map.of()));
        // The host's physical cores (W&B names no CPU model): the CPU of a run without GPUs, if its model is named elsewhere.
        Optional<Integer> cores = WandbFiles.number(WandbFiles.field(m, "cpu_count")).filter(d -> d >= 1 && d < 1e6).map(Double::intValue);
        if (cores.isPresent()) sink.accept(new CpuInfo(FORMAT, Optional.empty(), cores));
        // The Slurm job it ran in (wandb-core copies SLURM_* into 'slurm'): the same job in an sacct history is this run.
        JsonNode slurm = m.get("slurm");
        if (slurm != null && slurm.isObject())
            SchedulerJob.fromSlurmEnvironment(FORMAT, k -> slurm.has(k) && slurm.get(k).isValueNode() ? slurm.get(k).asText() : null)
                    .ifPresent(sink::accept);
    }

    private static Optional<String> text(JsonNode n) {
        return n == null || !n.isValueNode() || n.asText().isBlank() ? Optional.empty() : Optional.of(n.asText());
    }
}
