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
 * Issue 20: bin/carbonpaper caps the heap (a million-job history then stays under 1 GB resident),
 * unless the user names a heap size of their own in any of the variables the JVM or the script reads.
 * The script runs for real, with JAVA_HOME pointing at a stand-in java that prints its arguments.
 */
class LauncherHeapTest {
    @TempDir Path dir;

    private List<String> javaArguments(Map<String, String> env) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("checkout/bin"));
        Files.copy(Path.of("bin", "carbonpaper"), bin.resolve("carbonpaper"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(dir.resolve("checkout/target"));
        Files.writeString(dir.resolve("checkout/target/carbonpaper.jar"), "");
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", bin.resolve("carbonpaper").toString(), "estimate", "--help").redirectErrorStream(true);
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
}
