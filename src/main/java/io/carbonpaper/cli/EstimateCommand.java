package io.carbonpaper.cli;

import io.carbonpaper.task.EstimateJob;
import io.carbonpaper.task.EstimateTask;
import io.carbonpaper.task.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.carbonpaper.unit.Pue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code carbonpaper estimate --accelerator A100 --count 8 --hours 100 [--region KEY] [--pue X] [--format table|csv]}. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate the energy, CO2e and cost of a run that has not happened yet (a pre-flight budget).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:estimate printed", "2:usage error (unknown accelerator, region or setting)"})
final class EstimateCommand implements Callable<Integer> {
    enum Format { table, csv }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--accelerator", required = true, paramLabel = "MODEL", description = "Accelerator model (A100, H100-SXM, V100, ...).")
    String accelerator;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "Number of accelerators (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--hours", required = true, paramLabel = "H", description = "Wall-clock hours of the run.")
    double hours;

    @Option(names = "--region", paramLabel = "KEY", description = "The grid, by any name: DE, DEU, Germany, California, CAMX, ERCOT, aws:us-east-1, eastus, "
            + "europe-west4 ('carbonpaper catalog regions' lists them; default: the paper's 2018 US average).")
    String region;

    @Option(names = "--pue", paramLabel = "X", description = "Data-centre PUE (default: the project's, else the paper's 1.58).")
    Double pue;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--logs", paramLabel = "DIR", description = "Read project settings from DIR/carbonpaper.yaml.")
    Path logs;

    @Option(names = "--table", paramLabel = "ID", description = "Print only this table (repeatable): training-cost, rnd-cost, equivalences, regions, cloud-vs-owned.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a carbonpaper.yaml setting (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override public Integer call() {
        EstimateJob job;
        try {
            job = new EstimateJob(accelerator, count, hours, Optional.ofNullable(region), Optional.ofNullable(pue).map(p -> Pue.of(p, "--pue")),
                    format == Format.csv, Optional.ofNullable(logs), overrides, tables);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("carbonpaper: " + e.getMessage());
            return ExitCode.USAGE;
        }
        return new EstimateTask(spec.commandLine().getOut(), spec.commandLine().getErr()).run(job);
    }
}
