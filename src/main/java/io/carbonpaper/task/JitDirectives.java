package io.carbonpaper.task;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimising compiler (C2) for the code that reads large inputs and leaves the rest
 * of a run to the quick compiler (C1).
 *
 * <p>A report is a short process: most of its code (picocli, FreeMarker, JFreeChart and Java2D, the
 * collections they use) runs for a fraction of a second, and C2 spends more CPU compiling it than
 * the compiled code then saves; on a two-core machine that CPU comes out of the report's own time.
 * The reading loops over hundreds of megabytes are the exception. {@code java -jar} cannot carry
 * JVM flags, so the process adds compiler directives to itself at start-up, through the JVM's
 * {@code Compiler.directives_add} diagnostic command (what {@code jcmd} uses): methods outside
 * {@link #C2_KEPT} are not compiled by C2 (HotSpot compiles them with C1 alone). Measured on the
 * 2-core development machine (BENCHMARKS.md): a one-experiment report from 0.92 to 0.80 s wall and
 * 1.5 to 1.1 s CPU; the 24-hour trace from 1.96 to 1.74 s and 3.3 to 2.6 s CPU; the
 * 20,000-experiment history from 12.7 to 8.3 s.
 *
 * <p>Results do not depend on it: Java's arithmetic is the same in every compiler (JEP 306), so
 * output bytes are identical. Any failure (a JVM without the command, no writable temporary folder)
 * leaves the JVM's defaults. {@code CARBONPAPER_JIT=default} skips it, to compare. {@code bin/carbonpaper}
 * gives the same directives as JVM flags instead (sooner, and without JMX). Only {@code report}
 * and {@code inspect} install it: help and {@code estimate} end before it pays (reaching the
 * diagnostic command costs about 0.1 s of CPU), and the recorder runs for hours.
 */
public final class JitDirectives {
    /** Class-name prefixes (internal form) whose methods C2 still compiles: the reading loops and what they call. */
    static final String[] C2_KEPT = {
            "io/carbonpaper/ingest/", "sun/security/provider/", "java/security/", "java/util/Arrays",
            "jdk/internal/util/ArraysSupport", "java/lang/Math", "java/lang/Long", "java/lang/Integer", "java/lang/Double"};

    /**
     * The system property a launcher sets ({@code -Dcarbonpaper.jit=given}) when it has given the JVM
     * these directives itself ({@code -XX:CompilerDirectivesFile=bin/jit-directives.json}, the text of
     * {@link #json()}): then nothing is installed at run time.
     */
    static final String PROPERTY = "carbonpaper.jit";
    static final String GIVEN = "given";

    private JitDirectives() {}

    /** The directives, in HotSpot's compiler-directives JSON: keep {@link #C2_KEPT}, exclude C2 for the rest. */
    static String json() {
        StringBuilder kept = new StringBuilder();
        for (String prefix : C2_KEPT) kept.append(kept.length() == 0 ? "" : ", ").append('"').append(prefix).append("*.*\"");
        return "[\n  { match: [" + kept + "], c2: { Exclude: false } },\n  { match: [\"*.*\"], c2: { Exclude: true } }\n]\n";
    }

    /**
     * Installs the directives on a daemon thread (reaching the diagnostic command costs about 0.1 s
     * of class loading, spent beside the start-up rather than in it) and returns at once.
     *
     * @param env the environment: {@code CARBONPAPER_JIT=default} skips (as does the property {@link #PROPERTY}), {@code CARBONPAPER_DEBUG}
     *            reports a failure on standard error
     */
    public static void startInstalling(Map<String, String> env) {
        if ("default".equals(env.get("CARBONPAPER_JIT")) || GIVEN.equals(System.getProperty(PROPERTY))) return;
        Thread t = new Thread(() -> {
            try {
                install();
            } catch (Exception | LinkageError e) {
                if (env.get("CARBONPAPER_DEBUG") != null) System.err.println("carbonpaper: compiler directives not installed: " + e);
            }
        }, "carbonpaper-jit");
        t.setDaemon(true);
        t.start();
    }

    /** Installs the directives now; returns the diagnostic command's reply. */
    static String install() throws Exception {
        Path file = Files.createTempFile("carbonpaper-jit", ".json");
        try {
            Files.writeString(file, json(), StandardCharsets.US_ASCII);
            Object reply = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            return String.valueOf(reply).strip();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
