package io.carbonpaper.ingest.tracker;

import io.carbonpaper.ingest.tracker.mlflow.MlflowStoreWriter;
import io.carbonpaper.ingest.tracker.wandb.WandbLogWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small, deterministic tracker sample into a folder, for the lead to put in sample-logs:
 * a Hydra multirun of three learning rates, each job tracked by W&B (a generated {@code .wandb}
 * with 15-s GPU power samples on 2 of the host's 4 GPUs, plus metadata, summary and config), and
 * an MLflow store of three runs with system GPU power metrics. Nothing is copied from real runs.
 *
 * <p>Run after {@code mvn -q -o test-compile}:
 * {@code java -cp target/classes:target/test-classes:<dependency classpath> io.carbonpaper.ingest.tracker.TrackerSampleGenerator <folder>}.
 * MLflow records no GPU model; add an {@code experiment.yaml} with {@code hardware:} per run if the sample should price one.
 */
public final class TrackerSampleGenerator {
    static final String SWEEP = "wandb-sweep/multirun/2026-03-02/10-15-00";
    static final double[] LEARNING_RATES = {0.1, 0.01, 0.001};
    private static final Instant START = Instant.parse("2026-03-02T09:15:05Z");

    private TrackerSampleGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TrackerSampleGenerator <folder>");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    public static void write(Path root) throws IOException {
        Random random = new Random(2019);
        Path sweep = root.resolve(SWEEP);
        text(sweep.resolve("multirun.yaml"), "hydra:\n  mode: MULTIRUN\n  sweep:\n    dir: multirun/2026-03-02/10-15-00\n    subdir: ${hydra.job.num}\n"
                + "model:\n  name: resnet18\nseed: 0\n");
        for (int job = 0; job < LEARNING_RATES.length; job++) {
            double lr = LEARNING_RATES[job];
            Path dir = sweep.resolve(Integer.toString(job));
            String lrText = String.format(Locale.ROOT, "%s", lr);
            text(dir.resolve(".hydra/config.yaml"), "model:\n  name: resnet18\noptimizer:\n  lr: " + lrText + "\n  momentum: 0.9\nseed: 0\n");
            text(dir.resolve(".hydra/overrides.yaml"), "- optimizer.lr=" + lrText + "\n");
            text(dir.resolve(".hydra/hydra.yaml"), "hydra:\n  mode: MULTIRUN\n  job:\n    name: train\n    num: " + job + "\n");

            Instant start = START.plusSeconds(job * 1200L);
            long startMicros = start.getEpochSecond() * 1_000_000L;
            int samples = 60 + 20 * job; // 15 s apart: 15 to 25 minutes of training
            String id = "swp" + job + "x7k2";
            String localStamp = "20260302_" + String.format(Locale.ROOT, "%02d%02d05", 10 + (15 + 20 * job) / 60, (15 + 20 * job) % 60);
            Path run = dir.resolve("wandb/run-" + localStamp + "-" + id);
            WandbLogWriter w = new WandbLogWriter()
                    .record(WandbLogWriter.run(1, startMicros, "lr-" + lrText, "", "gpu-node-7"))
                    .record(WandbLogWriter.environment(2, "NVIDIA A100-SXM4-40GB", 4));
            for (int i = 0; i < samples; i++) {
                Map<String, String> items = new LinkedHashMap<>();
                long t = startMicros + (10 + 15L * i) * 1_000_000L + random.nextInt(200_000);
                for (int gpu = 0; gpu < 4; gpu++) {
                    boolean used = gpu < 2;
                    double watts = used ? 230 + 60 * random.nextDouble() - (i == 0 ? 150 : 0) : 52 + random.nextDouble();
                    String v = String.format(Locale.ROOT, "%.3f", watts);
                    items.put("gpu." + gpu + ".powerWatts", v);
                    items.put("gpu." + gpu + ".enforcedPowerLimitWatts", "400");
                    if (used) items.put("gpu.process." + gpu + ".powerWatts", v);
                }
                w.record(WandbLogWriter.stats(10 + i, t, items));
            }
            double accuracy = 0.70 + 0.08 * job + 0.01 * random.nextDouble();
            int runtime = 10 + 15 * samples + 20;
            String acc = String.format(Locale.ROOT, "%.4f", accuracy);
            w.record(WandbLogWriter.summary(500, new java.util.TreeMap<>(Map.of("val/accuracy", acc, "train/loss", String.format(Locale.ROOT, "%.4f", 1 - accuracy)))))
                    .record(WandbLogWriter.exit(501, 0, runtime));
            Files.createDirectories(run);
            Files.write(run.resolve("run-" + id + ".wandb"), w.bytes());
            text(run.resolve("files/wandb-metadata.json"), "{\n  \"os\": \"Linux-6.8.0-x86_64-with-glibc2.39\",\n  \"python\": \"CPython 3.11.9\",\n"
                    + "  \"startedAt\": \"" + start + "\",\n  \"program\": \"train.py\",\n  \"host\": \"gpu-node-7\",\n  \"gpu\": \"NVIDIA A100-SXM4-40GB\",\n"
                    + "  \"gpu_count\": 4,\n  \"gpu_nvidia\": [{\"name\": \"NVIDIA A100-SXM4-40GB\", \"memoryTotal\": \"42949672960\"}],\n  \"writerId\": \"gen" + job + "\"\n}\n");
            text(run.resolve("files/wandb-summary.json"), "{\"_runtime\": " + (runtime - 15) + ", \"_step\": 9, \"_timestamp\": "
                    + (start.getEpochSecond() + runtime - 15) + ", \"_wandb\": {\"runtime\": " + runtime + "}, \"train/loss\": "
                    + String.format(Locale.ROOT, "%.4f", 1 - accuracy) + ", \"val/accuracy\": " + acc + "}\n");
            text(run.resolve("files/config.yaml"), "_wandb:\n    value:\n        cli_version: 0.19.0\noptimizer:\n    value:\n        lr: " + lrText
                    + "\n        momentum: 0.9\nmodel:\n    value:\n        name: resnet18\n");
        }

        MlflowStoreWriter store = new MlflowStoreWriter(root.resolve("mlflow-store/mlruns")).experiment("0", "Default")
                .experiment("412", "bert-finetune");
        String[] names = {"calm-owl-12", "brave-fox-7", "quiet-elk-3"};
        for (int r = 0; r < names.length; r++) {
            long start = START.plusSeconds(7200 + r * 3600L).toEpochMilli();
            int samples = 90 + 30 * r; // 10 s apart
            long end = start + samples * 10_000L + 5_000;
            Path run = store.run("412", String.format(Locale.ROOT, "%032x", 0xabc0L + r), names[r], start, end, 3);
            StringBuilder power = new StringBuilder(), loss = new StringBuilder();
            for (int i = 0; i < samples; i++) {
                long t = start + 2_000 + i * 10_000L;
                power.append(t).append(' ').append(String.format(Locale.ROOT, "%.1f", 180 + 50 * random.nextDouble())).append(' ').append(i).append('\n');
                if (i % 10 == 0) loss.append(t).append(' ').append(String.format(Locale.ROOT, "%.4f", 2.0 / (1 + i / 10.0))).append(' ').append(i / 10).append('\n');
            }
            MlflowStoreWriter.metric(run, "system/gpu_0_power_usage_watts", power.toString());
            MlflowStoreWriter.metric(run, "loss", loss.toString());
            MlflowStoreWriter.metric(run, "eval/f1", (end - 1000) + " " + String.format(Locale.ROOT, "%.4f", 0.85 + 0.02 * r) + " 0\n");
            MlflowStoreWriter.param(run, "learning_rate", new String[] {"5e-5", "3e-5", "2e-5"}[r]);
            MlflowStoreWriter.param(run, "epochs", "3");
            MlflowStoreWriter.tag(run, "mlflow.runName", names[r]);
            MlflowStoreWriter.tag(run, "mlflow.source.name", "finetune.py");
        }
    }

    private static void text(Path f, String content) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }
}
