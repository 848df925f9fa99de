package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.model.Plausible;
import io.carbonpaper.ingest.source.ByteLines;
import io.carbonpaper.ingest.trace.TraceIntegrator;

import io.carbonpaper.ingest.source.ChunkedLines;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.trace.TraceProblems;

import java.io.ByteArrayInputStream;
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
 * timestamp layout are parsed by hand and device keys are cached, and memory does not grow with
 * the file. A large plain file is read in chunks on every core ({@link ChunkedLines}): workers
 * decode rows with the same {@link Fields} code, and the rows are applied in file order by the
 * same state that reads a file sequentially; any line that is not a plain data row under the
 * file's first header (a header, a malformed row, a clock jump, an implausible value) sends the
 * rest of its chunk through the sequential path, so both give the same result, problems included.
 */
public final class NvidiaSmiCsvReader implements LogReader {
    public static final String FORMAT = "nvidia-smi-csv";
    private static final String NO_TIMESTAMP = "header has no timestamp column, so samples cannot be placed in time "
            + "(add timestamp to --query-gpu)";

    /** Plain files at least this large are read in chunks on every core. */
    static final long CHUNKED_FROM_BYTES = 16L << 20;
    private static final int CHUNK_BYTES = 4 << 20;

    private final long chunkedFrom;
    private final int chunkBytes;
    private final int threads;
    private final java.util.concurrent.atomic.AtomicLong rowsInChunks = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong rowsSequential = new java.util.concurrent.atomic.AtomicLong();

    public NvidiaSmiCsvReader() { this(CHUNKED_FROM_BYTES, CHUNK_BYTES, Runtime.getRuntime().availableProcessors()); }

    /**
     * A reader that reads plain files of at least {@code chunkedFrom} bytes in chunks of {@code
     * chunkBytes} on {@code threads} workers (sequentially when {@code threads} is 1). Tests use
     * tiny chunks to drive every file through the chunked path.
     */
    NvidiaSmiCsvReader(long chunkedFrom, int chunkBytes, int threads) {
        this.chunkedFrom = chunkedFrom;
        this.chunkBytes = chunkBytes;
        this.threads = threads;
    }

    @Override public String format() { return FORMAT; }

    /** Data rows this reader has taken as decoded by chunk workers (a test's window on the fast path). */
    long rowsDecodedInChunks() { return rowsInChunks.get(); }

    /** Data rows this reader has read line by line. */
    long rowsReadSequentially() { return rowsSequential.get(); }

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
        Parse p = new Parse(problems, TraceIntegrator.forFile(source, FORMAT));
        Start start = threads > 1 ? chunkedStart(source) : null;
        if (start != null) {
            new ChunkedLines<>(source, chunkBytes, threads, Rows::new, (buf, length, rows) -> rows.decode(buf, length, start.header()))
                    .read(start.end(), p);
        } else {
            try (InputStream in = source.open()) {
                p.lines(in, 0);
            }
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
        rowsInChunks.addAndGet(p.rowsInChunks);
        rowsSequential.addAndGet(p.rowsSequential);
        problems.finish();
        sink.accept(p.integrator.finish(Optional.empty(), p.names.stream().findFirst()));
    }

    /** Chunked reading: the first chunk ends at {@code end}, just after the first header line. */
    private record Start(long end, Header header) {}

    /**
     * Where chunked reading starts (just after the first header line, which must lie within the
     * file's head and name a time, a power and a device column), or null when the file is read
     * sequentially: too small, compressed, or not in that shape.
     */
    private Start chunkedStart(InputSource source) throws IOException {
        if (!source.isPlain() || source.size() < chunkedFrom) return null;
        byte[] head = source.head();
        int start = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] != '\n') continue;
            int s = trimStart(head, start, i), e = i > s && head[i - 1] == '\r' ? i - 1 : i;
            start = i + 1;
            Header h = Header.ofLine(head, s, e, 0);
            if (h == null) continue;
            boolean plain = h.power >= 0 && h.timestamp >= 0 && (h.index >= 0 || h.uuid >= 0);
            return plain ? new Start(source.headOffset() + i + 1L, h) : null;
        }
        return null;
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

        /**
         * The header that {@code b[s, e)} (a line without leading blanks) is, or null: as the reader
         * tells a header from a row, a header starts with a lowercase letter.
         */
        static Header ofLine(byte[] b, int s, int e, long line) {
            if (s == e || b[s] < 'a' || b[s] > 'z') return null;
            return parse(new String(b, s, e - s, StandardCharsets.UTF_8), line);
        }

        /** Whether rows are read the same way under both headers (their lines may differ). */
        boolean sameColumns(Header o) {
            return o != null && fields == o.fields && timestamp == o.timestamp && index == o.index && uuid == o.uuid
                    && name == o.name && power == o.power;
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

    /** Why a power value is missing, for the placeholders nvidia-smi writes. */
    private static final byte[][] PLACEHOLDERS = {
            bytes("[N/A]"), bytes("[Not Supported]"), bytes("[Insufficient Permissions]"), bytes("[Unknown Error]"),
            bytes("N/A"), bytes("[GPU is lost]"), bytes("[Requires Pstate]")};
    private static final String[] PLACEHOLDER_REASONS = {
            "power.draw [N/A]", "power.draw [Not Supported]", "power.draw [Insufficient Permissions]", "power.draw [Unknown Error]",
            "power.draw [N/A]", "power.draw [GPU is lost]", "power.draw [Requires Pstate]"};

    /**
     * Decodes the fields of one data row under a header, with caches that make repeated dates and
     * device keys cheap. No state carries from row to row beyond those caches, so the sequential
     * reader and the chunk workers (one instance each) decode rows with the same code.
     */
    static final class Fields {
        static final int OK = 0, TOO_MANY = 1, WRONG_COUNT = 2;
        private static final int MAX_FIELDS = 512;
        private static final int SMALL_INDEXES = 256;

        private final int[] commas = new int[MAX_FIELDS];
        private int nCommas;
        private int lineStart, lineEnd, extra;
        private Header header;

        // the last decoded timestamp: its trimmed bounds, its value and whether it is local time
        int ts, te;
        long micros;
        boolean localClock;
        // the last decoded power field's trimmed bounds
        int ps, pe;

        private final byte[] cachedDate = new byte[10];
        private boolean dateCached;
        private long cachedDayMicros;

        private final String[] byIndex = new String[SMALL_INDEXES];
        private final List<byte[]> keyBytes = new ArrayList<>();
        private final List<String> keyStrings = new ArrayList<>();

        /**
         * Finds the fields of {@code b[s, e)} under {@code h}: {@link #OK}, {@link #TOO_MANY} (over
         * {@value #MAX_FIELDS}) or {@link #WRONG_COUNT} (fewer fields than the header, or more
         * without a name column to absorb them).
         */
        int split(byte[] b, int s, int e, Header h) {
            header = h;
            int n = 0;
            int[] c = commas;
            for (int i = s; i < e; i++) {
                if (b[i] == ',') {
                    if (n == MAX_FIELDS) return TOO_MANY;
                    c[n++] = i;
                }
            }
            nCommas = n;
            extra = n + 1 - h.fields;
            if (extra < 0 || (extra > 0 && h.name < 0)) return WRONG_COUNT;
            lineStart = s;
            lineEnd = e;
            return OK;
        }

        /**
         * Finds the end of the line that starts at {@code pos} (its {@code \n}, or {@code length})
         * and the commas on the way, in one pass: the first half of {@link #split}'s work for the
         * chunk workers. A line with more than {@value #MAX_FIELDS} commas ends the scan early; {@link
         * #splitScanned} then says {@link #TOO_MANY}.
         */
        int scanLine(byte[] b, int pos, int length) {
            // A plain loop: eight bytes at a time (SWAR) measured 18-27 ns a row against its 23, as
            // commas come every dozen bytes.
            int n = 0;
            int[] c = commas;
            int i = pos;
            for (; i < length; i++) {
                byte x = b[i];
                if (x == ',') {
                    if (n == MAX_FIELDS) {
                        nCommas = MAX_FIELDS + 1;
                        while (i < length && b[i] != '\n') i++;
                        return i;
                    }
                    c[n++] = i;
                } else if (x == '\n') {
                    break;
                }
            }
            nCommas = n;
            return i;
        }

        /** {@link #split} for a line whose commas {@link #scanLine} found, trimmed to {@code b[s, e)}. */
        int splitScanned(int s, int e, Header h) {
            header = h;
            if (nCommas > MAX_FIELDS) return TOO_MANY;
            extra = nCommas + 1 - h.fields;
            if (extra < 0 || (extra > 0 && h.name < 0)) return WRONG_COUNT;
            lineStart = s;
            lineEnd = e;
            return OK;
        }

        /** Field {@code col} of the header, the name column absorbing extra commas. */
        int start(int col) {
            int raw = col <= header.name || header.name < 0 ? col : col + extra;
            return raw == 0 ? lineStart : commas[raw - 1] + 1;
        }

        int end(int col) {
            int raw = col < header.name || header.name < 0 ? col : col + extra;
            return raw == nCommas ? lineEnd : commas[raw];
        }

        // the field trimmed last by trim()
        private int fs, fe;

        /** Sets {@link #fs} and {@link #fe} to field {@code col} without its surrounding blanks. */
        private void trim(byte[] b, int col) {
            int end = end(col);
            int s = trimStart(b, start(col), end);
            fe = trimEnd(b, s, end);
            fs = s;
        }

        /** Decodes the timestamp field into {@link #micros} and {@link #localClock}; false when it is not one. */
        boolean time(byte[] b) {
            trim(b, header.timestamp);
            ts = fs;
            te = fe;
            return parseTime(b, ts, te);
        }

        /**
         * The device key in column {@code col} as a small id: below {@value #SMALL_INDEXES} a
         * numeric index itself, above it a key of this decoder's own; -1 when the field is empty.
         */
        int keyId(byte[] b, int col) {
            trim(b, col);
            int s = fs, e = fe;
            if (s == e) return -1;
            if (e - s <= 2) {
                int v = 0;
                boolean digits = true;
                for (int i = s; i < e; i++) {
                    int d = b[i] - '0';
                    if (d < 0 || d > 9) {
                        digits = false;
                        break;
                    }
                    v = v * 10 + d;
                }
                if (digits) return v;
            }
            for (int i = 0; i < keyBytes.size(); i++) {
                byte[] k = keyBytes.get(i);
                if (Arrays.equals(k, 0, k.length, b, s, e)) return SMALL_INDEXES + i;
            }
            keyBytes.add(Arrays.copyOfRange(b, s, e));
            keyStrings.add(new String(b, s, e - s, StandardCharsets.UTF_8));
            return SMALL_INDEXES + keyBytes.size() - 1;
        }

        /** The key an id from {@link #keyId} stands for. */
        String key(int id) {
            if (id >= SMALL_INDEXES) return keyStrings.get(id - SMALL_INDEXES);
            String k = byIndex[id];
            if (k == null) byIndex[id] = k = Integer.toString(id);
            return k;
        }

        /** The number of ids {@link #keyId} can have given so far. */
        int keyIds() { return SMALL_INDEXES + keyBytes.size(); }

        /** Decodes the power field ({@link #ps}, {@link #pe}): watts, or NaN when it holds no number. */
        double watts(byte[] b) {
            trim(b, header.power);
            ps = fs;
            pe = fe;
            return parseWatts(b, ps, pe);
        }

        private byte[] lastName = new byte[0];

        /**
         * The GPU name in the name column when it is a real name (not empty, not a placeholder) and
         * differs from the last one this decoder returned; null otherwise. Cheap for the usual run of
         * rows with one name.
         */
        String changedName(byte[] b) {
            trim(b, header.name);
            int s = fs, e = fe;
            if (Arrays.equals(lastName, 0, lastName.length, b, s, e)) return null;
            if (s == e || b[s] == '[') return null;
            lastName = Arrays.copyOfRange(b, s, e);
            return new String(b, s, e - s, StandardCharsets.UTF_8);
        }

        /** Makes the next real name count as changed. */
        void forgetName() { lastName = new byte[0]; }

        /** Which of {@link #PLACEHOLDERS} the power field holds, or -1. */
        int placeholder(byte[] b) {
            for (int i = 0; i < PLACEHOLDERS.length; i++) {
                byte[] p = PLACEHOLDERS[i];
                if (Arrays.equals(p, 0, p.length, b, ps, pe)) return i;
            }
            return -1;
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
                micros = day + ((hh * 60L + mm) * 60L + ss) * 1_000_000L + frac;
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
                micros = toMicros(o.toLocalDateTime().toEpochSecond(o.getOffset()), o.getNano());
                localClock = false;
                return true;
            } catch (DateTimeException ex) {
                // not with an offset; try local
            }
            try {
                LocalDateTime l = LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                micros = toMicros(l.toEpochSecond(ZoneOffset.UTC), l.getNano());
                localClock = true;
                return true;
            } catch (DateTimeException ex) {
                return false;
            }
        }

        /** Saturates instead of overflowing: the extremes are then out of {@link Plausible}'s range and reported. */
        private static long toMicros(long epochSecond, int nanos) {
            return epochSecond > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : epochSecond < Long.MIN_VALUE / 1_000_000L ? Long.MIN_VALUE
                    : epochSecond * 1_000_000L + nanos / 1_000;
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
    }

    private static int trimStart(byte[] b, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
        return s;
    }

    private static int trimEnd(byte[] b, int s, int e) {
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
        return e;
    }

    private static String text(byte[] b, int s, int e) {
        String t = new String(b, s, Math.min(e - s, 80), StandardCharsets.UTF_8);
        return e - s > 80 ? t + "..." : t;
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    /** Whether the local clock moved by about an hour from {@code latest} to {@code t}: a daylight-saving change. */
    private static boolean hourJump(long latest, long t) {
        long back = latest - t;
        // Back by an hour less the sampling interval (up to 15 min), the time of one sample.
        return back >= 45 * 60_000_000L && back <= 61 * 60_000_000L || -back >= 60 * 60_000_000L && -back <= 75 * 60_000_000L;
    }

    /**
     * The state of reading one file, line by line ({@link ByteLines}) or chunk by chunk ({@link
     * ChunkedLines}): the header in force, the clock, the devices, and the integrator.
     */
    private static final class Parse implements ByteLines.Handler, ChunkedLines.Sink<Rows> {
        private static final long HOUR = 3_600_000_000L;

        final TraceProblems problems;
        final TraceIntegrator integrator;
        final Set<String> names = new LinkedHashSet<>();
        Header header;
        boolean sawHeader;
        long headerWithoutTime;
        long missingPower;

        private final Fields fields = new Fields();
        private long lineBase;   // lines before the stretch ByteLines is reading
        private long lastLine;   // the last line number ByteLines gave in that stretch

        // clock state
        private long shift;            // added after a daylight-saving fall-back
        private long latest = Long.MIN_VALUE;

        // device state
        private long groupMicros = Long.MIN_VALUE;
        private int groupPosition;
        private final String[] byPosition = new String[256];
        private TraceIntegrator.Device[] devices = new TraceIntegrator.Device[0];

        long rowsInChunks, rowsSequential;

        Parse(TraceProblems problems, TraceIntegrator integrator) {
            this.problems = problems;
            this.integrator = integrator;
        }

        /** Reads {@code in} line by line, its lines numbered from {@code linesBefore + 1}; returns how many it had. */
        long lines(InputStream in, long linesBefore) throws IOException {
            lineBase = linesBefore;
            lastLine = 0;
            ByteLines.read(in, this);
            return lastLine;
        }

        @Override public long stream(InputStream in, long linesBefore) throws IOException { return lines(in, linesBefore); }

        @Override public long chunk(byte[] buf, int length, long linesBefore, Rows rows) throws IOException {
            if (!rows.header.sameColumns(header)) return lines(new ByteArrayInputStream(buf, 0, length), linesBefore);
            if (devices.length < rows.fields.keyIds()) devices = new TraceIntegrator.Device[rows.fields.keyIds()];
            Arrays.fill(devices, null);
            for (int i = 0; i < rows.count; i++) {
                if (!apply(rows, i)) {
                    // A clock jump of about an hour: the sequential path says what it means, from this row on.
                    rows.mergeNames(names, i);
                    rowsInChunks += i;
                    int line = rows.lineNo[i];
                    return line - 1 + lines(new ByteArrayInputStream(buf, rows.lineStart[i], length - rows.lineStart[i]), linesBefore + line - 1);
                }
            }
            rows.mergeNames(names, rows.count);
            rowsInChunks += rows.count;
            if (rows.stopLine == 0) return rows.lines;
            int line = rows.stopLine;
            return line - 1 + lines(new ByteArrayInputStream(buf, rows.stopOffset, length - rows.stopOffset), linesBefore + line - 1);
        }

        /** Applies row {@code i} of a decoded chunk, as {@link #row} would; false (and nothing done) at a clock jump. */
        private boolean apply(Rows rows, int i) {
            long t = rows.micros[i] + shift;
            if (latest != Long.MIN_VALUE && hourJump(latest, t)) return false;
            if (t > latest) latest = t;
            int reason = rows.reason[i];
            if (reason >= 0) {
                missingPower++;
                integrator.missing(PLACEHOLDER_REASONS[reason]);
                return true;
            }
            int id = rows.device[i];
            TraceIntegrator.Device d = devices[id];
            if (d == null) devices[id] = d = integrator.device(rows.fields.key(id), "gpu");
            integrator.power(d, t, rows.watts[i]);
            return true;
        }

        @Override public void tooLong(long lineNumber) {
            long no = lineBase + lineNumber;
            lastLine = lineNumber;
            problems.error(no, "line longer than " + ByteLines.MAX_LINE + " bytes skipped: not nvidia-smi CSV");
        }

        @Override public void line(byte[] b, int s, int e, long lineNumber) throws IOException {
            long no = lineBase + lineNumber;
            lastLine = lineNumber;
            while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
            if (s == e) return;
            if (maybeHeader(b, s, e, no)) return;
            if (!sawHeader) return; // banner text before the header
            if (header == null) return; // under a header without a power column (reported once)
            row(b, s, e, no);
        }

        private boolean maybeHeader(byte[] b, int s, int e, long no) {
            Header h = Header.ofLine(b, s, e, no);
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
            rowsSequential++;
            Header h = header;
            Fields f = fields;
            int split = f.split(b, s, e, h);
            if (split == Fields.TOO_MANY) {
                problems.error(no, "more than " + Fields.MAX_FIELDS + " fields");
                return;
            }
            if (split == Fields.WRONG_COUNT) {
                problems.error(no, "expected " + h.fields + " comma-separated fields as in the header at line " + h.line
                        + ", found " + (f.nCommas + 1));
                return;
            }

            if (!f.time(b)) {
                problems.error(no, "expected a timestamp like 2019/05/28 10:15:00.100 or 2024-03-01T10:00:00.123+08:00, found '"
                        + text(b, f.ts, f.te) + "'");
                return;
            }
            String outside = Plausible.micros(f.micros);
            if (outside != null) {
                problems.error(no, "timestamp '" + text(b, f.ts, f.te) + "': " + outside);
                return;
            }
            long micros = adjustClock(f.micros, f.localClock, no, b, f.ts, f.te);

            String device;
            if (h.index >= 0 || h.uuid >= 0) {
                int id = f.keyId(b, h.index >= 0 ? h.index : h.uuid);
                device = id < 0 ? null : f.key(id);
            } else {
                device = positional(micros);
            }
            if (device == null) {
                problems.error(no, "empty device " + (h.index >= 0 ? "index" : "uuid"));
                return;
            }
            if (h.name >= 0) name(b);

            double watts = f.watts(b);
            if (Double.isNaN(watts)) {
                String reason = placeholder(b, f);
                if (reason != null) {
                    missingPower++;
                    integrator.missing(reason);
                } else {
                    problems.error(no, "expected power in watts (like 251.30 W, or [N/A]), found '" + text(b, f.ps, f.pe) + "'");
                }
                return;
            }
            String implausible = TraceIntegrator.implausible("gpu", watts);
            if (implausible != null) problems.warning(no, implausible);
            integrator.power(device, "gpu", micros, watts);
        }

        private static String placeholder(byte[] b, Fields f) {
            int known = f.placeholder(b);
            if (known >= 0) return PLACEHOLDER_REASONS[known];
            int s = f.ps, e = f.pe;
            if (e - s > 2 && b[s] == '[' && b[e - 1] == ']' && e - s < 64) return "power.draw " + text(b, s, e);
            return null;
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
            String n = fields.changedName(b);
            if (n != null && names.size() < 16) names.add(n);
        }

        /** Applies the daylight-saving shift and watches the local clock for jumps of about an hour. */
        private long adjustClock(long micros, boolean localClock, long no, byte[] b, int s, int e) {
            long t = micros + shift;
            if (latest != Long.MIN_VALUE && localClock && hourJump(latest, t)) {
                if (latest - t > 0) {
                    shift += HOUR;
                    t += HOUR;
                    problems.warning(no, "the local clock went back by about an hour (to " + text(b, s, e)
                            + "): read as the end of daylight saving; later samples are taken to be one hour later, so the repeated hour "
                            + "is neither lost nor counted twice");
                } else {
                    problems.note(no, "the local clock jumped forward by about an hour (to " + text(b, s, e)
                            + "): the start of daylight saving or a pause in logging; the hour is a gap, not bridged");
                }
            }
            if (t > latest) latest = t;
            return t;
        }
    }

    /**
     * One chunk's data rows, decoded by a worker under the header the file starts with, up to the
     * first line that is not a plain data row (which the sequential path then reads, with the rest
     * of the chunk). Reused from chunk to chunk.
     */
    private static final class Rows {
        final Fields fields = new Fields();
        Header header;
        int count;
        long[] micros = new long[1024];
        double[] watts = new double[1024];
        byte[] reason = new byte[1024];   // index into PLACEHOLDERS, or -1 for a number
        int[] device = new int[1024];     // Fields.keyId
        int[] lineStart = new int[1024];  // offset of the row's line in the chunk
        int[] lineNo = new int[1024];     // 1-based within the chunk
        int lines;                        // lines in the chunk, when decoded to its end
        int stopLine, stopOffset;         // the first line not decoded (0 when none) and its offset
        final List<String> names = new ArrayList<>();
        int[] nameRows = new int[16];     // the row at which each of names first appeared

        void decode(byte[] b, int length, Header h) {
            header = h;
            count = 0;
            lines = 0;
            stopLine = 0;
            names.clear();
            fields.forgetName();
            int pos = 0, line = 0;
            Fields f = fields;
            while (pos < length) {
                int nl = f.scanLine(b, pos, length);
                line++;
                if (nl - pos >= ByteLines.MAX_LINE || !row(b, pos, nl, line)) {
                    stopLine = line;
                    stopOffset = pos;
                    return;
                }
                pos = nl + 1;
            }
            lines = line;
        }

        /**
         * Decodes the line {@code b[pos, nl)} (a small method of its own, so that it is compiled
         * early rather than left to on-stack replacement of a long loop); false when it is not a
         * plain data row.
         */
        private boolean row(byte[] b, int pos, int nl, int line) {
            Header h = header;
            Fields f = fields;
            int s = pos, e = nl > pos && b[nl - 1] == '\r' ? nl - 1 : nl;
            while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
            if (s == e) return true;
            byte c0 = b[s];
            if (c0 >= 'a' && c0 <= 'z' || f.splitScanned(s, e, h) != Fields.OK || !f.time(b) || !f.localClock
                    || f.micros < Plausible.EARLIEST_MICROS || f.micros >= Plausible.LATEST_MICROS) return false;
            int id = f.keyId(b, h.index >= 0 ? h.index : h.uuid);
            if (id < 0) return false;
            if (h.name >= 0) name(b);
            double w = f.watts(b);
            int why = -1;
            if (Double.isNaN(w)) {
                why = f.placeholder(b);
                if (why < 0) return false;
            } else if (w > TraceIntegrator.MAX_GPU_WATTS) {
                return false;
            }
            add(f.micros, w, why, id, pos, line);
            return true;
        }

        private void stop(int line, int offset) {
            stopLine = line;
            stopOffset = offset;
        }

        private void add(long t, double w, int why, int id, int offset, int line) {
            int i = count;
            if (i == micros.length) {
                int n = 2 * i;
                micros = Arrays.copyOf(micros, n);
                watts = Arrays.copyOf(watts, n);
                reason = Arrays.copyOf(reason, n);
                device = Arrays.copyOf(device, n);
                lineStart = Arrays.copyOf(lineStart, n);
                lineNo = Arrays.copyOf(lineNo, n);
            }
            micros[i] = t;
            watts[i] = w;
            reason[i] = (byte) why;
            device[i] = id;
            lineStart[i] = offset;
            lineNo[i] = line;
            count = i + 1;
        }

        /** As the sequential reader's name(): a changed, real name is kept (the first 16 distinct suffice). */
        private void name(byte[] b) {
            String n = fields.changedName(b);
            if (n == null || names.size() == nameRows.length || names.contains(n)) return;
            nameRows[names.size()] = count;
            names.add(n);
        }

        /** Adds to {@code into} the names first seen before row {@code upTo}, as the sequential reader would have. */
        void mergeNames(Set<String> into, int upTo) {
            for (int i = 0; i < names.size() && nameRows[i] < upTo; i++) {
                if (into.size() < 16) into.add(names.get(i));
            }
        }
    }
}
