package io.carbonpaper.cli;

import io.carbonpaper.render.PaperSize;
import io.carbonpaper.task.ReportJob;
import io.carbonpaper.task.ReportTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code carbonpaper report [LOGS] [--out DIR]}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Read a logs folder and write the report site.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written, every input used", "1:an input could not be used (the report still covers the rest)",
                "2:usage error"})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "sample-logs", paramLabel = "LOGS",
            description = "The logs folder (default: ${DEFAULT-VALUE}).")
    Path logs;

    @Option(names = "--out", defaultValue = "site", paramLabel = "DIR", description = "The site folder to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR", description = "A folder of templates overriding the built-in ones, file by file.")
    Path templates;

    @Option(names = "--force", description = "Replace --out even if carbonpaper did not write it.")
    boolean force;

    @Option(names = "--strict", description = "Exit with 1 on any input problem, not only on unusable inputs.")
    boolean strict;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a carbonpaper.yaml setting (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--pdf", description = "Also write report.pdf.")
    boolean pdf;

    @Option(names = "--paper", paramLabel = "SIZE", converter = PaperConverter.class,
            description = "The paper of report.pdf: A4 (default) or letter; implies --pdf.")
    PaperSize paper;

    @Option(names = "--region", paramLabel = "NAME", description = "The grid to price CO2e with, by any name: DE, DEU, Germany, "
            + "California, CAMX, ERCOT, aws:us-east-1, eastus, europe-west4 ('carbonpaper catalog regions' lists them). "
            + "Same as --set region=NAME.")
    String region;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Your own settings file with a prometheus: section (server URL, token file or variable), "
                    + "which a logs folder's carbonpaper.yaml may not set; --set wins over it.")
    Path config;

    @Override public Integer call() {
        ReportJob job = new ReportJob(logs, out, Optional.ofNullable(templates), force, strict, overrides, pdf || paper != null,
                Optional.ofNullable(config), Optional.ofNullable(region), paper == null ? PaperSize.A4 : paper);
        return new ReportTask(spec.commandLine().getOut(), spec.commandLine().getErr(),
                Optional.ofNullable(System.getenv("SOURCE_DATE_EPOCH"))).run(job);
    }

    /** {@code A4} or {@code letter}, in any case. */
    static final class PaperConverter implements ITypeConverter<PaperSize> {
        @Override public PaperSize convert(String value) {
            return PaperSize.parse(value.strip()).orElseThrow(() -> new TypeConversionException("'" + value + "' is not a paper size: A4 or letter"));
        }
    }
}
