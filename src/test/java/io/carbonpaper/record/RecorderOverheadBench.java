package io.carbonpaper.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures the sampler's CPU use: 8 stand-in GPUs and 2 RAPL zones at 100 ms around a 20-s sleep.
 * Not part of the test suite (it measures, it asserts nothing); run with
 * {@code mvn -o test -Dtest=RecorderOverheadBench -Dcarbonpaper.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "carbonpaper.bench", matches = "true")
class RecorderOverheadBench {
    @TempDir Path dir;

    @Test void samplerCpuAtOneHundredMillisecondsWithEightGpus() throws Exception {
        FakeNvml.configure(dir, "devices=8");
        Path root = dir.resolve("powercap");
        for (String[] z : new String[][] {{"intel-rapl:0", "package-0"}, {"intel-rapl:0:0", "dram"}}) {
            Path p = Files.createDirectories(root.resolve(z[0]));
            Files.writeString(p.resolve("name"), z[1] + "\n");
            Files.writeString(p.resolve("energy_uj"), "1000\n");
            Files.writeString(p.resolve("max_energy_range_uj"), "262143328850\n");
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
        Path out = dir.resolve("bench");
        new RecordTask(RecordJob.of(out, List.of("sleep", "20")).withSysfsRoot(root), new PrintStream(System.err)).run();
        long cpu = os.getProcessCpuTime() - cpu0, wall = System.nanoTime() - wall0;
        String yaml = Files.readString(out.resolve("experiment.yaml"));
        String sampler = yaml.lines().filter(l -> l.contains("sampler_cpu_seconds")).findFirst().orElse("?");
        String samples = yaml.lines().filter(l -> l.contains("samples:")).findFirst().orElse("?");
        System.out.printf("BENCH wall %.2f s; %s; %s; whole JVM CPU %.3f s = %.2f%% of one core; trace rows %d%n",
                wall / 1e9, sampler.strip(), samples.strip(), cpu / 1e9, 100.0 * cpu / wall, Files.lines(out.resolve("trace.csv")).count() - 5);
    }
}
