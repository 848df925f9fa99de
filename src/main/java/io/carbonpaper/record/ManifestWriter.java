package io.carbonpaper.record;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.carbonpaper.settings.ManifestReader;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes the {@code experiment.yaml} of a recording: the keys {@link ManifestReader} reads (name,
 * hardware, hours) and, for the reader of the report, what the recorder learned (host, CPU, GPUs
 * with UUIDs and power limits, start, end, command, exit code). Written through Jackson, so that any
 * text from the environment (a command line, a device name) is quoted safely. Replaced atomically
 * where the file system allows, so a reader never sees half a file.
 */
final class ManifestWriter {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    /** What is known of a recording, at its start ({@code end} empty) or at its end. */
    record Facts(String name, String host, String cpu, Instant start, Optional<Instant> end, List<String> command,
                 OptionalInt exitCode, List<NvmlDevices.Gpu> gpus, List<RaplZones.Zone> zones, Duration interval,
                 long samplerCpuNanos, long samples, List<String> warnings) {}

    private ManifestWriter() {}

    static void write(Path file, Facts f) throws IOException {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        ObjectNode root = nf.objectNode();
        root.put("name", f.name());
        if (!f.gpus().isEmpty()) {
            ObjectNode hw = root.putObject("hardware");
            hw.put("accelerator", f.gpus().get(0).name());
            hw.put("count", f.gpus().size());
        }
        f.end().ifPresent(end -> {
            double hours = Duration.between(f.start(), end).toNanos() / 3.6e12;
            if (hours > 0) root.put("hours", hours);
        });
        root.put("host", f.host());
        if (!f.cpu().isEmpty()) root.put("cpu", f.cpu());
        root.put("start", TraceWriter.TIME.format(f.start()));
        f.end().ifPresent(end -> root.put("end", TraceWriter.TIME.format(end)));
        ArrayNode cmd = root.putArray("command");
        f.command().forEach(cmd::add);
        f.exitCode().ifPresent(c -> root.put("exit_code", c));
        ArrayNode devices = root.putArray("devices");
        for (NvmlDevices.Gpu g : f.gpus()) {
            ObjectNode d = devices.addObject();
            d.put("index", g.index());
            d.put("kind", "gpu");
            d.put("name", g.name());
            d.put("uuid", g.uuid());
            g.powerLimitMilliwatts().ifPresent(mw -> d.put("power_limit_watts", mw / 1000.0));
            g.hasCounter().ifPresent(c -> d.put("energy_counter", c));
            d.put("shared_with_other_processes", g.everShared());
            if (g.lost()) d.put("lost", true);
        }
        for (RaplZones.Zone z : f.zones()) {
            ObjectNode d = devices.addObject();
            d.put("device", z.device());
            d.put("kind", z.kind());
        }
        if (f.gpus().stream().anyMatch(NvmlDevices.Gpu::everShared))
            root.put("notes", "other processes ran on GPU(s) "
                    + String.join(", ", f.gpus().stream().filter(NvmlDevices.Gpu::everShared).map(g -> Integer.toString(g.index())).toList())
                    + " during the recording; their energy includes those processes");
        ObjectNode rec = root.putObject("recorder");
        rec.put("tool", "carbonpaper record");
        Optional.ofNullable(ManifestWriter.class.getPackage().getImplementationVersion()).ifPresent(v -> rec.put("version", v));
        rec.put("trace", RecordTask.TRACE_FILE);
        rec.put("interval_ms", f.interval().toMillis());
        rec.put("samples", f.samples());
        if (f.samplerCpuNanos() >= 0) rec.put("sampler_cpu_seconds", f.samplerCpuNanos() / 1e9);
        if (!f.warnings().isEmpty()) {
            ArrayNode w = rec.putArray("warnings");
            f.warnings().forEach(w::add);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        YAML.writeValue(tmp.toFile(), root);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
