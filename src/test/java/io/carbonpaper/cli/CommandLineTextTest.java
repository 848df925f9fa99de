package io.carbonpaper.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line prints, word for word, for help, version and usage errors of the top command
 * and of {@code estimate}, {@code report} and {@code inspect} (only runs that stop before the work), whose picocli models are built in code rather than read from annotations
 * (issue 20: the annotation proxies and reflection cost a short run ~50 ms). The golden file was written
 * from the annotated commands before the change; after an intended change of a description, rewrite it
 * with {@code mvn -o -q test -Dtest=CommandLineTextTest -Dcarbonpaper.updateGolden=true} and review the diff.
 */
class CommandLineTextTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/cli/command-line.txt");

    private static final List<List<String>> RUNS = List.of(
            List.of(), List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"), List.of("help"),
            List.of("help", "estimate"), List.of("nosuch"), List.of("estimat"), List.of("--bogus"),
            List.of("estimate", "--help"), List.of("estimate", "-h"), List.of("estimate", "--version"),
            List.of("estimate"), List.of("estimate", "--hours", "10"),
            List.of("estimate", "--accelerator", "V100", "--hours", "ten"),
            List.of("estimate", "--accelerator", "V100", "--hours", "10", "--count", "two"),
            List.of("estimate", "--accelerator", "V100", "--hours", "10", "--format", "xml"),
            List.of("estimate", "--accelerator", "V100", "--hours", "10", "--set", "novalue"),
            List.of("estimate", "--accelerator", "V100", "--hours", "10", "--bogus"),
            List.of("estimate", "--accelerator", "V100", "--hours", "10", "extra"),
            List.of("estimate", "--accelerator", "V100", "--hours", "10", "--pue", "x"),
            List.of("estimate", "--accelerator", "V100", "--accelerator", "A100", "--hours", "10"),
            List.of("estimate", "--accelerator=V100", "--hours=10", "--table"),
            List.of("estimate", "--accelerator=V100", "--hours=10", "--logs"),
            List.of("help", "report"), List.of("help", "inspect"), List.of("report", "--help"), List.of("report", "-h"),
            List.of("report", "--version"), List.of("report", "--bogus"), List.of("report", "a", "b"), List.of("report", "--paper", "B5"),
            List.of("report", "--paper"), List.of("report", "--set", "novalue"), List.of("report", "--out"), List.of("report", "--templates"),
            List.of("report", "--config"), List.of("report", "--region"), List.of("inspect", "--help"), List.of("inspect", "-h"),
            List.of("inspect", "--version"), List.of("inspect", "--bogus"), List.of("inspect", "a", "b"), List.of("inspect", "--set", "novalue"),
            List.of("inspect", "--set"));

    @Test void helpVersionAndUsageErrorsReadAsBefore() throws IOException {
        StringBuilder all = new StringBuilder();
        for (List<String> args : RUNS) {
            MainTest.Run r = MainTest.run(args.toArray(String[]::new));
            all.append("$ carbonpaper ").append(String.join(" ", args)).append("\nexit ").append(r.code())
                    .append("\n--- out\n").append(r.out()).append("--- err\n").append(r.err()).append("===\n");
        }
        String got = all.toString().replace("carbonpaper " + io.carbonpaper.task.Version.get(), "carbonpaper VERSION");
        if (Boolean.getBoolean("carbonpaper.updateGolden")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, got);
        }
        assertThat(got).isEqualTo(Files.readString(GOLDEN));
    }
}
