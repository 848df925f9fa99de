package io.carbonpaper.settings;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.YamlDocument;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.model.Overrides;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Pue;
import io.carbonpaper.unit.EnergyPrice;
import io.carbonpaper.unit.MassUnit;
import io.carbonpaper.unit.Money;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads {@code carbonpaper.yaml} at the root of the logs folder and applies {@code --set}
 * overrides ({@code owned.purchase_usd=20000} reaches into the {@code owned:} block). The
 * {@code prometheus:} section is read by {@link PrometheusSourceReader}. Unlike
 * manifests, an unknown key or a wrong type here is an error at the key's line: a typo in a
 * project setting would otherwise silently change every number in the report. An override's
 * line is 0 and its message names {@code --set}.
 */
public final class ProjectConfigReader {
    public static final String FILE_NAME = "carbonpaper.yaml";

    /** Every setting and the type of its value; {@code owned} is a mapping of the {@code owned.*} keys. */
    private enum Type { TEXT, NUMBER, INTEGER, BOOLEAN, LIST, MAPPING }

    private static final Map<String, Type> KEYS = new LinkedHashMap<>();
    /** Hourly grid intensity files (issue 21): a path relative to the logs folder, or a list of them. */
    static final String GRID_SERIES = "grid_series";

    static {
        for (String k : List.of("title", "units", "region", "cloud_prices", "currency", "group_by", "final_group",
                "tune_group", "rnd_price_accelerator", "owned.accelerator", "timezone")) KEYS.put(k, Type.TEXT);
        for (String k : List.of("pue", "carbon_intensity_g_per_kwh", "electricity_price_per_kwh", "owned.purchase_usd",
                "owned.lifetime_years", "owned.hosting_usd_per_year", "owned.hosting_fraction_per_year",
                "owned.utilisation")) KEYS.put(k, Type.NUMBER);
        KEYS.put("owned.servers", Type.INTEGER);
        KEYS.put("owned.accelerators_per_server", Type.INTEGER);
        KEYS.put("embodied", Type.BOOLEAN);
        KEYS.put("experiment_pages", Type.BOOLEAN);
        KEYS.put("published_models", Type.BOOLEAN);
        KEYS.put("gap_factor", Type.NUMBER);
        KEYS.put("fill_gaps", Type.BOOLEAN);
        KEYS.put("regions", Type.LIST);
        KEYS.put(GRID_SERIES, Type.LIST);
        KEYS.put("owned", Type.MAPPING);
    }

    /** A setting's value as read: a YAML node, or the text of an override. */
    private record Value(JsonNode node, String text, long line, boolean override) {
        String where() { return override ? "--set " : ""; }
    }

    private ProjectConfigReader() {}

    /**
     * The settings of the project at {@code logs}, as the tasks read them before ingest: like
     * {@link #read}, with the file named in the message ({@code carbonpaper.yaml:12: ...}).
     *
     * @throws InputException naming the file and line (0 for an override) of the first bad setting
     */
    public static ProjectConfig readProject(Path logs, Map<String, String> overrides) throws IOException {
        return readProject(logs, overrides, new ArrayList<>());
    }

    /**
     * As {@link #readProject(Path, Map)}, and {@code ignored} receives a warning for each setting of
     * the logs folder's carbonpaper.yaml that only the user may give (a Prometheus server, its token).
     */
    public static ProjectConfig readProject(Path logs, Map<String, String> overrides, List<io.carbonpaper.model.Problem> ignored) throws IOException {
        try {
            return read(logs, overrides, ignored);
        } catch (InputException e) {
            throw new InputException(e.line(), FILE_NAME + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
        }
    }

    /**
     * Where the value of the top-level setting {@code key} came from, for a message about it:
     * {@code --set key=VALUE} when an override gives it, {@code carbonpaper.yaml:LINE: key} when the
     * logs folder's file does, otherwise the bare key. Read again only when a message needs it.
     */
    public static String origin(Path logs, Map<String, String> overrides, String key) {
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (o.getKey().trim().equals(key)) return "--set " + key + "=" + o.getValue();
        }
        Path file = logs == null ? null : logs.resolve(FILE_NAME);
        if (file != null && Files.isRegularFile(file)) {
            try {
                YamlDocument doc = YamlDocument.parse(new InputSource(file, FILE_NAME));
                long line = doc.lineOf(key);
                if (doc.node(key) != null && line > 0) return FILE_NAME + ":" + line + ": " + key;
            } catch (IOException e) {
                // The file was read once already; if it cannot be read again, the key alone still names the setting.
            }
        }
        return key;
    }

    /** The defaults with {@code --set key=value} overrides applied, for a run that has no logs folder ({@code estimate}). */
    public static ProjectConfig fromOverrides(Map<String, String> overrides) throws IOException {
        return read(null, overrides, new ArrayList<>());
    }

    /**
     * @param logs      the logs folder; its carbonpaper.yaml is optional ({@code null}: none)
     * @param overrides {@code key=value} pairs from the command line, which win
     * @throws InputException naming the line (0 for an override) of the first bad setting
     */
    public static ProjectConfig read(Path logs, Map<String, String> overrides) throws IOException {
        return read(logs, overrides, new ArrayList<>());
    }

    private static ProjectConfig read(Path logs, Map<String, String> overrides, List<io.carbonpaper.model.Problem> ignored) throws IOException {
        Path file = logs == null ? null : logs.resolve(FILE_NAME);
        Map<String, Value> values = new LinkedHashMap<>();
        YamlDocument doc = null;
        if (file != null && Files.isSymbolicLink(file)) {
            // Links in a logs folder are never followed (LogScanner): the settings are not read, and the report says so once.
            ignored.add(io.carbonpaper.model.Problem.warning(FILE_NAME, 0, "a symbolic link; not read (carbonpaper follows no link in a logs"
                    + " folder): the project's settings are the defaults and --set; copy the file in instead of linking it"));
        } else if (file != null && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            doc = YamlDocument.parse(InputSource.inside(logs, FILE_NAME));
            if (!doc.root().isObject()) throw new InputException(1, "expected a mapping of settings");
            collect(doc, doc.root(), "", values);
        }
        Map<String, String> prometheus = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String key = o.getKey().trim();
            if (key.startsWith(PrometheusSourceReader.SECTION + ".")) {
                prometheus.put(key.substring(PrometheusSourceReader.SECTION.length() + 1), o.getValue());
                continue;
            }
            Type t = KEYS.get(key);
            if (t == null || t == Type.MAPPING) throw new InputException(0, "unknown setting '" + key + "' in --set (known: " + known() + ")");
            values.put(key, new Value(null, o.getValue(), 0, true));
        }
        return build(values, PrometheusSourceReader.read(doc, prometheus, ignored)).withExperimentDefaults(experimentDefaults(doc))
                .withGridSeries(gridSeries(logs, values.get(GRID_SERIES)))
                .withPublishedModels(bool(values, "published_models").orElse(false));
    }

    /**
     * The {@code grid_series:} paths, each a readable regular file. The logs folder is untrusted input, so a
     * path in its carbonpaper.yaml must stay inside it: no absolute path, no {@code ..} out of it, no symbolic
     * link whose target lies outside (as {@link io.carbonpaper.ingest.LogScanner} refuses such links). A
     * {@code --set} override is the user's own word and may name a file anywhere.
     */
    private static List<String> gridSeries(Path logs, Value val) throws InputException {
        if (val == null) return List.of();
        List<String> paths;
        if (!val.override() && val.node().isValueNode()) paths = List.of(val.node().asText().trim());
        else paths = list(Map.of(GRID_SERIES, val), GRID_SERIES);
        if (paths.isEmpty() || paths.stream().anyMatch(String::isBlank))
            throw bad(val, GRID_SERIES, "a file in the logs folder, or a list of them", val.override() ? val.text() : val.node().toString());
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String why = unusable(logs, p, val.override());
            if (why != null) throw new InputException(val.line(), val.where() + "'" + GRID_SERIES + "' names '" + p + "', which " + why);
            if (out.contains(p)) throw new InputException(val.line(), val.where() + "'" + GRID_SERIES + "' names '" + p + "' twice");
            out.add(p);
        }
        return out;
    }

    /** Why {@code p} cannot be read as a series, or null when it can. */
    private static String unusable(Path logs, String p, boolean user) {
        if (logs == null) return "needs a logs folder";
        Path named;
        try {
            named = Path.of(p);
        } catch (RuntimeException e) {
            return "is not a path";
        }
        Path file = logs.resolve(named).toAbsolutePath().normalize();
        if (!user) {
            if (named.isAbsolute()) return "is outside the logs folder (an absolute path; name it relative to the folder)";
            if (!file.startsWith(logs.toAbsolutePath().normalize())) return "is outside the logs folder";
        }
        if (!Files.exists(file)) return "does not exist";
        if (!Files.isRegularFile(file)) return "is not a file";
        if (!user) {
            try {
                if (!file.toRealPath().startsWith(logs.toRealPath()))
                    return "is a symbolic link to a file outside the logs folder, which carbonpaper does not follow";
            } catch (IOException e) {
                return "cannot be resolved (" + e.getClass().getSimpleName() + ")";
            }
        }
        if (!Files.isReadable(file)) return "cannot be read";
        return null;
    }

    /** The blocks that speak for many experiments at once (see {@link ExperimentDefaults}). */
    static final String DEFAULTS = "defaults", FOLDERS = "folders";
    /** What {@code defaults:} may say: what an experiment's evidence may lack. */
    private static final List<String> DEFAULT_KEYS = List.of("hardware", "hours", "power_watts", "pue", "carbon_intensity_g_per_kwh",
            "region", "cloud_prices");
    /** What a {@code folders:} rule may say: also how its experiments are grouped and labelled. */
    private static final List<String> FOLDER_KEYS = List.of("hardware", "hours", "power_watts", "pue", "carbon_intensity_g_per_kwh",
            "region", "cloud_prices", "group", "label", "final");

    private static ExperimentDefaults experimentDefaults(YamlDocument doc) throws InputException {
        if (doc == null) return ExperimentDefaults.NONE;
        Optional<Manifest> all = Optional.empty();
        JsonNode d = doc.node(DEFAULTS);
        if (d != null) {
            manifestBlock(doc, DEFAULTS, DEFAULT_KEYS);
            all = Optional.of(ManifestReader.parse(doc, DEFAULTS + "."));
        }
        List<ExperimentDefaults.FolderRule> rules = new ArrayList<>();
        JsonNode f = doc.node(FOLDERS);
        if (f != null) {
            if (!f.isObject()) throw new InputException(doc.lineOf(FOLDERS), "'folders' must map folder patterns to settings, as in  \"runs/*\": {hardware: {accelerator: A100, count: 1}}");
            for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
                String pattern = it.next();
                String path = FOLDERS + "." + pattern;
                if (pattern.contains("."))
                    throw new InputException(doc.lineOf(FOLDERS), "folder pattern '" + pattern + "' cannot contain '.' (settings are addressed by dotted paths); write ? in its place");
                try {
                    FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                } catch (RuntimeException e) {
                    throw new InputException(doc.lineOf(path), "'" + pattern + "' is not a folder pattern: " + e.getMessage());
                }
                manifestBlock(doc, path, FOLDER_KEYS);
                rules.add(new ExperimentDefaults.FolderRule(pattern, ManifestReader.parse(doc, path + ".")));
            }
        }
        return new ExperimentDefaults(all, rules);
    }

    /** A block of manifest keys: a mapping, and only of the keys it may have (an error at the line of the first other). */
    private static void manifestBlock(YamlDocument doc, String path, List<String> allowed) throws InputException {
        JsonNode n = doc.node(path);
        if (!n.isObject()) throw new InputException(doc.lineOf(path), "'" + path + "' must be a mapping (" + String.join(", ", allowed) + ")");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key))
                throw new InputException(doc.lineOf(path + "." + key), "unknown key '" + key + "' in '" + path + "' (known: " + String.join(", ", allowed) + ")");
        }
    }

    private static void collect(YamlDocument doc, JsonNode node, String prefix, Map<String, Value> out) throws InputException {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (key.equals(PrometheusSourceReader.SECTION)) continue; // a section of its own, read by PrometheusSourceReader
            if (key.equals(DEFAULTS) || key.equals(FOLDERS)) continue; // manifest keys, read by experimentDefaults
            long line = doc.lineOf(key);
            Type t = KEYS.get(key);
            if (t == null) throw new InputException(line, "unknown setting '" + key + "' (known: " + known() + ")");
            if (t == Type.MAPPING) {
                if (e.getValue().isNull()) continue;
                if (!e.getValue().isObject()) throw new InputException(line, "'" + key + "' must be a mapping of settings");
                out.put(key, new Value(e.getValue(), null, line, false));
                collect(doc, e.getValue(), key + ".", out);
                continue;
            }
            if (e.getValue().isNull()) continue;
            out.put(key, new Value(e.getValue(), null, line, false));
        }
    }

    private static String known() {
        TreeSet<String> k = new TreeSet<>(KEYS.keySet());
        k.remove("owned");
        k.add(PrometheusSourceReader.SECTION);
        k.add(DEFAULTS);
        k.add(FOLDERS);
        return String.join(", ", k);
    }

    private static ProjectConfig build(Map<String, Value> v, Optional<PrometheusSource> prometheus) throws InputException {
        ProjectConfig d = ProjectConfig.defaults();
        String currency = text(v, "currency").orElse("USD");
        if (!currency.matches("[A-Z]{3}")) throw bad(v.get("currency"), "currency", "an ISO 4217 code such as USD or EUR", currency);
        MassUnit units = MassUnit.KG;
        if (v.containsKey("units")) {
            try {
                units = MassUnit.parse(text(v, "units").orElseThrow());
            } catch (IllegalArgumentException e) {
                throw new InputException(v.get("units").line(), v.get("units").where() + e.getMessage());
            }
        }
        ProjectConfig.GroupBy groupBy = ProjectConfig.GroupBy.AUTO;
        if (v.containsKey("group_by")) {
            try {
                groupBy = ProjectConfig.GroupBy.parse(text(v, "group_by").orElseThrow());
            } catch (IllegalArgumentException e) {
                throw new InputException(v.get("group_by").line(), v.get("group_by").where() + e.getMessage());
            }
        }
        return new ProjectConfig(
                text(v, "title").orElse(d.title()),
                units,
                new Overrides(number(v, "pue", Pue.MIN, Pue.MAX).map(Pue::of),
                        number(v, "carbon_intensity_g_per_kwh", 0, 2000).map(CarbonIntensity::ofGramsPerKilowattHour),
                        text(v, "region"),
                        text(v, "cloud_prices")),
                number(v, "electricity_price_per_kwh", 0, 100).map(p -> new EnergyPrice(p, currency)),
                prometheus,
                groupBy,
                text(v, "final_group").orElse(ProjectConfig.DEFAULT_FINAL_GROUP),
                text(v, "tune_group"),
                text(v, "rnd_price_accelerator"),
                owned(v),
                bool(v, "embodied").orElse(false),
                list(v, "regions"),
                bool(v, "experiment_pages"),
                traces(v));
    }

    /** {@code gap_factor}, {@code fill_gaps} and {@code timezone}: how the readers read the logs. */
    private static io.carbonpaper.model.TraceSettings traces(Map<String, Value> v) throws InputException {
        double gapFactor = number(v, "gap_factor", 1.01, 1000).orElse(io.carbonpaper.model.TraceSettings.DEFAULT.gapFactor());
        boolean fillGaps = bool(v, "fill_gaps").orElse(false);
        Optional<java.time.ZoneId> zone = zone(v);
        return zone.isPresent() ? new io.carbonpaper.model.TraceSettings(gapFactor, fillGaps, zone.get())
                : new io.carbonpaper.model.TraceSettings(gapFactor, fillGaps);
    }

    /**
     * {@code timezone}: where the logs' timestamps without a zone were written, an IANA name
     * ({@code Europe/Amsterdam}) or an offset from UTC ({@code +05:30}); empty when absent (read as UTC).
     */
    private static Optional<java.time.ZoneId> zone(Map<String, Value> v) throws InputException {
        Optional<String> text = text(v, "timezone");
        if (text.isEmpty()) return Optional.empty();
        String t = text.get().trim();
        try {
            return Optional.of(java.time.ZoneId.of(t.equalsIgnoreCase("utc") ? "UTC" : t));
        } catch (java.time.DateTimeException e) {
            Value val = v.get("timezone");
            throw new InputException(val.line(), val.where() + "timezone: '" + t + "' is not a time zone; give the zone the logs"
                    + " were written in as an IANA name (Europe/Amsterdam, America/New_York) or an offset from UTC (+05:30)");
        }
    }

    private static Optional<OwnedHardware> owned(Map<String, Value> v) throws InputException {
        boolean any = v.keySet().stream().anyMatch(k -> k.startsWith("owned."));
        if (!any) return Optional.empty();
        for (String required : List.of("owned.accelerator", "owned.purchase_usd", "owned.lifetime_years")) {
            if (!v.containsKey(required)) {
                Value block = v.get("owned");
                throw new InputException(block == null ? 0 : block.line(), (block == null ? "--set " : "")
                        + "the 'owned' block needs '" + required.substring(6) + "'");
            }
        }
        return Optional.of(new OwnedHardware(
                text(v, "owned.accelerator").orElseThrow(),
                integer(v, "owned.accelerators_per_server", 1, 1024).orElse(1),
                integer(v, "owned.servers", 1, io.carbonpaper.model.Plausible.MAX_DEVICES).orElse(1),
                Money.usd(number(v, "owned.purchase_usd", 0, 1e12).orElseThrow()),
                lifetime(v),
                Money.usd(number(v, "owned.hosting_usd_per_year", 0, 1e12).orElse(0.0)),
                number(v, "owned.hosting_fraction_per_year", 0, 10).orElse(0.0),
                utilisation(v)));
    }

    private static Optional<Double> utilisation(Map<String, Value> v) throws InputException {
        Optional<Double> u = number(v, "owned.utilisation", 0, 1);
        if (u.isPresent() && u.get() == 0) throw bad(v.get("owned.utilisation"), "owned.utilisation", "a share greater than 0 and at most 1", "0");
        return u;
    }

    /** A server's life in years: a month to a century ({@code 1e-300} years would make it free to own in no time). */
    private static double lifetime(Map<String, Value> v) throws InputException {
        double d = number(v, "owned.lifetime_years", 0, io.carbonpaper.model.Plausible.MAX_LIFETIME_YEARS).orElseThrow();
        if (d < io.carbonpaper.model.Plausible.MIN_LIFETIME_YEARS)
            throw bad(v.get("owned.lifetime_years"), "owned.lifetime_years", "between 0.0833 (a month) and 100 years",
                    v.get("owned.lifetime_years").text() != null ? v.get("owned.lifetime_years").text() : v.get("owned.lifetime_years").node().asText());
        return d;
    }

    private static InputException bad(Value val, String key, String expected, String found) {
        return new InputException(val == null ? 0 : val.line(), (val == null ? "" : val.where()) + "'" + key + "' must be " + expected + ", found '" + found + "'");
    }

    private static Optional<String> text(Map<String, Value> v, String key) throws InputException {
        Value val = v.get(key);
        if (val == null) return Optional.empty();
        if (val.override()) return Optional.of(val.text().trim());
        if (!val.node().isValueNode()) throw bad(val, key, "text", val.node().isArray() ? "a list" : "a mapping");
        return Optional.of(val.node().asText());
    }

    private static Optional<Double> number(Map<String, Value> v, String key, double min, double max) throws InputException {
        Value val = v.get(key);
        if (val == null) return Optional.empty();
        double d;
        String shown;
        if (val.override()) {
            shown = val.text().trim();
            try {
                d = Double.parseDouble(shown);
            } catch (NumberFormatException e) {
                throw bad(val, key, "a number", shown);
            }
        } else {
            shown = val.node().isValueNode() ? val.node().asText() : val.node().isArray() ? "a list" : "a mapping";
            if (!val.node().isNumber()) throw bad(val, key, "a number", shown);
            d = val.node().asDouble();
        }
        if (!Double.isFinite(d) || d < min || d > max)
            throw bad(val, key, "between " + plain(min) + " and " + plain(max), shown);
        return Optional.of(d);
    }

    private static Optional<Integer> integer(Map<String, Value> v, String key, int min, int max) throws InputException {
        Value val = v.get(key);
        if (val == null) return Optional.empty();
        long n;
        String shown;
        if (val.override()) {
            shown = val.text().trim();
            try {
                n = Long.parseLong(shown);
            } catch (NumberFormatException e) {
                throw bad(val, key, "a whole number", shown);
            }
        } else {
            shown = val.node().isValueNode() ? val.node().asText() : "a " + (val.node().isArray() ? "list" : "mapping");
            if (!val.node().isIntegralNumber()) throw bad(val, key, "a whole number", shown);
            n = val.node().asLong();
        }
        if (n < min || n > max) throw bad(val, key, "a whole number between " + min + " and " + max, shown);
        return Optional.of((int) n);
    }

    private static Optional<Boolean> bool(Map<String, Value> v, String key) throws InputException {
        Value val = v.get(key);
        if (val == null) return Optional.empty();
        if (val.override()) {
            String s = val.text().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true")) return Optional.of(true);
            if (s.equals("false")) return Optional.of(false);
            throw bad(val, key, "true or false", val.text());
        }
        if (!val.node().isBoolean()) throw bad(val, key, "true or false", val.node().isValueNode() ? val.node().asText() : "a mapping or list");
        return Optional.of(val.node().asBoolean());
    }

    /** A YAML list of text, or a comma-separated override. */
    private static List<String> list(Map<String, Value> v, String key) throws InputException {
        Value val = v.get(key);
        if (val == null) return List.of();
        if (val.override())
            return Arrays.stream(val.text().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (!val.node().isArray()) throw bad(val, key, "a list such as [us-epa-2018, FRA]", val.node().isValueNode() ? val.node().asText() : "a mapping");
        List<String> out = new ArrayList<>();
        for (JsonNode n : val.node()) {
            if (!n.isValueNode() || n.isNull()) throw bad(val, key, "a list of grid keys", n.toString());
            out.add(n.asText());
        }
        return out;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
