package io.carbonpaper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the JVM flags bin/carbonpaper chooses. It caps the heap (a million-job history then stays
 * under 1 GB resident), unless the user names a heap size of their own in any of the variables the JVM
 * or the script reads; it runs a report or inspect of small inputs with C1 alone and anything larger
 * with the compiler directives; it asks for transparent huge pages where the kernel gives them on request.
 * The script runs for real, with JAVA_HOME pointing at a stand-in java that prints its arguments.
 */
class LauncherFlagsTest {
    @TempDir Path dir;

    private List<String> javaArguments(Map<String, String> env) throws IOException, InterruptedException {
        return javaArguments(env, "estimate", "--help");
    }

    private List<String> javaArguments(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("checkout/bin"));
        Files.copy(Path.of("bin", "carbonpaper"), bin.resolve("carbonpaper"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("bin", "jit-directives.json"), bin.resolve("jit-directives.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(dir.resolve("checkout/target"));
        Files.writeString(dir.resolve("checkout/target/carbonpaper.jar"), "");
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> line = new java.util.ArrayList<>(List.of("bash", bin.resolve("carbonpaper").toString()));
        line.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().keySet().removeAll(List.of("JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "CARBONPAPER_JIT"));
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    @Test void theLauncherCapsTheHeapByDefault() throws Exception {
        List<String> args = javaArguments(Map.of());
        assertThat(args).contains("-Xmx768m", "-jar").endsWith("estimate", "--help");
        assertThat(args.indexOf("-Xmx768m")).isLessThan(args.indexOf("-jar"));
    }

    @Test void aHeapSizeOfTheUsersOwnWins() throws Exception {
        for (Map<String, String> env : List.of(Map.of("JAVA_OPTS", "-Xmx4g"), Map.of("JAVA_OPTS", "-Dx=1 -XX:MaxRAMPercentage=50"),
                Map.of("JAVA_OPTS", "-XX:MaxHeapSize=2g"), Map.of("JDK_JAVA_OPTIONS", "-Xmx4g"), Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxRAM=8g"),
                Map.of("_JAVA_OPTIONS", "-Xmx3g"))) {
            List<String> args = javaArguments(env);
            assertThat(args).as("%s", env).doesNotContain("-Xmx768m");
            if (env.containsKey("JAVA_OPTS")) assertThat(args).as("%s", env).contains(env.get("JAVA_OPTS").split(" "));
        }
    }

    @Test void otherJvmOptionsKeepTheCap() throws Exception {
        List<String> args = javaArguments(Map.of("JAVA_OPTS", "-Dfile.encoding=UTF-8 -XX:+UseSerialGC"));
        assertThat(args).contains("-Xmx768m", "-Dfile.encoding=UTF-8", "-XX:+UseSerialGC");
    }

    /** A logs folder holding one file of {@code bytes} (sparse: du counts its length). */
    private Path logsOf(String name, long bytes) throws IOException {
        Path logs = Files.createDirectories(dir.resolve(name));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(logs.resolve("trace.csv").toFile(), "rw")) {
            f.setLength(bytes);
        }
        return logs;
    }

    private static final String C1_ALONE = "-XX:TieredStopAtLevel=1";
    private static final String DIRECTIVES = "-XX:CompilerDirectivesFile=";

    @Test void aReportOrInspectOfSmallInputsRunsWithC1Alone() throws Exception {
        Path small = logsOf("small", 1 << 20);
        for (String command : List.of("report", "inspect")) {
            List<String> args = javaArguments(Map.of(), command, small.toString(), "--out", dir.resolve("site").toString());
            assertThat(args).as(command).contains(C1_ALONE, "-Dcarbonpaper.jit=given");
            assertThat(args).as(command).noneMatch(a -> a.startsWith(DIRECTIVES));
            assertThat(args).as(command).endsWith(command, small.toString(), "--out", dir.resolve("site").toString());
        }
    }

    @Test void aReportOfLargeInputsKeepsC2ForTheReadingLoops() throws Exception {
        Path large = logsOf("large", 40L << 20);
        List<String> args = javaArguments(Map.of(), "report", large.toString());
        assertThat(args).doesNotContain(C1_ALONE).contains("-Dcarbonpaper.jit=given").anyMatch(a -> a.startsWith(DIRECTIVES));
        // Two small folders that are large together count as large.
        Path a = logsOf("a", 20L << 20), b = logsOf("b", 20L << 20);
        assertThat(javaArguments(Map.of(), "report", a.toString(), "--templates", b.toString())).doesNotContain(C1_ALONE);
    }

    @Test void inputsItCannotMeasureKeepC2() throws Exception {
        Path small = logsOf("small", 1024);
        List<List<String>> commands = List.of(
                List.of("report", small.toString(), "--set", "prometheus.url=http://localhost:9090"), // the data comes from a server
                List.of("report", small.toString(), "--config", dir.resolve("mine.yaml").toString()), // which may name one
                List.of("report", dir.resolve("missing").toString()));                                 // nothing to measure
        for (List<String> c : commands) {
            List<String> args = javaArguments(Map.of(), c.toArray(String[]::new));
            assertThat(args).as("%s", c).doesNotContain(C1_ALONE).anyMatch(a -> a.startsWith(DIRECTIVES));
        }
    }

    @Test void hugePagesAreAskedForWhereTheKernelGivesThemOnRequest() throws Exception {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(setting) && Files.readString(setting).contains("[madvise]");
        assertThat(javaArguments(Map.of()).contains("-XX:+UseTransparentHugePages")).isEqualTo(onRequest);
        assertThat(javaArguments(Map.of(), "record", "--help")).doesNotContain("-XX:+UseTransparentHugePages");
    }
}
