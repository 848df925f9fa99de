package io.carbonpaper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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
        Path jar = Files.createDirectories(dir.resolve("checkout/target")).resolve("carbonpaper.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "");
            Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000)); // built a minute ago
        }
        standInJdk("jdk", "17.0.15", "17.0.15+6");
        List<String> line = new java.util.ArrayList<>(List.of("bash", bin.resolve("carbonpaper").toString()));
        line.addAll(List.of(command));
        return run(line, env);
    }

    /** Runs {@code line} with JAVA_HOME at the stand-in JDK 17 and {@code env} added (an empty value unsets); its output's lines. */
    private List<String> run(List<String> line, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().keySet().removeAll(List.of("JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "CARBONPAPER_JIT",
                "CARBONPAPER_CDS", "CARBONPAPER_AOT", "CARBONPAPER_AOT_JDK"));
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        env.forEach((k, v) -> { if (v.isEmpty()) pb.environment().remove(k); else pb.environment().put(k, v); });
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    /**
     * A stand-in JDK under the temporary folder: a {@code release} file naming the version, and a
     * {@code bin/java} that prints "java=" and its own path, then its arguments one a line, and writes a
     * file where it is asked for an ahead-of-time cache ({@code -XX:AOTCacheOutput=}), as a JDK 25 does.
     */
    private Path standInJdk(String name, String version, String runtimeVersion) throws IOException {
        Path home = dir.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "java=$0"
                for a in "$@"; do
                  echo "$a"
                  case $a in -XX:AOTCacheOutput=*) echo cache >"${a#-XX:AOTCacheOutput=}" ;; esac
                done
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Stand-in\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion
                + "\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
        return home;
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

    /** What bin/aot-cache builds (a cache per command, the JDK's identity beside them), here with a stand-in JDK 25; the class-data archive too. */
    private Path buildCaches(Path jdk) throws IOException, InterruptedException {
        javaArguments(Map.of()); // the checkout, its jar a minute old
        Path target = dir.resolve("checkout/target");
        Files.writeString(target.resolve("carbonpaper.jsa"), "");
        Path script = Files.copy(Path.of("bin", "aot-cache"), dir.resolve("checkout/bin/aot-cache"), StandardCopyOption.REPLACE_EXISTING);
        List<String> said = run(List.of("bash", script.toString(), target.toString(), "sample-logs/codecarbon-run"),
                Map.of("CARBONPAPER_AOT_JDK", jdk.toString()));
        assertThat(said).last().asString().startsWith("carbonpaper AOT cache: ").contains(jdk.toString());
        for (String command : List.of("report", "estimate", "inspect")) assertThat(target.resolve("carbonpaper-" + command + ".aot")).exists();
        return target;
    }

    private static final String JSA = "-XX:SharedArchiveFile=";

    @Test void theJdkTheBuildMadeACacheForRunsWithIt() throws Exception {
        Path jdk25 = standInJdk("jdk25", "25.0.3", "25.0.3+9-LTS");
        Path target = buildCaches(jdk25);
        Path launched = dir.resolve("checkout/bin/../target"); // as the launcher names it
        String cache = "-XX:AOTCache=" + launched.resolve("carbonpaper-estimate.aot");
        // JAVA_HOME unset, or naming that JDK: the cache's JDK, with the command's cache and not the JDK 17 archive; the compilers as before.
        for (String javaHome : List.of("", jdk25.toString(), jdk25 + "/")) {
            List<String> args = javaArguments(Map.of("JAVA_HOME", javaHome), "estimate", "--help");
            assertThat(args).as(javaHome).startsWith("java=" + jdk25.resolve("bin/java")).contains(cache, C1_ALONE, "-Xmx768m")
                    .noneMatch(a -> a.startsWith(JSA)).endsWith("-jar", launched.resolve("carbonpaper.jar").toString(), "estimate", "--help");
        }
        Path small = logsOf("small", 1 << 20);
        assertThat(javaArguments(Map.of("JAVA_HOME", ""), "report", small.toString()))
                .contains("-XX:AOTCache=" + launched.resolve("carbonpaper-report.aot"), C1_ALONE);
        assertThat(javaArguments(Map.of("JAVA_HOME", ""), "inspect", small.toString())).contains("-XX:AOTCache=" + launched.resolve("carbonpaper-inspect.aot"));
    }

    @Test void theCacheIsLeftAloneUnlessItsJdkAndJarAreTheOnesItWasBuiltFor() throws Exception {
        Path jdk25 = standInJdk("jdk25", "25.0.3", "25.0.3+9-LTS");
        Path target = buildCaches(jdk25);
        Path jdk17 = dir.resolve("jdk");
        // JAVA_HOME names another JDK: that one, with its archive.
        List<String> args = javaArguments(Map.of(), "estimate", "--help");
        assertThat(args).startsWith("java=" + jdk17.resolve("bin/java")).anyMatch(a -> a.startsWith(JSA)).noneMatch(a -> a.startsWith("-XX:AOTCache"));
        // Commands without a cache of their own (record, catalog, --version), CARBONPAPER_AOT=off: the JDK on the PATH (here
        // the stand-in JDK 17) with the archive; CARBONPAPER_CDS=off: neither.
        Map<String, String> onPath = Map.of("JAVA_HOME", "", "PATH", jdk17.resolve("bin") + ":" + System.getenv("PATH"));
        for (String command : List.of("record", "catalog", "--version"))
            assertThat(javaArguments(onPath, command, "--help")).as(command).startsWith("java=" + jdk17.resolve("bin/java"))
                    .noneMatch(a -> a.startsWith("-XX:AOTCache"));
        Map<String, String> aotOff = new java.util.HashMap<>(onPath);
        aotOff.put("CARBONPAPER_AOT", "off");
        assertThat(javaArguments(aotOff, "estimate", "--help")).startsWith("java=" + jdk17.resolve("bin/java")).anyMatch(a -> a.startsWith(JSA))
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
        aotOff.put("CARBONPAPER_CDS", "off");
        assertThat(javaArguments(aotOff, "estimate", "--help")).noneMatch(a -> a.startsWith(JSA) || a.startsWith("-XX:AOTCache"));
        // The JDK updated in place (another release): the JDK 17 path.
        standInJdk("jdk25", "25.0.4", "25.0.4+7-LTS");
        assertThat(javaArguments(onPath, "estimate", "--help")).startsWith("java=" + jdk17.resolve("bin/java")).noneMatch(a -> a.startsWith("-XX:AOTCache"));
        standInJdk("jdk25", "25.0.3", "25.0.3+9-LTS");
        assertThat(javaArguments(onPath, "estimate", "--help")).startsWith("java=" + jdk25.resolve("bin/java"));
        // A jar rebuilt since the cache: the JDK 17 path.
        Files.setLastModifiedTime(target.resolve("carbonpaper-estimate.aot"), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        assertThat(javaArguments(onPath, "estimate", "--help")).startsWith("java=" + jdk17.resolve("bin/java")).noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test void theBuildMakesNoCacheWithoutAJdk25AndDoesNotFail() throws Exception {
        javaArguments(Map.of());
        Path target = dir.resolve("checkout/target");
        Path script = Files.copy(Path.of("bin", "aot-cache"), dir.resolve("checkout/bin/aot-cache"), StandardCopyOption.REPLACE_EXISTING);
        Path jdk21 = standInJdk("jdk21", "21.0.9", "21.0.9+10");
        for (String jdk : List.of(jdk21.toString(), dir.resolve("nothing-here").toString(), "none")) {
            List<String> said = run(List.of("bash", script.toString(), target.toString(), "sample-logs/codecarbon-run"), Map.of("CARBONPAPER_AOT_JDK", jdk));
            assertThat(said).as(jdk).hasSize(1).first().asString().startsWith("carbonpaper AOT cache: ").contains("none");
            for (String command : List.of("report", "estimate", "inspect"))
                assertThat(target.resolve("carbonpaper-" + command + ".aot")).as(jdk).doesNotExist();
            assertThat(target.resolve("carbonpaper.aot.jdk")).as(jdk).doesNotExist();
        }
    }
}
