package io.carbonpaper.cli;

import io.carbonpaper.task.InspectTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code carbonpaper inspect [LOGS]}. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "List every file under LOGS with the format detected and the experiment it joined (or why it was ignored).")
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "sample-logs", paramLabel = "LOGS", description = "The logs folder (default: ${DEFAULT-VALUE}).")
    Path logs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a carbonpaper.yaml setting (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override public Integer call() {
        return new InspectTask(spec.commandLine().getOut(), spec.commandLine().getErr()).run(logs, overrides);
    }
}
