package io.carbonpaper.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the CSV that {@code nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits] -l N}
 * (or {@code -lms N}) writes: one row per GPU per sample.
 *
 * <p>Columns are found by the header's names, in any order and subset: {@code timestamp},
 * {@code index}, {@code uuid}, {@code name} and the power column ({@code power.draw}, else
 * {@code power.draw.average}, else {@code power.draw.instant}); other columns are ignored. Units
 * may be present ({@code power.draw [W]}, {@code 251.30 W}) or not ({@code nounits}). Lines before
 * the first header (the {@code nvidia-smi} banner table some scripts log first) are skipped; a
 * header repeated later (logging restarted) is accepted again and may change the columns.
 *
 * <p>Timestamps are nvidia-smi's {@code YYYY/MM/DD HH:MM:SS.mmm} in the host's local time without
 * zone, read as a local date-time with UTC arithmetic so that midnight is exact; ISO-8601 with or
 * without an offset is accepted too. The local clock jumping back by about an hour (daylight
 * saving ending) is reported as a warning and the rest of the file is shifted by that hour so the
 * repeated hour is neither lost nor counted twice; a jump forward shows as a gap.
 *
 * <p>Devices are keyed by {@code index}, else {@code uuid}, else by position within the rows of
 * one timestamp. {@code [N/A]}, {@code [Not Supported]}, {@code [Insufficient Permissions]} and
 * {@code [Unknown Error]} are missing values (never zero), counted by reason. A GPU name may contain
 * commas: the name field absorbs the commas beyond the header's field count.
 *
 * <p>The hot path works on bytes: lines are split in a reused buffer, numbers and the fixed
 * timestamp layout are parsed by hand and device keys are cached, so a day of 8 GPUs at 10 Hz
 * (500 MB) streams in about a second and memory does not grow with the file.
 */
public final class NvidiaSmiCsvReader implements LogReader {
    public static final String FORMAT = "nvidia-smi-csv";
    private static final String NO_TIMESTAMP = "header has no timestamp column, so samples cannot be placed in time "
            + "(add timestamp to --query-gpu)";

    @Override public String format() { return FORMAT; }

    @Override public boolean sniff(InputSource source) {
        for (String line : source.headText().split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.contains("power.draw") && l.indexOf(',') >= 0
                    && (l.contains("timestamp") || l.contains("index") || l.contains("name"))
                    && Header.parse(line.trim()) != null) return true;
        }
        return false;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        TraceProblems problems = new TraceProblems(source.name(), sink);
        Parse p = new Parse(problems, source.traceIntegrator(FORMAT));
        try (InputStream in = source.open()) {
            ByteLines.read(in, p);
        }
        if (p.header == null && !p.sawHeader) {
            throw new InputException(0, "no nvidia-smi CSV header found: expected a line like "
                    + "'timestamp, index, name, power.draw [W]' (from --query-gpu=... --format=csv); "
                    + "a --format=csv,noheader file cannot be read on its own, its columns are unknown");
        }
        if (p.integrator.isEmpty() && p.headerWithoutTime > 0) throw new InputException(p.headerWithoutTime, NO_TIMESTAMP);
        if (p.integrator.isEmpty()) {
            problems.error(0, "no usable power samples" + (p.missingPower > 0 ? " (" + p.missingPower + " rows without a power value)" : ""));
            problems.finish();
            return;
        }
        if (p.names.size() > 1) {
            problems.note(0, "several GPU models in one trace: " + String.join(", ", p.names) + "; the first is used for catalog matching");
        }
        problems.finish();
        sink.accept(p.integrator.finish(Optional.empty(), p.names.stream().findFirst()));
    }

    /** Column positions from one header line. */
    static final class Header {
        final int fields, timestamp, index, uuid, name, power;
        final long line;

        private Header(int fields, int timestamp, int index, int uuid, int name, int power, long line) {
            this.fields = fields;
            this.timestamp = timestamp;
            this.index = index;
            this.uuid = uuid;
            this.name = name;
            this.power = power;
            this.line = line;
        }

        /**
         * The header in {@code text}, or null when the line is not one: every field must be a
         * lowercase query name ({@code memory.used}, {@code clocks.current.sm}) with an optional
         * unit in brackets, and one of them a field carbonpaper knows.
         */
        static Header parse(String text) { return parse(text, 0); }

        static Header parse(String text, long line) {
            String[] parts = text.split(",", -1);
            int ts = -1, idx = -1, uuid = -1, name = -1, draw = -1, avg = -1, inst = -1;
            for (int i = 0; i < parts.length; i++) {
                String f = parts[i].trim();
                int br = f.indexOf(" [");
                if (br >= 0) {
                    if (!f.endsWith("]")) return null;
                    f = f.substring(0, br);
                }
                if (!isQueryName(f)) return null;
                switch (f) {
                    case "timestamp" -> ts = i;
                    case "index" -> idx = i;
                    case "uuid", "gpu_uuid" -> uuid = i;
                    case "name", "gpu_name" -> name = i;
                    case "power.draw" -> draw = i;
                    case "power.draw.average" -> avg = i;
                    case "power.draw.instant" -> inst = i;
                    default -> { }
                }
            }
            if (ts < 0 && idx < 0 && uuid < 0 && name < 0 && draw < 0 && avg < 0 && inst < 0) return null;
            int power = draw >= 0 ? draw : avg >= 0 ? avg : inst;
            return new Header(parts.length, ts, idx, uuid, name, power, line);
        }

        private static boolean isQueryName(String f) {
            if (f.isEmpty() || f.charAt(0) < 'a' || f.charAt(0) > 'z') return false;
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_')) return false;
            }
            return true;
        }
    }

    /** The state of reading one file. */
    private static final class Parse implements ByteLines.Handler {
        private static final long HOUR = 3_600_000_000L;
        private static final int MAX_FIELDS = 512;
        private static final byte[][] PLACEHOLDERS = {
                bytes("[N/A]"), bytes("[Not Supported]"), bytes("[Insufficient Permissions]"), bytes("[Unknown Error]"),
                bytes("N/A"), bytes("[GPU is lost]"), bytes("[Requires Pstate]")};
        private static final String[] PLACEHOLDER_REASONS = {
                "power.draw [N/A]", "power.draw [Not Supported]", "power.draw [Insufficient Permissions]", "power.draw [Unknown Error]",
                "power.draw [N/A]", "power.draw [GPU is lost]", "power.draw [Requires Pstate]"};

        final TraceProblems problems;
        final TraceIntegrator integrator;
        final Set<String> names = new LinkedHashSet<>();
        Header header;
        boolean sawHeader;
        long headerWithoutTime;
        long missingPower;

        private final int[] commas = new int[MAX_FIELDS];
        private int nCommas;
        private int lineStart, lineEnd, extra;

        // timestamp state
        private final byte[] cachedDate = new byte[10];
        private boolean dateCached;
        private long cachedDayMicros;
        private long shift;            // added after a daylight-saving fall-back
        private long latest = Long.MIN_VALUE;
        private boolean localClock;
        private long parsedMicros;

        // device state
        private final String[] byIndex = new String[256];
        private final List<byte[]> keyBytes = new ArrayList<>();
        private final List<String> keyStrings = new ArrayList<>();
        private long groupMicros = Long.MIN_VALUE;
        private int groupPosition;
        private final String[] byPosition = new String[256];

        private byte[] lastName = new byte[0];

        Parse(TraceProblems problems, TraceIntegrator integrator) {
            this.problems = problems;
            this.integrator = integrator;
        }

        @Override public void tooLong(long lineNumber) {
            problems.error(lineNumber, "line longer than " + ByteLines.MAX_LINE + " bytes skipped: not nvidia-smi CSV");
        }

        @Override public void line(byte[] b, int s, int e, long no) throws IOException {
            while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
            if (s == e) return;
            byte c0 = b[s];
            if (c0 >= 'a' && c0 <= 'z' && maybeHeader(b, s, e, no)) return;
            if (!sawHeader) return; // banner text before the header
            if (header == null) return; // under a header without a power column (reported once)
            row(b, s, e, no);
        }

        private boolean maybeHeader(byte[] b, int s, int e, long no) throws IOException {
            Header h = Header.parse(new String(b, s, e - s, StandardCharsets.UTF_8), no);
            if (h == null) return false;
            sawHeader = true;
            if (h.power < 0) {
                problems.error(no, "header has no power.draw column; rows up to the next header are skipped");
                header = null;
            } else if (h.timestamp < 0) {
                problems.error(no, NO_TIMESTAMP + "; rows up to the next header are skipped");
                if (headerWithoutTime == 0) headerWithoutTime = no;
                header = null;
            } else {
                header = h;
            }
            return true;
        }

        private void row(byte[] b, int s, int e, long no) {
            Header h = header;
            nCommas = 0;
            for (int i = s; i < e; i++) {
                if (b[i] == ',') {
                    if (nCommas == MAX_FIELDS) { problems.error(no, "more than " + MAX_FIELDS + " fields"); return; }
                    commas[nCommas++] = i;
                }
            }
            int n = nCommas + 1;
            extra = n - h.fields;
            if (extra < 0 || (extra > 0 && h.name < 0)) {
                problems.error(no, "expected " + h.fields + " comma-separated fields as in the header at line " + h.line
                        + ", found " + n);
                return;
            }
            lineStart = s;
            lineEnd = e;

            // time
            int ts = fieldStart(h.timestamp), te = fieldEnd(h.timestamp);
            ts = trimStart(b, ts, te);
            te = trimEnd(b, ts, te);
            if (!parseTime(b, ts, te)) {
                problems.error(no, "expected a timestamp like 2019/05/28 10:15:00.100 or 2024-03-01T10:00:00.123+08:00, found '"
                        + text(b, ts, te) + "'");
                return;
            }
            long micros = adjustClock(parsedMicros, no, b, ts, te);

            // device
            String device;
            if (h.index >= 0) device = key(b, h.index);
            else if (h.uuid >= 0) device = key(b, h.uuid);
            else device = positional(micros);
            if (device == null) {
                problems.error(no, "empty device " + (h.index >= 0 ? "index" : "uuid"));
                return;
            }
            if (h.name >= 0) name(b);

            // power
            int ps = trimStart(b, fieldStart(h.power), fieldEnd(h.power));
            int pe = trimEnd(b, ps, fieldEnd(h.power));
            double watts = parseWatts(b, ps, pe);
            if (Double.isNaN(watts)) {
                String reason = placeholder(b, ps, pe);
                if (reason != null) {
                    missingPower++;
                    integrator.missing(reason);
                } else {
                    problems.error(no, "expected power in watts (like 251.30 W, or [N/A]), found '" + text(b, ps, pe) + "'");
                }
                return;
            }
            String implausible = TraceIntegrator.implausible("gpu", watts);
            if (implausible != null) problems.warning(no, implausible);
            integrator.power(device, "gpu", micros, watts);
        }

        /** Field {@code col} of the header, the name column absorbing extra commas. */
        private int fieldStart(int col) {
            int raw = col <= header.name || header.name < 0 ? col : col + extra;
            return raw == 0 ? lineStart : commas[raw - 1] + 1;
        }

        private int fieldEnd(int col) {
            int raw = col < header.name || header.name < 0 ? col : col + extra;
            return raw == nCommas ? lineEnd : commas[raw];
        }

        private static int trimStart(byte[] b, int s, int e) {
            while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
            return s;
        }

        private static int trimEnd(byte[] b, int s, int e) {
            while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
            return e;
        }

        private String key(byte[] b, int col) {
            int s = trimStart(b, fieldStart(col), fieldEnd(col));
            int e = trimEnd(b, s, fieldEnd(col));
            if (s == e) return null;
            if (e - s <= 2) {
                int v = 0;
                boolean digits = true;
                for (int i = s; i < e; i++) {
                    int d = b[i] - '0';
                    if (d < 0 || d > 9) { digits = false; break; }
                    v = v * 10 + d;
                }
                if (digits) {
                    String k = byIndex[v];
                    if (k == null) byIndex[v] = k = Integer.toString(v);
                    return k;
                }
            }
            for (int i = 0; i < keyBytes.size(); i++) {
                byte[] k = keyBytes.get(i);
                if (Arrays.equals(k, 0, k.length, b, s, e)) return keyStrings.get(i);
            }
            String k = new String(b, s, e - s, StandardCharsets.UTF_8);
            keyBytes.add(Arrays.copyOfRange(b, s, e));
            keyStrings.add(k);
            return k;
        }

        /** Without index or uuid, the n-th row of one timestamp is device n. */
        private String positional(long micros) {
            if (micros == groupMicros) groupPosition++;
            else {
                groupMicros = micros;
                groupPosition = 0;
            }
            int p = Math.min(groupPosition, byPosition.length - 1);
            String k = byPosition[p];
            if (k == null) byPosition[p] = k = Integer.toString(p);
            return k;
        }

        private void name(byte[] b) {
            int s = trimStart(b, fieldStart(header.name), fieldEnd(header.name));
            int e = trimEnd(b, s, fieldEnd(header.name));
            if (Arrays.equals(lastName, 0, lastName.length, b, s, e)) return;
            if (s == e || b[s] == '[') return;
            lastName = Arrays.copyOfRange(b, s, e);
            if (names.size() < 16) names.add(new String(b, s, e - s, StandardCharsets.UTF_8));
        }

        private static double parseWatts(byte[] b, int s, int e) {
            long mantissa = 0;
            int digits = 0, scale = 0;
            boolean dot = false;
            int i = s;
            for (; i < e; i++) {
                byte c = b[i];
                if (c >= '0' && c <= '9') {
                    if (digits < 17) {
                        mantissa = mantissa * 10 + (c - '0');
                        digits++;
                        if (dot) scale++;
                    } else if (!dot) {
                        return Double.NaN;
                    }
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    break;
                }
            }
            if (digits == 0) return Double.NaN;
            while (i < e && b[i] == ' ') i++;
            if (i < e) {
                if (!(e - i == 1 && b[i] == 'W')) return Double.NaN;
            }
            // mantissa and 10^scale are exact doubles, so one division is correctly rounded,
            // the same double Double.parseDouble gives.
            return scale == 0 ? mantissa : mantissa / POW10[scale];
        }

        private static final double[] POW10 = new double[18];

        static {
            POW10[0] = 1;
            for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
        }

        private static String placeholder(byte[] b, int s, int e) {
            for (int i = 0; i < PLACEHOLDERS.length; i++) {
                byte[] p = PLACEHOLDERS[i];
                if (Arrays.equals(p, 0, p.length, b, s, e)) return PLACEHOLDER_REASONS[i];
            }
            if (e - s > 2 && b[s] == '[' && b[e - 1] == ']' && e - s < 64) return "power.draw " + text(b, s, e);
            return null;
        }

        /** Sets {@link #parsedMicros}; false when the text is not a timestamp. */
        private boolean parseTime(byte[] b, int s, int e) {
            int len = e - s;
            if (len >= 19 && b[s + 4] == '/' && b[s + 7] == '/' && b[s + 10] == ' ' && b[s + 13] == ':' && b[s + 16] == ':') {
                long day;
                if (dateCached && Arrays.equals(cachedDate, 0, 10, b, s, s + 10)) {
                    day = cachedDayMicros;
                } else {
                    int y = digits(b, s, 4), mo = digits(b, s + 5, 2), d = digits(b, s + 8, 2);
                    if (y < 0 || mo < 0 || d < 0) return false;
                    try {
                        day = LocalDate.of(y, mo, d).toEpochDay() * 86_400_000_000L;
                    } catch (DateTimeException ex) {
                        return false;
                    }
                    System.arraycopy(b, s, cachedDate, 0, 10);
                    dateCached = true;
                    cachedDayMicros = day;
                }
                int hh = digits(b, s + 11, 2), mm = digits(b, s + 14, 2), ss = digits(b, s + 17, 2);
                if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return false;
                long frac = 0;
                if (len > 19) {
                    if (b[s + 19] != '.' || len == 20 || len > 29) return false;
                    int n = 0;
                    for (int i = s + 20; i < e; i++) {
                        int dgt = b[i] - '0';
                        if (dgt < 0 || dgt > 9) return false;
                        if (n < 6) frac = frac * 10 + dgt;
                        n++;
                    }
                    for (; n < 6; n++) frac *= 10;
                }
                parsedMicros = day + ((hh * 60L + mm) * 60L + ss) * 1_000_000L + frac;
                localClock = true;
                return true;
            }
            return parseIso(text(b, s, e));
        }

        private boolean parseIso(String t) {
            String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            iso = iso.replace('/', '-');
            try {
                OffsetDateTime o = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                parsedMicros = toMicros(o.toLocalDateTime().toEpochSecond(o.getOffset()), o.getNano());
                localClock = false;
                return true;
            } catch (DateTimeException ex) {
                // not with an offset; try local
            }
            try {
                LocalDateTime l = LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                parsedMicros = toMicros(l.toEpochSecond(ZoneOffset.UTC), l.getNano());
                localClock = true;
                return true;
            } catch (DateTimeException ex) {
                return false;
            }
        }

        private static long toMicros(long epochSecond, int nanos) { return epochSecond * 1_000_000L + nanos / 1_000; }

        /** Applies the daylight-saving shift and watches the local clock for jumps of about an hour. */
        private long adjustClock(long micros, long no, byte[] b, int s, int e) {
            long t = micros + shift;
            if (latest != Long.MIN_VALUE && localClock) {
                long back = latest - t;
                // Back by an hour less the sampling interval (up to 15 min), the time of one sample.
                if (back >= 45 * 60_000_000L && back <= 61 * 60_000_000L) {
                    shift += HOUR;
                    t += HOUR;
                    problems.warning(no, "the local clock went back by about an hour (to " + text(b, s, e)
                            + "): read as the end of daylight saving; later samples are taken to be one hour later, so the repeated hour "
                            + "is neither lost nor counted twice");
                } else if (-back >= 60 * 60_000_000L && -back <= 75 * 60_000_000L) {
                    problems.note(no, "the local clock jumped forward by about an hour (to " + text(b, s, e)
                            + "): the start of daylight saving or a pause in logging; the hour is a gap, not bridged");
                }
            }
            if (t > latest) latest = t;
            return t;
        }

        private static int digits(byte[] b, int s, int n) {
            int v = 0;
            for (int i = s; i < s + n; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) return -1;
                v = v * 10 + d;
            }
            return v;
        }

        private static String text(byte[] b, int s, int e) {
            String t = new String(b, s, Math.min(e - s, 80), StandardCharsets.UTF_8);
            return e - s > 80 ? t + "..." : t;
        }

        private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
    }
}
