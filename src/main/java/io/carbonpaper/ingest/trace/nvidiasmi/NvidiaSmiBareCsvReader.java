package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LocalTimestamp;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.trace.DevicesWithoutPower;
import io.carbonpaper.ingest.trace.TraceIntegrator;
import io.carbonpaper.ingest.trace.TraceProblems;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the nvidia-smi {@code --query-gpu} CSVs that {@link NvidiaSmiCsvReader} cannot: those
 * queried without a power column, and those written with {@code --format=csv,noheader}.
 *
 * <ul>
 * <li><b>A header without {@code power.draw}</b> ({@code timestamp, name, utilization.gpu [%],
 *     memory.used [MiB]}): devices and the hours they were watched are known, the energy is not.
 *     Recognised only when the header has a time or device column and a column nvidia-smi names
 *     with a dot ({@code memory.used}) or a unit ({@code [MiB]}), so that other CSVs with a
 *     {@code timestamp} column are not taken.</li>
 * <li><b>No header</b>: recognised by content, each of the first lines being an nvidia-smi time
 *     ({@code 2024/05/01 10:00:00.000}) first, then a GPU name ({@code NVIDIA ...}, {@code Tesla ...},
 *     ...), a {@code GPU-} uuid or a bus id, and numbers or nvidia-smi placeholders, with the same
 *     number of fields throughout. A column whose values end in {@code W} is the power; it is
 *     integrated like any trace. With {@code nounits} too, nothing tells power from memory or
 *     clocks, so the file gives devices and hours only, and says why.</li>
 * </ul>
 * Devices are keyed by uuid, else bus id, else the header's device column, else by position among
 * the rows of one time (nvidia-smi writes one time per query). Lines before the first header (a
 * banner table) are passed over. Files without power become a {@link DevicesWithoutPower}.
 */
public final class NvidiaSmiBareCsvReader implements LogReader {
    private static final Pattern SMI_TIME = Pattern.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?$");
    private static final Pattern GPU_NAME = Pattern.compile("^(?:NVIDIA|Tesla|Quadro|GeForce|TITAN|GRID|RTX|A\\d{2,3}|H\\d{3}|L\\d{1,2}S?)\\b.*");
    private static final Pattern UUID = Pattern.compile("^(?:GPU|MIG)-[0-9a-fA-F-]{8,}$");
    private static final Pattern BUS = Pattern.compile("^[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.[0-9A-Fa-f]$");
    private static final Pattern VALUE = Pattern.compile(
            "^(?:-?\\d+(?:\\.\\d+)?(?: ?(?:W|MiB|%|MHz|C|GiB|KiB))?|\\[[^\\]]{1,40}\\]|N/A|P\\d{1,2}|Enabled|Disabled|Default|"
                    + "Exclusive_Process|Prohibited|Active|Not Active|Yes|No|[0-9.]+)$");
    private static final Pattern WATTS = Pattern.compile("^(-?\\d+(?:\\.\\d+)?) ?W$");

    /** Its own id, so that inspect and the experiment pages say which of the two CSV readers took a file. */
    public static final String FORMAT = "nvidia-smi-csv-bare";

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        List<String> lines = source.headText().lines().map(String::strip).filter(l -> !l.isEmpty()).limit(400).toList();
        for (String l : lines) {
            Header h = headerWithoutPower(l);
            if (h != null) return true;
        }
        int checked = 0, fields = -1;
        for (String l : lines) {
            if (l.startsWith("+") || l.startsWith("|") || TABLE_TIME.matcher(l).matches()) continue; // a banner table before the rows
            String[] f = split(l);
            if (!bareRow(f) || (fields >= 0 && f.length != fields)) return false;
            fields = f.length;
            if (++checked == 3) return true;
        }
        return checked > 0 && checked == lines.stream().filter(l -> !l.startsWith("+") && !l.startsWith("|") && !TABLE_TIME.matcher(l).matches()).count();
    }

    private static final Pattern TABLE_TIME = Pattern.compile("^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\w{3} +\\d{1,2} [0-9:]{8} \\d{4}$");

    /** The header in {@code line} when it is an nvidia-smi query header without a power column, else null. */
    static Header headerWithoutPower(String line) {
        if (line.isEmpty() || line.charAt(0) < 'a' || line.charAt(0) > 'z' || line.indexOf(',') < 0) return null;
        Header h = Header.parse(line);
        if (h == null || h.power >= 0) return null;
        if (h.timestamp < 0 && h.device < 0 && h.name < 0) return null;
        for (int i = 0; i < h.fields; i++) {
            String c = h.columnName(i);
            if (c.contains(".") || c.equals("pstate")) return h;
        }
        return line.contains(" [") && line.contains("]") ? h : null;
    }

    /** An nvidia-smi time first, a GPU name, uuid or bus id among the fields, and the rest values. */
    private static boolean bareRow(String[] f) {
        if (f.length < 3 || !SMI_TIME.matcher(f[0]).matches()) return false;
        boolean gpu = false;
        for (int i = 1; i < f.length; i++) {
            if (GPU_NAME.matcher(f[i]).matches() || UUID.matcher(f[i]).matches() || BUS.matcher(f[i]).matches()) gpu = true;
            else if (!VALUE.matcher(f[i]).matches()) return false;
        }
        return gpu;
    }

    private static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) f[i] = f[i].strip();
        return f;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        TraceIntegrator integrator = TraceIntegrator.forFile(source, format());
        DevicesWithoutPower devices = new DevicesWithoutPower(format());
        Header header = null;
        int[] bare = null; // for rows without a header: time, name, uuid, bus, power columns (-1 when absent)
        int fields = -1, memory = -1; // the header's memory.used column, -1 when absent
        long lastMicros = Long.MIN_VALUE;
        int position = 0;
        long n = 0, rows = 0;
        Optional<String> firstName = Optional.empty();
        try (BufferedReader in = source.reader()) {
            for (String raw; (raw = in.readLine()) != null; ) {
                n++;
                String line = raw.strip();
                if (line.isEmpty()) continue;
                Header h = headerWithoutPower(line);
                if (h != null) {
                    header = h;
                    bare = null;
                    fields = h.fields;
                    memory = h.column("memory.used");
                    continue;
                }
                String[] f = split(line);
                if (header == null && bare == null) {
                    if (!bareRow(f)) continue; // banner text before the first header or row
                    bare = columns(f);
                    fields = f.length;
                }
                if (f.length != fields) {
                    problems.error(n, "expected " + fields + " comma-separated fields, found " + f.length + "; row skipped");
                    continue;
                }
                int time = header != null ? header.timestamp : bare[0];
                long micros = Long.MIN_VALUE;
                if (time >= 0) {
                    Optional<Instant> t = LocalTimestamp.parse(f[time].replace('/', '-'), source.traceSettings().zone());
                    if (t.isEmpty()) {
                        problems.error(n, "expected a timestamp like 2024/05/01 10:00:00.000, found '" + f[time] + "'; row skipped");
                        continue;
                    }
                    micros = t.get().getEpochSecond() * 1_000_000L + t.get().getNano() / 1_000;
                    if (!LocalTimestamp.hasZone(f[time]) && !source.traceSettings().zoneStated()) integrator.markZonelessAsUtc();
                }
                int name = header != null ? header.name : bare[1];
                int key = header != null ? header.device : bare[2] >= 0 ? bare[2] : bare[3];
                String device;
                if (key >= 0) device = f[key];
                else {
                    position = micros == lastMicros ? position + 1 : 0;
                    device = Integer.toString(position);
                }
                lastMicros = micros;
                if (name >= 0) {
                    devices.name(f[name]);
                    if (firstName.isEmpty() && !f[name].isEmpty()) firstName = Optional.of(f[name]);
                }
                rows++;
                devices.row(device, micros);
                if (header != null && memory >= 0) {
                    double m = number(f[memory], "MiB");
                    if (!Double.isNaN(m)) devices.activity(device, m);
                }
                int power = header == null ? bare[4] : -1;
                if (power >= 0 && micros != Long.MIN_VALUE) {
                    java.util.regex.Matcher w = WATTS.matcher(f[power]);
                    if (w.matches()) {
                        double watts = Double.parseDouble(w.group(1));
                        String implausible = TraceIntegrator.implausible("gpu", watts);
                        if (implausible != null) problems.warning(n, implausible);
                        integrator.power(device, "gpu", micros, watts);
                    } else {
                        integrator.missing("power.draw " + f[power]);
                    }
                }
            }
        }
        if (n == 0) throw new InputException(0, "empty file: expected nvidia-smi CSV rows");
        if (rows == 0) throw new InputException(0, "no nvidia-smi rows under the header");
        problems.finish();
        if (!integrator.isEmpty()) {
            problems.note(0, "nvidia-smi CSV without a header (--format=csv,noheader): the power column is the one whose values end in W");
            sink.accept(integrator.finish(Optional.empty(), firstName));
            return;
        }
        devices.emit(source.name(), sink, header != null ? "nvidia-smi CSV without a power.draw column"
                : "nvidia-smi CSV without a header or units (--format=csv,noheader,nounits): no column can be told to be power.draw");
    }

    /** {@code 15 MiB} or {@code 15} as 15 ({@code unit} the one the query prints), NaN for [N/A] and the like. */
    private static double number(String cell, String unit) {
        String t = cell.endsWith(unit) ? cell.substring(0, cell.length() - unit.length()).strip() : cell;
        if (t.isEmpty() || t.length() > 20) return Double.NaN;
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) && v >= 0 ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** For rows without a header: the columns of time, name, uuid, bus id and power (values ending in W), -1 when absent. */
    private static int[] columns(String[] f) {
        int[] c = {0, -1, -1, -1, -1};
        for (int i = 1; i < f.length; i++) {
            if (c[1] < 0 && GPU_NAME.matcher(f[i]).matches()) c[1] = i;
            else if (c[2] < 0 && UUID.matcher(f[i]).matches()) c[2] = i;
            else if (c[3] < 0 && BUS.matcher(f[i]).matches()) c[3] = i;
            else if (c[4] < 0 && WATTS.matcher(f[i]).matches()) c[4] = i;
        }
        return c;
    }
}
