package io.carbonpaper.cli;

import io.carbonpaper.record.RecordException;
import io.carbonpaper.record.RecordJob;
import io.carbonpaper.record.RecordTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code carbonpaper record}: measures a command's GPU, CPU and DRAM power while it runs. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                // The first line is the summary `carbonpaper --help` lists: a whole sentence on its own.
                "Run COMMAND and record the power of its GPUs (NVML), CPU packages and DRAM (RAPL).",
                "The samples go to DIR/trace.csv, what it learned to DIR/experiment.yaml. Exits with the",
                "command's exit code. Without a command, records until interrupted (Ctrl-C)."},
        customSynopsis = "carbonpaper record --out DIR [--interval 100ms] [--gpus 0,2] -- [COMMAND [ARG...]]")
public final class RecordCommand implements Callable<Integer> {
    /** Exit code when the recording cannot start (picocli's code for a usage error). */
    static final int CANNOT_RECORD = 2;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for trace.csv and experiment.yaml (must not hold a recording yet).")
    Path out;

    @Option(names = "--interval", defaultValue = "100ms", paramLabel = "TIME", converter = IntervalConverter.class,
            description = "Time between samples: 100ms, 1s, 0.5s (10ms to 1h). Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--gpus", split = ",", paramLabel = "GPU",
            description = "GPUs to measure: NVML indices or UUID prefixes (0,2 or GPU-8f3a). Default: CUDA_VISIBLE_DEVICES, else all.")
    List<String> gpus;

    @Option(names = "--sysfs-root", defaultValue = "/sys/class/powercap", paramLabel = "DIR",
            description = "Where the powercap RAPL zones are. Default: ${DEFAULT-VALUE}.")
    Path sysfsRoot;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command to measure, after --.")
    List<String> command;

    @Override public Integer call() {
        RecordJob job = new RecordJob(out, interval, Optional.ofNullable(gpus), sysfsRoot,
                command == null ? List.of() : command, Optional.ofNullable(System.getenv("CUDA_VISIBLE_DEVICES")));
        try {
            return new RecordTask(job, System.err).run();
        } catch (RecordException e) {
            System.err.println("carbonpaper record: " + e.getMessage());
            return CANNOT_RECORD;
        } catch (IOException e) {
            System.err.println("carbonpaper record: cannot write " + out + ": " + e.getMessage());
            return CANNOT_RECORD;
        }
    }

    /** {@code 100ms}, {@code 1s}, {@code 0.5s}, {@code 2m}; a bare number is milliseconds. */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

        @Override public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip());
            if (!m.matches()) throw new TypeConversionException("'" + value + "' is not a time like 100ms, 1s or 0.5s");
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            double millis = switch (unit) {
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                default -> n;
            };
            if (millis < 10 || millis > 3_600_000) throw new TypeConversionException("'" + value + "': the interval must be between 10ms and 1h");
            return Duration.ofNanos(Math.round(millis * 1e6));
        }
    }
}
