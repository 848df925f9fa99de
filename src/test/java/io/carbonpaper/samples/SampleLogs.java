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
        io.carbonpaper.ingest.TrackerSampleGenerator.write(root.resolve(TRACKERS));
        System.out.println("wrote " + root.resolve(TRACKERS));
    }

    /** Where the tracker sample (a W&B-tracked Hydra sweep and an MLflow store) lives in sample-logs. */
    public static final String TRACKERS = "trackers";
}
