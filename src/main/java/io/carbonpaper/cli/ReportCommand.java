package io.carbonpaper.cli;

import io.carbonpaper.render.PaperSize;
import io.carbonpaper.task.ReportJob;
import io.carbonpaper.task.ReportTask;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code carbonpaper report [LOGS] [--out DIR]}. */
final class ReportCommand implements Callable<Integer> {
    CommandLine.Model.CommandSpec spec;
    Path logs;
    Path out;
    Path templates;
    boolean force;
    boolean strict;
    Map<String, String> overrides = new LinkedHashMap<>();
    boolean pdf;
    PaperSize paper;
    String region;
    Path config;

    /**
     * The command's picocli model, built in code (issue 20: no annotation proxies and reflection at each
     * start; {@link CodeModel}), options bound to this object's fields.
     */
    CommandLine.Model.CommandSpec model() {
        CommandLine.Model.CommandSpec s = CommandLine.Model.CommandSpec.wrapWithoutInspection(this).name("report");
        s.usageMessage().description("Read a logs folder and write the report site.").exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(CodeModel.exitCodes("0:report written, every input used",
                        "1:an input could not be used (the report still covers the rest)", "2:usage error"));
        s.addOption(CodeModel.help());
        s.addOption(CodeModel.version());
        s.addPositional(CodeModel.logsFolder(CodeModel.field(() -> logs, v -> logs = v)));
        s.addOption(CodeModel.option(CodeModel.field(() -> out, v -> out = v), Path.class, "--out").defaultValue("site").paramLabel("DIR")
                .description("The site folder to write (default: ${DEFAULT-VALUE}).").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> templates, v -> templates = v), Path.class, "--templates").paramLabel("DIR")
                .description("A folder of templates overriding the built-in ones, file by file.").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> force, v -> force = v), boolean.class, "--force")
                .description("Replace --out even if carbonpaper did not write it.").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> strict, v -> strict = v), boolean.class, "--strict")
                .description("Exit with 1 on any input problem, not only on unusable inputs.").build());
        s.addOption(CodeModel.settingOverrides(CodeModel.field(() -> overrides, v -> overrides = v)));
        s.addOption(CodeModel.option(CodeModel.field(() -> pdf, v -> pdf = v), boolean.class, "--pdf").description("Also write report.pdf.").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> paper, v -> paper = v), PaperSize.class, "--paper").paramLabel("SIZE")
                .converters(new PaperConverter()).description("The paper of report.pdf: A4 (default) or letter; implies --pdf.").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> region, v -> region = v), String.class, "--region").paramLabel("NAME")
                .description("The grid to price CO2e with, by any name: DE, DEU, Germany, "
                        + "California, CAMX, ERCOT, aws:us-east-1, eastus, europe-west4 ('carbonpaper catalog regions' lists them). "
                        + "Same as --set region=NAME.").build());
        s.addOption(CodeModel.option(CodeModel.field(() -> config, v -> config = v), Path.class, "--config").paramLabel("FILE")
                .description("Your own settings file with a prometheus: section (server URL, token file or variable), "
                        + "which a logs folder's carbonpaper.yaml may not set; --set wins over it.").build());
        spec = s;
        return s;
    }

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
