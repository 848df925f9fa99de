package io.carbonpaper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.model.ProjectConfig;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.EnergyPrice;
import io.carbonpaper.unit.MassUnit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code carbonpaper.yaml} at the root of the logs folder and applies {@code --set}
 * overrides. Unlike manifests, an unknown key or a wrong type here is an error: a typo in a
 * project setting would otherwise silently change every number in the report.
 */
public final class ProjectConfigReader {
    public static final String FILE_NAME = "carbonpaper.yaml";

    private static final Set<String> KEYS = Set.of("title", "units", "pue", "region", "carbon_intensity_g_per_kwh",
            "cloud_prices", "electricity_price_per_kwh", "currency", PrometheusSourceReader.SECTION);

    private ProjectConfigReader() {}

    /**
     * @param logs      the logs folder; its carbonpaper.yaml is optional
     * @param overrides {@code key=value} pairs from the command line, which win
     * @throws InputException naming the line (0 for an override) of the first bad setting
     */
    public static ProjectConfig read(Path logs, Map<String, String> overrides) throws IOException {
        Path file = logs.resolve(FILE_NAME);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        YamlDocument doc = null;
        if (Files.isRegularFile(file)) {
            doc = YamlDocument.parse(new InputSource(file, FILE_NAME));
            if (!doc.root().isObject()) throw new InputException(1, "expected a mapping of settings");
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.root().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!KEYS.contains(e.getKey()))
                    throw new InputException(doc.lineOf(e.getKey()), "unknown setting '" + e.getKey() + "' (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
                if (e.getKey().equals(PrometheusSourceReader.SECTION)) continue; // a section of its own, read below
                values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().isNumber() ? (Object) e.getValue().asDouble() : e.getValue().asText());
                lines.put(e.getKey(), doc.lineOf(e.getKey()));
            }
        }
        Map<String, String> prometheus = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (o.getKey().startsWith(PrometheusSourceReader.SECTION + ".")) {
                prometheus.put(o.getKey().substring(PrometheusSourceReader.SECTION.length() + 1), o.getValue());
                continue;
            }
            if (!KEYS.contains(o.getKey()) || o.getKey().equals(PrometheusSourceReader.SECTION)) throw new InputException(0, "unknown setting '" + o.getKey() + "' in --set");
            values.put(o.getKey(), o.getValue());
            lines.put(o.getKey(), 0L);
        }
        ProjectConfig d = ProjectConfig.defaults();
        String currency = text(values, "currency").orElse("USD");
        return new ProjectConfig(
                text(values, "title").orElse(d.title()),
                unit(values, lines),
                number(values, lines, "pue", 1.0, 3.0),
                text(values, "region"),
                number(values, lines, "carbon_intensity_g_per_kwh", 0, 2000).map(CarbonIntensity::ofGramsPerKilowattHour),
                text(values, "cloud_prices"),
                number(values, lines, "electricity_price_per_kwh", 0, 100).map(p -> new EnergyPrice(p, currency)),
                PrometheusSourceReader.read(doc, prometheus, logs));
    }

    private static Optional<String> text(Map<String, Object> v, String key) {
        Object o = v.get(key);
        return o == null ? Optional.empty() : Optional.of(o.toString());
    }

    private static MassUnit unit(Map<String, Object> v, Map<String, Long> lines) throws InputException {
        Object o = v.get("units");
        if (o == null) return MassUnit.KG;
        try {
            return MassUnit.parse(o.toString());
        } catch (IllegalArgumentException e) {
            throw new InputException(lines.get("units"), e.getMessage());
        }
    }

    private static Optional<Double> number(Map<String, Object> v, Map<String, Long> lines, String key, double min, double max)
            throws InputException {
        Object o = v.get(key);
        if (o == null) return Optional.empty();
        double d;
        try {
            d = o instanceof Double x ? x : Double.parseDouble(o.toString());
        } catch (NumberFormatException e) {
            throw new InputException(lines.get(key), "'" + key + "' must be a number, found '" + o + "'");
        }
        if (!Double.isFinite(d) || d < min || d > max)
            throw new InputException(lines.get(key), "'" + key + "' must be between " + min + " and " + max + ", found " + o);
        return Optional.of(d);
    }
}
