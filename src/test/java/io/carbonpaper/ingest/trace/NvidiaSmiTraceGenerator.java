package io.carbonpaper.ingest.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic {@code nvidia-smi --query-gpu=timestamp,index,name,power.draw,utilization.gpu
 * --format=csv -lms 100} trace, the scheme of bench/gen-nvsmi-trace: sample i at t = i/hz exactly,
 * timestamps truncated to milliseconds, busy (250-300 W) and idle (50-60 W) phases, about one row
 * in a thousand {@code [N/A]}. Returns the exact energy: the per-GPU trapezoid over valid samples.
 * Run as a program to write a realistic day of 8 Tesla P100 for sample data:
 * {@code java ... NvidiaSmiTraceGenerator OUT.csv [hours] [gpus] [hz]}.
 */
public final class NvidiaSmiTraceGenerator {
    private NvidiaSmiTraceGenerator() {}

    /** Writes the trace; returns its energy in joules. */
    public static double write(Writer out, int gpus, int hz, long samples, LocalDateTime start, String name, long seed) throws IOException {
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS");
        Random rng = new Random(seed);
        double[] lastT = new double[gpus], lastW = new double[gpus];
        boolean[] seen = new boolean[gpus], busy = new boolean[gpus];
        java.util.Arrays.fill(busy, true);
        double joules = 0;
        long stepNanos = 1_000_000_000L / hz;
        out.write("timestamp, index, name, power.draw [W], utilization.gpu [%]\n");
        for (long i = 0; i < samples; i++) {
            double t = i / (double) hz;
            String ts = start.plusNanos(i * stepNanos).format(fmt);
            for (int g = 0; g < gpus; g++) {
                if (rng.nextDouble() < 0.0005) busy[g] = !busy[g];
                if (rng.nextDouble() < 0.001) {
                    out.write(ts + ", " + g + ", " + name + ", [N/A], [N/A]\n");
                    continue;
                }
                double w = Math.round((busy[g] ? 250 + 50 * rng.nextDouble() : 50 + 10 * rng.nextDouble()) * 100) / 100.0;
                out.write(ts + ", " + g + ", " + name + ", " + String.format(Locale.ROOT, "%.2f", w) + " W, " + (busy[g] ? 97 : 0) + " %\n");
                if (seen[g]) joules += (t - lastT[g]) * (lastW[g] + w) / 2.0;
                seen[g] = true;
                lastT[g] = t;
                lastW[g] = w;
            }
        }
        return joules;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 24;
        int gpus = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int hz = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            double j = write(w, gpus, hz, (long) (hours * 3600 * hz), LocalDateTime.parse("2019-05-28T10:15:00"), "Tesla P100-PCIE-16GB", 1);
            System.err.printf(Locale.ROOT, "total_kWh=%.12f%n", j / 3.6e6);
        }
    }
}
