package io.carbonpaper.settings;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.YamlDocument;

import io.carbonpaper.ingest.source.LogReader;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.model.CpuInfo;
import io.carbonpaper.model.Overrides;
import io.carbonpaper.model.Problem;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code experiment.yaml}: what an experiment declares about itself. Recognised by its
 * name (the manifest is carbonpaper's own convention), validated key by key with the line of
 * every wrong value.
 */
public final class ManifestReader implements LogReader {
    public static final String FILE_NAME = "experiment.yaml";

    private static final Set<String> KEYS = Set.of("name", "group", "label", "final", "hardware", "hours", "power_watts",
            "pue", "carbon_intensity_g_per_kwh", "region", "cloud_prices", "metrics", "hyperparameters",
            // written by `carbonpaper record`, informational
            "host", "cpu", "start", "end", "command", "exit_code", "devices", "recorder", "notes",
            // read by the prometheus source (ingest/prometheus)
            "prometheus_selector");

    @Override public String format() { return "experiment-manifest"; }

    @Override public boolean sniff(InputSource source) {
        return source.fileName().equals(FILE_NAME) || source.fileName().equals("experiment.yml");
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        YamlDocument doc = YamlDocument.parse(source);
        if (!doc.root().isObject()) throw new InputException(1, "expected a mapping of keys (name, hardware, hours, ...)");
        if (doc.root().isEmpty()) sink.problem(Problem.warning(source.name(), 0, "empty manifest: the experiment declares nothing"));
        for (Iterator<String> it = doc.root().fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) sink.problem(Problem.warning(source.name(), doc.lineOf(key), "unknown key '" + key + "' ignored"));
        }
        sink.accept(parse(doc, ""));
        // 'cpu' (written by `carbonpaper record`, or by hand): the CPU of a run without accelerators (issue 15, item 7).
        Optional<String> cpu = doc.string("cpu");
        if (cpu.isPresent() && !cpu.get().isBlank()) sink.accept(new CpuInfo(MANIFEST_CPU, cpu, Optional.empty()));
    }

    /** The {@link CpuInfo#source()} of a CPU named in the manifest: it wins over the logs'. */
    public static final String MANIFEST_CPU = "experiment.yaml";

    /**
     * The manifest keys under {@code prefix} ({@code ""} for a whole experiment.yaml,
     * {@code "defaults."} for a block of carbonpaper.yaml), validated with the line of every wrong
     * value. Unknown keys are the caller's to judge.
     */
    static Manifest parse(YamlDocument doc, String prefix) throws InputException {
        Optional<Double> hours = doc.number(prefix + "hours", 0, 1e8);
        if (hours.isPresent() && hours.get() <= 0)
            throw new InputException(doc.lineOf(prefix + "hours"), "'" + prefix + "hours' must be positive, found " + hours.get());
        return new Manifest(
                doc.string(prefix + "name"),
                doc.string(prefix + "group"),
                doc.string(prefix + "label"),
                doc.bool(prefix + "final"),
                doc.string(prefix + "hardware.accelerator"),
                doc.integer(prefix + "hardware.count", 1, io.carbonpaper.model.Plausible.MAX_DEVICES),
                hours.map(Hours::of),
                doc.number(prefix + "power_watts", 0, 1e9).map(Power::ofWatts),
                doc.number(prefix + "hardware.tdp_watts", 0, 1e6).map(Power::ofWatts),
                new Overrides(doc.number(prefix + "pue", Pue.MIN, Pue.MAX).map(Pue::of),
                        doc.number(prefix + "carbon_intensity_g_per_kwh", 0, 2000).map(CarbonIntensity::ofGramsPerKilowattHour),
                        doc.string(prefix + "region"),
                        doc.string(prefix + "cloud_prices")),
                numbers(doc, prefix + "metrics"),
                texts(doc, prefix + "hyperparameters"),
                lines(doc, prefix));
    }

    /** Lines of the keys a later check may need to point at (an unknown accelerator, say), keyed without the prefix. */
    private static Map<String, Long> lines(YamlDocument doc, String prefix) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String k : new String[] {"hardware", "hardware.accelerator", "hardware.count", "hardware.tdp_watts", "hours", "region", "cloud_prices"}) {
            long l = doc.lineOf(prefix + k);
            if (l > 0) out.put(k, l);
        }
        return out;
    }

    private static Map<String, Double> numbers(YamlDocument doc, String path) throws InputException {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode n = doc.node(path);
        if (n == null) return out;
        if (!n.isObject()) throw new InputException(doc.lineOf(path), "'" + path + "' must be a mapping of names to numbers");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber())
                throw new InputException(doc.lineOf(path + "." + e.getKey()), "metric '" + e.getKey() + "' must be a number");
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    private static Map<String, String> texts(YamlDocument doc, String path) throws InputException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = doc.node(path);
        if (n == null) return out;
        if (!n.isObject()) throw new InputException(doc.lineOf(path), "'" + path + "' must be a mapping");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        return out;
    }
}
