package io.carbonpaper.cli;

import picocli.CommandLine;

/** Runs {@code carbonpaper record} alone in a JVM of its own, for the tests that send it signals. */
public final class RecordCommandMain {
    private RecordCommandMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new RecordCommand()).execute(args));
    }
}
