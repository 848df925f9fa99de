package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LocalTimestamp;
import io.carbonpaper.ingest.source.LogReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GPU power logs people write themselves, with a script around {@code nvidia-smi},
 * pynvml or DCGM, whose columns are named by hand. Tried after every other reader, it takes a
 * delimited file (comma, semicolon or tab) whose first line names a time column and power in one
 * of three shapes:
 * <ul>
 * <li><b>long</b>: a power column ({@code power}, {@code power_W}, {@code power_draw_watts},
 *     {@code gpu_power_mw}, ...) and, optionally, a device column ({@code gpu_index}, {@code gpu},
 *     {@code device}, {@code uuid}, ...); one row per device and time. Without a device column, the
 *     rows of one time are the devices in order, as {@code nvidia-smi --query-gpu} writes them.</li>
 * <li><b>wide</b>: one power column per device ({@code GPU0,GPU1}, {@code gpu_0_power_w},
 *     {@code power_gpu1}); one row per time.</li>
 * <li><b>field</b>: a device, a time, a field name and a value ({@code GPUId,TimeStampUs,Field,Values},
 *     as DCGM's sample {@code dcgm_dmon} writes); the rows whose field is power
 *     ({@code power_usage}, {@code power_usage_instant}, {@code DCGM_FI_DEV_POWER_USAGE}, field 155)
 *     are the samples, the other fields are passed over.</li>
 * </ul>
 * Times are epoch numbers (the unit from the column's name, {@code _ms}, {@code Us}, ..., else from
 * their size: seconds up to 10^11, then milliseconds, microseconds, nanoseconds) or ISO-8601 dates
 * (read as UTC without a zone, as every local time in carbonpaper). Power is in watts unless the
 * column says milliwatts ({@code mW}); a trailing {@code W} on a value is accepted, {@code N/A} and
 * blanks are missing samples. The devices have no names in such files; the reader says which
 * columns it took, so that a wrong guess shows in the report.
 */
public final class PowerCsvReader implements LogReader {
    public static final String FORMAT = "power-csv";

    private static final Pattern TIME = Pattern.compile(
            "(timestamp|time|ts|datetime|date_time|epoch|unix_?time|wall_?time|time_?stamp)_?(s|sec|secs|seconds|ms|millis|milliseconds|us|usec|micros|microseconds|ns|nanos|nanoseconds|utc|iso)?");
    private static final Pattern DEVICE = Pattern.compile(
            "gpu|gpus|gpu_?index|gpu_?idx|gpu_?id|gpu_?num|gpu_?uuid|gpu_?bus_?id|index|idx|device|device_?id|device_?index|device_?idx|dev|uuid|card|bus_?id");
    private static final String WATT_UNIT = "(?:_?(w|watt|watts|mw|milliwatt|milliwatts))?";
    private static final Pattern POWER = Pattern.compile("(?:gpu_?)?(?:power|pwr|watts)(?:_?draw|_?usage|_?instant)*" + WATT_UNIT);
    private static final Pattern WIDE = Pattern.compile(
            "(?:gpu_?(\\d{1,3})(?:_?(?:power|pwr)(?:_?draw|_?usage)?)?|(?:power|pwr)(?:_?draw|_?usage)?_?gpu_?(\\d{1,3}))" + WATT_UNIT);
    private static final Pattern FIELD = Pattern.compile("field|field_?name|metric|metric_?name|name|key|measurement");
    private static final Pattern VALUE = Pattern.compile("value|values|val|reading|sample");
    private static final Pattern POWER_FIELD = Pattern.compile(
            "(?:dcgm_fi_dev_)?(?:gpu_?)?(?:power|pwr)(?:_?draw|_?usage|_?instant)*" + WATT_UNIT + "|155");

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        List<String> lines = head.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).limit(4).toList();
        if (lines.size() < 2) return false;
        Layout layout = Layout.of(lines.get(0));
        if (layout == null) return false;
        // The first data line must have the header's fields and a time in the time column.
        String[] f = layout.split(lines.get(1));
        return f.length == layout.fields && layout.time(f[layout.time]) != null;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        TraceIntegrator integrator = TraceIntegrator.forFile(source, FORMAT);
        Layout layout = null;
        long headerLine = 0;
        TreeMap<String, Long> otherFields = new TreeMap<>();
        String lastTime = null;
        int position = 0;
        try (BufferedReader r = source.reader()) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) continue;
                if (layout == null) {
                    layout = Layout.of(line);
                    if (layout == null) throw new InputException(no, "expected a header naming a time column and a power column, found '" + clip(line) + "'");
                    layout.clock = integrator.clock();
                    headerLine = no;
                    continue;
                }
                String[] f = layout.split(line);
                if (f.length == layout.fields && norm(f[layout.time]).equals(norm(layout.names.get(layout.time)))) continue; // a repeated header
                if (f.length != layout.fields) {
                    problems.error(no, "expected " + layout.fields + " fields as in the header, found " + f.length);
                    continue;
                }
                Long micros = layout.time(f[layout.time]);
                if (micros == null) {
                    problems.error(no, "expected a time under '" + layout.names.get(layout.time) + "', found '" + clip(f[layout.time]) + "'");
                    continue;
                }
                switch (layout.shape) {
                    case LONG -> {
                        String device;
                        if (layout.device >= 0) {
                            device = f[layout.device];
                            if (device.isEmpty()) {
                                problems.error(no, "no device under '" + layout.names.get(layout.device) + "'");
                                continue;
                            }
                        } else {
                            String t = f[layout.time];
                            position = t.equals(lastTime) ? position + 1 : 0;
                            lastTime = t;
                            device = Integer.toString(position);
                        }
                        sample(integrator, problems, no, device, micros, f[layout.power], layout.scale, layout.names.get(layout.power));
                    }
                    case WIDE -> {
                        for (int i = 0; i < layout.wide.size(); i++) {
                            int c = layout.wide.get(i);
                            sample(integrator, problems, no, layout.wideDevice.get(i), micros, f[c], layout.wideScale.get(i), layout.names.get(c));
                        }
                    }
                    case FIELD -> {
                        String name = norm(f[layout.field]);
                        Matcher m = POWER_FIELD.matcher(name);
                        if (!m.matches()) {
                            otherFields.merge(f[layout.field], 1L, Long::sum);
                            continue;
                        }
                        String device = f[layout.device];
                        if (device.isEmpty()) {
                            problems.error(no, "no device under '" + layout.names.get(layout.device) + "'");
                            continue;
                        }
                        sample(integrator, problems, no, device, micros, f[layout.power], scale(m.group(1)), f[layout.field]);
                    }
                }
            }
        }
        if (layout == null) throw new InputException(0, "empty: no header naming a time column and a power column");
        problems.note(headerLine, layout.describe()
                + (otherFields.isEmpty() ? "" : "; rows of other fields passed over: " + summary(otherFields)));
        problems.finish();
        if (integrator.isEmpty()) {
            problems.error(0, "no usable power samples after the header");
            return;
        }
        sink.accept(integrator.finish(Optional.empty(), Optional.empty()));
    }

    private static void sample(TraceIntegrator integrator, TraceProblems problems, long no, String device, long micros, String raw,
                               double scale, String column) {
        String v = raw;
        if (v.endsWith("W") || v.endsWith("w")) v = v.substring(0, v.length() - 1).strip();
        if (v.isEmpty() || v.equalsIgnoreCase("N/A") || v.equalsIgnoreCase("[N/A]") || v.equalsIgnoreCase("nan") || v.equals("-")) {
            integrator.missing(column + " blank or N/A");
            return;
        }
        double w;
        try {
            w = Double.parseDouble(v) * scale;
        } catch (NumberFormatException e) {
            problems.error(no, "expected watts under '" + column + "', found '" + clip(raw) + "'");
            return;
        }
        if (!Double.isFinite(w)) {
            problems.error(no, "expected watts under '" + column + "', found '" + clip(raw) + "'");
            return;
        }
        String implausible = TraceIntegrator.implausible("gpu", w);
        if (implausible != null) problems.warning(no, implausible);
        integrator.power(device, "gpu", micros, w);
    }

    private static double scale(String unit) {
        return unit != null && unit.startsWith("m") ? 1e-3 : 1.0;
    }

    private static String summary(TreeMap<String, Long> counts) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (var e : counts.entrySet()) {
            if (n++ == 8) {
                b.append(", and ").append(counts.size() - 8).append(" more");
                break;
            }
            if (b.length() > 0) b.append(", ");
            b.append(clip(e.getKey())).append(" (").append(e.getValue()).append(")");
        }
        return b.toString();
    }

    private static String clip(String s) {
        String t = s.strip();
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }

    /** A column name reduced to lower-case words joined by {@code _}: {@code "Power (W)"} is {@code power_w}. */
    static String norm(String name) {
        String n = name.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) n = n.substring(1, n.length() - 1);
        // camelCase boundaries become word boundaries (TimeStampUs -> time_stamp_us), but not a unit's
        // prefix after a separator (power_mW stays power_mw), then everything lower case.
        n = n.replaceAll("(?<=[a-z0-9]{2})(?=[A-Z])", "_").toLowerCase(Locale.ROOT);
        n = n.replaceAll("[^a-z0-9]+", "_");
        return n.replaceAll("^_+|_+$", "");
    }

    private enum Shape { LONG, WIDE, FIELD }

    /** What the header says: where the time, the devices and the power are. */
    private static final class Layout {
        final char delimiter;
        final List<String> names;
        final int fields;
        final Shape shape;
        final int time;
        final long timeUnitMicros; // 0: from the numbers' size
        int device = -1, power = -1, field = -1;
        double scale = 1.0;
        final List<Integer> wide = new ArrayList<>();
        final List<String> wideDevice = new ArrayList<>();
        final List<Double> wideScale = new ArrayList<>();

        private Layout(char delimiter, List<String> names, Shape shape, int time, long unit) {
            this.delimiter = delimiter;
            this.names = names;
            this.fields = names.size();
            this.shape = shape;
            this.time = time;
            this.timeUnitMicros = unit;
        }

        /** The layout of a header line, or null when it is not a power log's header. */
        static Layout of(String header) {
            char d = delimiter(header);
            if (d == 0) return null;
            List<String> names = new ArrayList<>();
            for (String s : splitOn(header, d)) names.add(s.strip());
            if (names.size() < 2 || names.size() > 200) return null;
            int time = -1, device = -1, power = -1, field = -1, value = -1;
            long unit = 0;
            String powerUnit = null;
            List<Integer> wide = new ArrayList<>();
            List<String> wideDevice = new ArrayList<>();
            List<Double> wideScale = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String n = norm(names.get(i));
                Matcher m;
                if (time < 0 && (m = TIME.matcher(n)).matches()) {
                    time = i;
                    unit = unitMicros(m.group(2));
                } else if (device < 0 && DEVICE.matcher(n).matches()) {
                    device = i;
                } else if (power < 0 && (m = POWER.matcher(n)).matches()) {
                    power = i;
                    powerUnit = m.group(1);
                } else if ((m = WIDE.matcher(n)).matches()) {
                    wide.add(i);
                    wideDevice.add(m.group(1) != null ? m.group(1) : m.group(2));
                    wideScale.add(scale(m.group(3)));
                } else if (field < 0 && FIELD.matcher(n).matches()) {
                    field = i;
                } else if (value < 0 && VALUE.matcher(n).matches()) {
                    value = i;
                }
            }
            if (time < 0) return null;
            if (power >= 0) {
                Layout l = new Layout(d, names, Shape.LONG, time, unit);
                l.device = device;
                l.power = power;
                l.scale = scale(powerUnit);
                return l;
            }
            if (!wide.isEmpty() && wideDevice.stream().distinct().count() == wide.size()) {
                Layout l = new Layout(d, names, Shape.WIDE, time, unit);
                l.wide.addAll(wide);
                l.wideDevice.addAll(wideDevice);
                l.wideScale.addAll(wideScale);
                return l;
            }
            if (device >= 0 && field >= 0 && value >= 0) {
                Layout l = new Layout(d, names, Shape.FIELD, time, unit);
                l.device = device;
                l.field = field;
                l.power = value;
                return l;
            }
            return null;
        }

        String[] split(String line) {
            List<String> parts = splitOn(line, delimiter);
            String[] out = new String[parts.size()];
            for (int i = 0; i < out.length; i++) {
                String s = parts.get(i).strip();
                if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1).strip();
                out[i] = s;
            }
            return out;
        }

        /** Places timestamps written without a zone in the settings' zone ({@code timezone}); UTC until {@link #read} sets it. */
        io.carbonpaper.ingest.source.LocalClock clock = new io.carbonpaper.ingest.source.LocalClock(java.time.ZoneOffset.UTC);

        /** Microseconds since the epoch, or null when {@code raw} is not a time. */
        Long time(String raw) {
            if (raw.isEmpty()) return null;
            char c = raw.charAt(0);
            if ((c >= '0' && c <= '9') && raw.length() <= 25 && raw.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.')) {
                double v;
                try {
                    v = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (raw.indexOf('.') < 0 && raw.length() >= 16) {
                    // Whole microseconds or nanoseconds: exact in a long, not in a double.
                    long u = timeUnitMicros != 0 ? timeUnitMicros : raw.length() >= 19 ? -1000 : 1;
                    try {
                        long n = Long.parseLong(raw);
                        return u > 0 ? Math.multiplyExact(n, u) : n / -u;
                    } catch (NumberFormatException | ArithmeticException e) {
                        return null;
                    }
                }
                double u = timeUnitMicros > 0 ? timeUnitMicros : timeUnitMicros < 0 ? -1.0 / timeUnitMicros
                        : v >= 1e17 ? 1e-3 : v >= 1e14 ? 1 : v >= 1e11 ? 1e3 : 1e6;
                double micros = v * u;
                return micros < 9.2e18 ? Math.round(micros) : null;
            }
            String t = raw;
            if (t.length() >= 19 && t.charAt(4) == '/' && t.charAt(7) == '/') t = t.substring(0, 4) + '-' + t.substring(5, 7) + '-' + t.substring(8);
            Optional<Instant> i = LocalTimestamp.parse(t);
            if (i.isEmpty()) return null;
            Instant x = i.get();
            long micros = Math.multiplyExact(x.getEpochSecond(), 1_000_000L) + x.getNano() / 1000;
            return LocalTimestamp.hasZone(t) ? micros : clock.utc(micros);
        }

        String describe() {
            String t = "time from '" + names.get(time) + "'";
            return switch (shape) {
                case LONG -> "a home-made power log: " + t + ", watts from '" + names.get(power) + "'"
                        + (scale != 1.0 ? " (milliwatts, divided by 1000)" : "")
                        + (device >= 0 ? ", devices from '" + names.get(device) + "'" : ", devices by their order among the rows of one time");
                case WIDE -> "a home-made power log: " + t + ", one device per column (" + String.join(", ", wide.stream().map(names::get).toList()) + "), in watts";
                case FIELD -> "a home-made power log: " + t + ", devices from '" + names.get(device) + "', watts from '" + names.get(power)
                        + "' on the rows whose '" + names.get(field) + "' is power";
            };
        }

        private static long unitMicros(String unit) {
            if (unit == null) return 0;
            return switch (unit) {
                case "s", "sec", "secs", "seconds" -> 1_000_000L;
                case "ms", "millis", "milliseconds" -> 1_000L;
                case "us", "usec", "micros", "microseconds" -> 1L;
                case "ns", "nanos", "nanoseconds" -> -1_000L; // divide by 1000
                default -> 0;
            };
        }

        private static char delimiter(String header) {
            int comma = count(header, ','), semi = count(header, ';'), tab = count(header, '\t');
            if (comma == 0 && semi == 0 && tab == 0) return 0;
            return comma >= semi && comma >= tab ? ',' : semi >= tab ? ';' : '\t';
        }

        private static int count(String s, char c) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
            return n;
        }

        private static List<String> splitOn(String line, char d) {
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == d) {
                    out.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(line.substring(start));
            return out;
        }
    }
}
