package io.carbonpaper.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the generated part of sample-logs/: logs in the formats people really have, made by
 * carbonpaper's own code (never copied from anyone's files), deterministic byte for byte.
 * {@link SampleLogsTest} fails when the committed files differ from what this writes.
 *
 * <p>Regenerate with:
 * {@code mvn -q -B test-compile && java -cp target/test-classes io.carbonpaper.samples.SampleLogs sample-logs}
 */
public final class SampleLogs {
    private SampleLogs() {}

    /** Relative path -> content of every generated file. */
    public static Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("measured/transformer-big/nvidia-smi.csv.gz", gzip(transformerBigDay()));
        double[] lrs = {1e-5, 3e-5, 5e-5};
        for (int i = 0; i < lrs.length; i++) {
            String dir = String.format(Locale.ROOT, "hf-bert-sweep/lr-%.0e/", lrs[i]).replace("e-0", "e-");
            out.put(dir + "experiment.yaml", utf8("# One run of a BERT (base) fine-tuning sweep on GLUE MRPC; the hours come from trainer_state.json.\n"
                    + "group: bert-finetune-sweep\nlabel: learning_rate=" + lrs[i] + "\nhardware:\n  accelerator: Tesla V100-SXM2-16GB\n  count: 1\n"));
            out.put(dir + "trainer_state.json", utf8(trainerState(i, lrs[i])));
        }
        out.put("codecarbon-run/emissions.csv", utf8(codeCarbonRun()));
        return out;
    }

    /**
     * One day of 8 Tesla P100 (SXM2) training Transformer (big), as `nvidia-smi
     * --query-gpu=timestamp,index,name,uuid,power.draw,utilization.gpu --format=csv -l 5` writes it:
     * mostly busy (170-210 W), a few idle stretches (evaluation, checkpointing), an occasional
     * [N/A], and the host's local time crossing midnight.
     */
    static byte[] transformerBigDay() {
        StringBuilder s = new StringBuilder(14_000_000);
        s.append("timestamp, index, name, uuid, power.draw [W], utilization.gpu [%]\n");
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS", Locale.ROOT);
        LocalDateTime start = LocalDateTime.of(2019, 5, 28, 9, 30, 0);
        Random rng = new Random(20190528);
        int gpus = 8;
        boolean[] busy = new boolean[gpus];
        java.util.Arrays.fill(busy, true);
        long samples = 24 * 3600 / 5;
        for (long i = 0; i < samples; i++) {
            // nvidia-smi -l 5 drifts by a few milliseconds per sample
            String ts = start.plusNanos(i * 5_000_000_000L + (i % 7) * 1_000_000L).format(fmt);
            for (int g = 0; g < gpus; g++) {
                if (rng.nextDouble() < (busy[g] ? 0.002 : 0.05)) busy[g] = !busy[g];
                s.append(ts).append(", ").append(g).append(", Tesla P100-SXM2-16GB, GPU-5a1c0b3e-0000-4000-8000-00000000000").append(g).append(", ");
                if (rng.nextDouble() < 0.0005) {
                    s.append("[N/A], [N/A]\n");
                    continue;
                }
                double w = busy[g] ? 170 + 40 * rng.nextDouble() : 45 + 10 * rng.nextDouble();
                s.append(String.format(Locale.ROOT, "%.2f W, %d %%\n", w, busy[g] ? 90 + rng.nextInt(10) : 0));
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Hugging Face Trainer's trainer_state.json for one run of the sweep: training-loss entries,
     * an evaluation per epoch, and the final summary entry with train_runtime (seconds).
     */
    static String trainerState(int run, double lr) {
        Random rng = new Random(1000 + run);
        StringBuilder log = new StringBuilder();
        int stepsPerEpoch = 115, epochs = 3;
        double loss = 0.69;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int step = (epoch - 1) * stepsPerEpoch + 50; step <= epoch * stepsPerEpoch; step += 50) {
                loss *= 0.8 + 0.1 * rng.nextDouble();
                log.append(String.format(Locale.ROOT,
                        "    {\n      \"epoch\": %.2f,\n      \"grad_norm\": %.4f,\n      \"learning_rate\": %s,\n      \"loss\": %.4f,\n      \"step\": %d\n    },\n",
                        step / (double) stepsPerEpoch, 2 + 3 * rng.nextDouble(), lr * (1 - step / (double) (epochs * stepsPerEpoch)), loss, step));
            }
            double acc = 0.78 + 0.03 * epoch + (run == 1 ? 0.02 : run == 2 ? -0.01 : 0) + 0.005 * rng.nextDouble();
            log.append(String.format(Locale.ROOT,
                    "    {\n      \"epoch\": %.1f,\n      \"eval_accuracy\": %.4f,\n      \"eval_f1\": %.4f,\n      \"eval_loss\": %.4f,\n      \"eval_runtime\": %.3f,\n      \"step\": %d\n    },\n",
                    (double) epoch, acc, acc + 0.05, 0.6 - 0.1 * epoch, 4 + rng.nextDouble(), epoch * stepsPerEpoch));
        }
        double runtime = 1800 + 300 * run + 100 * rng.nextDouble();
        log.append(String.format(Locale.ROOT,
                "    {\n      \"epoch\": %.1f,\n      \"step\": %d,\n      \"total_flos\": 2.4292587958272e+15,\n      \"train_loss\": %.4f,\n"
                        + "      \"train_runtime\": %.4f,\n      \"train_samples_per_second\": %.3f,\n      \"train_steps_per_second\": %.3f\n    }\n",
                (double) epochs, epochs * stepsPerEpoch, loss * 1.5, runtime, 3668 * epochs / runtime, epochs * stepsPerEpoch / runtime));
        return "{\n  \"best_metric\": null,\n  \"best_model_checkpoint\": null,\n  \"epoch\": 3.0,\n  \"eval_steps\": 500,\n"
                + "  \"global_step\": " + epochs * stepsPerEpoch + ",\n  \"is_hyper_param_search\": false,\n  \"is_local_process_zero\": true,\n"
                + "  \"is_world_process_zero\": true,\n  \"log_history\": [\n" + log + "  ],\n  \"logging_steps\": 50,\n"
                + "  \"max_steps\": " + epochs * stepsPerEpoch + ",\n  \"num_train_epochs\": 3,\n  \"save_steps\": 500,\n"
                + "  \"total_flos\": 2.4292587958272e+15,\n  \"train_batch_size\": 32,\n  \"trial_name\": null,\n  \"trial_params\": null\n}\n";
    }

    /** A CodeCarbon 2.7 emissions.csv: one fine-tuning run tracked on one V100, stopped twice (cumulative rows). */
    static String codeCarbonRun() {
        String header = "timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,"
                + "cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,"
                + "os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,"
                + "tracking_mode,on_cloud,pue\n";
        StringBuilder s = new StringBuilder(header);
        String[][] stops = {{"2024-03-04T11:02:10", "3610.5"}, {"2024-03-04T13:31:42", "12582.3"}};
        for (String[] stop : stops) {
            double seconds = Double.parseDouble(stop[1]);
            double cpuKwh = 42.5 * seconds / 3.6e6, gpuKwh = 231.4 * seconds / 3.6e6, ramKwh = 11.8 * seconds / 3.6e6;
            double kwh = cpuKwh + gpuKwh + ramKwh;
            s.append(String.format(Locale.ROOT,
                    "%s,roberta-finetune,7d3c5e2a-1b4f-4c8e-9a6d-2f1e0b9c8a71,5b0fa12a-3dd7-45bb-9766-cc326314d9f1,%s,%.9f,%.12f,42.5,231.4,11.8,"
                            + "%.9f,%.9f,%.9f,%.9f,Germany,DEU,,,,Linux-5.15.0-x86_64-with-glibc2.35,3.10.12,2.7.1,16,"
                            + "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz,1,1 x Tesla V100-SXM2-16GB,,,31.4,machine,N,1.0\n",
                    stop[0], stop[1], kwh * 0.38, kwh * 0.38 / seconds, cpuKwh, gpuKwh, ramKwh, kwh));
        }
        return s.toString();
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // GZIPOutputStream writes a zero mtime and a fixed OS byte: the same input gives the same bytes.
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "sample-logs");
        for (Map.Entry<String, byte[]> f : files().entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
            System.out.println("wrote " + p);
        }
        io.carbonpaper.ingest.tracker.TrackerSampleGenerator.write(root.resolve(TRACKERS));
        System.out.println("wrote " + root.resolve(TRACKERS));
    }

    /** Where the tracker sample (a W&B-tracked Hydra sweep and an MLflow store) lives in sample-logs. */
    public static final String TRACKERS = "trackers";
}
