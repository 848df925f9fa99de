package io.carbonpaper.ingest.cluster.prometheus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@link LocalPrometheus} and {@link LocalVictoriaMetrics} share: a real server binary found on
 * the PATH (the test skipped without it, failed instead when {@code CI=true}), started on a free
 * loopback port with its output in a log, waited for until its readiness URL answers 200, and
 * stopped (never outliving the test JVM).
 */
final class LocalServer {
    private LocalServer() {}

    /** Skips the calling test when a binary is missing, or fails it on CI with {@code install}'s advice. */
    static void require(String install, String skipped, String... binaries) {
        boolean present = true;
        for (String b : binaries) present &= onPath(b);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) fail(install);
        assumeTrue(present, skipped);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code command} in {@code dir}, its output into {@code log}; it is killed if the test JVM dies first. */
    static Process launch(ProcessBuilder command, Path dir, Path log) throws IOException {
        Process p = command.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Should the test JVM die before @AfterAll, the server must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return p;
    }

    /** Waits up to 90 s for {@code ready} to answer 200; fails the test (after stopping the server) if it exits or never does. */
    static void awaitReady(String name, Process p, URI ready, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) fail(name + " exited with " + p.exitValue() + ":\n" + Files.readString(log));
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        stop(p);
        fail(name + " did not become ready within 90 s:\n" + Files.readString(log));
    }

    /** Asks the server to stop, then kills it if it has not within 20 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) if (Files.isExecutable(Path.of(d, binary))) return true;
        return false;
    }
}
