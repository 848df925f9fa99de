package io.carbonpaper.task;

import io.carbonpaper.render.PaperSize;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code carbonpaper report} was asked to do, as plain values.
 *
 * @param logs      the logs folder
 * @param out       the site folder to (re)write
 * @param templates a folder whose templates override the built-in ones
 * @param force     replace {@code out} even if carbonpaper did not write it
 * @param strict    any input problem makes the exit code {@link ExitCode#INPUT}
 * @param overrides {@code --set key=value} project settings
 * @param pdf       also write report.pdf
 * @param config    the user's own settings file ({@code --config}): what a logs folder may not choose
 * @param region    the {@code --region} flag; when given, {@code overrides} holds it as {@code region}
 *                  (it wins over a {@code --set region=}), and messages about it name the flag
 * @param paper     the paper of report.pdf ({@code --paper})
 */
public record ReportJob(Path logs, Path out, Optional<Path> templates, boolean force, boolean strict,
                        Map<String, String> overrides, boolean pdf, Optional<Path> config, Optional<String> region, PaperSize paper) {
    public ReportJob {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(region, "region");
        if (region.isPresent()) {
            Map<String, String> withRegion = new LinkedHashMap<>(overrides);
            withRegion.put("region", region.get());
            overrides = withRegion;
        }
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** On A4. */
    public ReportJob(Path logs, Path out, Optional<Path> templates, boolean force, boolean strict,
                     Map<String, String> overrides, boolean pdf, Optional<Path> config, Optional<String> region) {
        this(logs, out, templates, force, strict, overrides, pdf, config, region, PaperSize.A4);
    }

    /** Without a {@code --region} flag. */
    public ReportJob(Path logs, Path out, Optional<Path> templates, boolean force, boolean strict,
                     Map<String, String> overrides, boolean pdf, Optional<Path> config) {
        this(logs, out, templates, force, strict, overrides, pdf, config, Optional.empty());
    }

    /** Without a {@code --config} file. */
    public ReportJob(Path logs, Path out, Optional<Path> templates, boolean force, boolean strict,
                     Map<String, String> overrides, boolean pdf) {
        this(logs, out, templates, force, strict, overrides, pdf, Optional.empty());
    }

}
