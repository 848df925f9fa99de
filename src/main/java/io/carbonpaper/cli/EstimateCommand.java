package io.carbonpaper.cli;

import io.carbonpaper.task.EstimateJob;
import io.carbonpaper.task.EstimateTask;
import io.carbonpaper.task.ExitCode;
import picocli.CommandLine;

import io.carbonpaper.unit.Pue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code carbonpaper estimate --accelerator A100 --count 8 --hours 100 [--region KEY] [--pue X] [--format table|csv]}. */
final class EstimateCommand implements Callable<Integer> {
    enum Format { table, csv }

    CommandLine.Model.CommandSpec spec;
    String accelerator;
    int count;
    double hours;
    String region;
    Double pue;
    Format format;
    Path logs;
    List<String> tables = new ArrayList<>();
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The command's picocli model, built in code (issue 20: no annotation proxies and reflection at each
     * start; {@link CodeModel}), options bound to this object's fields.
     */
    CommandLine.Model.CommandSpec model() {
        CommandLine.Model.CommandSpec s = CommandLine.Model.CommandSpec.wrapWithoutInspection(this).name("estimate");
        s.usageMessage().description("Estimate the energy, CO2e and cost of a run that has not happened yet (a pre-flight budget).")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(CodeModel.exitCodes("0:estimate printed", "2:usage error (unknown accelerator, region or setting)"));
        s.addOption(CodeModel.help());
        s.addOption(CodeModel.version());
        s.addOption(CodeModel.option(CodeModel.field(() -> accelerator, v -> accelerator = v), String.class, "--accelerator").required(true)
                .paramLabel("MODEL").description("Accelerator model (A100, H100-SXM, V100, ...).").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> count, v -> count = v), int.class, "--count").defaultValue("1").paramLabel("N")
                .description("Number of accelerators (default: ${DEFAULT-VALUE}).").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> hours, v -> hours = v), double.class, "--hours").required(true).paramLabel("H")
                .description("Wall-clock hours of the run.").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> region, v -> region = v), String.class, "--region").paramLabel("KEY")
                .description("The grid, by any name: DE, DEU, Germany, California, CAMX, ERCOT, aws:us-east-1, eastus, "
                        + "europe-west4 ('carbonpaper catalog regions' lists them; default: the paper's 2018 US average).").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> pue, v -> pue = v), Double.class, "--pue").paramLabel("X")
                .description("Data-centre PUE (default: the project's, else the paper's 1.58).").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> format, v -> format = v), Format.class, "--format").defaultValue("table").paramLabel("FORMAT")
                .description("table or csv (default: ${DEFAULT-VALUE}).").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> logs, v -> logs = v), Path.class, "--logs").paramLabel("DIR")
                .description("Read project settings from DIR/carbonpaper.yaml.").build());
        s.addOption(CodeModel.option(CodeModel.<List<String>>field(() -> tables, v -> tables = v), List.class, "--table").auxiliaryTypes(String.class)
                .paramLabel("ID").description("Print only this table (repeatable): training-cost, rnd-cost, equivalences, regions, cloud-vs-owned.").build());
        s.addOption(CodeModel.settingOverrides(CodeModel.field(() -> overrides, v -> overrides = v)));
        spec = s;
        return s;
    }

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
