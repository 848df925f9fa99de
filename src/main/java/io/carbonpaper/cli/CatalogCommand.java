package io.carbonpaper.cli;

import io.carbonpaper.task.CatalogTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code carbonpaper catalog [KIND] [SEARCH...] [--format table|csv]}. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "List or search what carbonpaper knows: regions (grids by any name), accelerators, cpus, prices, pue; "
                + "each row with its value, source and year.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rows printed", "1:nothing matched the search", "2:usage error"})
final class CatalogCommand implements Callable<Integer> {
    enum Format { table, csv }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "KIND|SEARCH",
            description = "A kind (regions, accelerators, cpus, prices, pue) and/or words to search keys and names for "
                    + "(a region search takes every name --region takes: Germany, CAISO, eastus).")
    List<String> words = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override public Integer call() {
        return new CatalogTask(spec.commandLine().getOut(), spec.commandLine().getErr()).run(words, format == Format.csv);
    }
}
