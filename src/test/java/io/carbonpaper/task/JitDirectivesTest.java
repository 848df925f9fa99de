package io.carbonpaper.task;

import io.carbonpaper.ingest.JitProbe;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;

class JitDirectivesTest {
    /** A hot method outside the kept prefixes. */
    static long hot(long x) {
        long s = 0;
        for (int i = 0; i < 100; i++) s += x * i ^ (s >>> 3);
        return s;
    }

    /**
     * Run in a JVM of its own (never this test JVM): installs the directives, makes both hot methods
     * hot until C2 has compiled the kept one (or 20 s pass), then prints the reply and the compiled
     * code list's lines for both.
     */
    public static void main(String[] args) throws Exception {
        System.out.println("reply: " + JitDirectives.install());
        long sink = 0, until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String list = "";
        while (System.nanoTime() < until) {
            for (int i = 0; i < 100_000; i++) sink += hot(i) + JitProbe.hot(i);
            Thread.sleep(50);
            list = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerCodelist", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            if (list.lines().anyMatch(l -> l.contains("JitProbe.hot") && l.split(" ")[1].equals("4"))) break;
        }
        list.lines().filter(l -> l.contains(".hot(J)J")).forEach(l -> System.out.println("code: " + l));
        System.out.println("sink " + sink);
    }

    private static String runInOwnJvm() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), JitDirectivesTest.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Compile levels (the second field of Compiler.codelist) at which a method named {@code name} has code. */
    private static List<String> levels(String out, String name) {
        return out.lines().filter(l -> l.startsWith("code: ") && l.contains(name)).map(l -> l.substring(6).split(" ")[1]).toList();
    }

    @Test void c2CompilesTheKeptPackagesAndLeavesTheRestToC1() throws Exception {
        String out = runInOwnJvm();
        assertThat(out).contains("reply: 2 compiler directives added");
        assertThat(levels(out, "JitProbe.hot")).as(out).contains("4");
        assertThat(levels(out, "JitDirectivesTest.hot")).as(out).isNotEmpty().doesNotContain("4");
    }

    @Test void everyKeptPrefixIsAMatchPatternWithAWildcardMethod() {
        String json = JitDirectives.json();
        for (String prefix : JitDirectives.C2_KEPT) assertThat(json).contains("\"" + prefix + "*.*\"");
        assertThat(json).contains("c2: { Exclude: true }").contains("\"*.*\"");
    }

    @Test void theLauncherGivesTheJvmTheSameDirectives() throws IOException {
        // bin/carbonpaper passes this file with -XX:CompilerDirectivesFile and tells the jar so with -Dcarbonpaper.jit=given.
        assertThat(java.nio.file.Files.readString(Path.of("bin", "jit-directives.json"), StandardCharsets.US_ASCII)).isEqualTo(JitDirectives.json());
        assertThat(java.nio.file.Files.readString(Path.of("bin", "carbonpaper"), StandardCharsets.UTF_8))
                .contains("-XX:CompilerDirectivesFile=\"$ROOT/bin/jit-directives.json\"").contains("-D" + JitDirectives.PROPERTY + "=" + JitDirectives.GIVEN);
    }

    @Test void carbonpaperJitDefaultSkipsIt() {
        long before = jitThreads();
        JitDirectives.startInstalling(Map.of("CARBONPAPER_JIT", "default"));
        assertThat(jitThreads()).isEqualTo(before);
    }

    private static long jitThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("carbonpaper-jit")).count();
    }
}
