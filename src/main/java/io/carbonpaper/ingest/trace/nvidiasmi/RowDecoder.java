package io.carbonpaper.ingest.trace.nvidiasmi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one data row of an nvidia-smi CSV under its header: the one decoder behind both the
 * sequential reading of a file and the chunk workers, so that the two cannot disagree about a row.
 *
 * <p>Use: {@link #scan} a line (its end and its commas in one pass), then {@link #decode} it; the
 * outcome is a status and the fields it set ({@link #micros}, {@link #device}, {@link #watts},
 * ...). What a row means in its file (the clock in force, which device a position is, problems
 * at a line number) is for the caller. Nothing carries from row to row but caches that make
 * repeated dates, device keys and names cheap; one instance per thread.
 */
final class RowDecoder {
    /** A row with a power value in watts ({@link #watts}); it may still be implausibly high. */
    static final int ROW = 0;
    /** A row whose power is a placeholder nvidia-smi writes ({@link #missing}): a missing value, never zero. */
    static final int MISSING = 1;
    /** More than {@value #MAX_FIELDS} fields. */
    static final int TOO_MANY = 2;
    /** Fewer fields than the header, or more without a name column to absorb them. */
    static final int WRONG_COUNT = 3;
    /** The timestamp field is not a timestamp ({@link #timeStart}, {@link #timeEnd}). */
    static final int BAD_TIME = 4;
    /** The device column is empty. */
    static final int NO_DEVICE = 5;
    /** The power field holds neither a number nor a known placeholder ({@link #powerStart}, {@link #powerEnd}). */
    static final int BAD_POWER = 6;

    /** Device id of a row under a header without a device column: its position among the rows of its time decides. */
    static final int BY_POSITION = -1;

    static final int MAX_FIELDS = 512;
    private static final int SMALL_INDEXES = 256;

    /** The placeholders nvidia-smi writes for a value it cannot read, and why each is missing. */
    private static final byte[][] PLACEHOLDERS = {
            bytes("[N/A]"), bytes("[Not Supported]"), bytes("[Insufficient Permissions]"), bytes("[Unknown Error]"),
            bytes("N/A"), bytes("[GPU is lost]"), bytes("[Requires Pstate]")};
    private static final String[] PLACEHOLDER_REASONS = {
            "power.draw [N/A]", "power.draw [Not Supported]", "power.draw [Insufficient Permissions]", "power.draw [Unknown Error]",
            "power.draw [N/A]", "power.draw [GPU is lost]", "power.draw [Requires Pstate]"};

    private final ByteFields parse = new ByteFields();
    private final int[] commas = new int[MAX_FIELDS];
    private int nCommas;
    private int lineStart, lineEnd, extra;
    private Header header;

    // what decode() found
    long micros;
    boolean localClock;
    int device;
    double watts;
    int missing;
    String name;
    int timeStart, timeEnd, powerStart, powerEnd;

    private final String[] byIndex = new String[SMALL_INDEXES];
    private final List<byte[]> keyBytes = new ArrayList<>();
    private final List<String> keyStrings = new ArrayList<>();
    /** The keys by their bytes, once there are too many to scan (a file of 100,000 devices). */
    private final java.util.Map<Slice, Integer> keyIndex = new java.util.HashMap<>();
    private final Slice probe = new Slice();
    /** Up to this many keys a scan is faster than a hash; beyond, lookups go through {@link #keyIndex}. */
    private static final int SCANNED_KEYS = 16;
    private byte[] lastName = new byte[0];
    /** The bytes of {@link #name} until {@link #keepName} makes them the last name. */
    private byte[] pendingName;

    /**
     * Finds the end of the line that starts at {@code pos} (its {@code \n}, or {@code limit}) and
     * the commas on the way, in one pass. A line with more than {@value #MAX_FIELDS} commas ends the
     * scan early and {@link #decode} says {@link #TOO_MANY}.
     */
    int scan(byte[] b, int pos, int limit) {
        // A plain loop: eight bytes at a time (SWAR) measured 18-27 ns a row against its 23, as
        // commas come every dozen bytes.
        int n = 0;
        int[] c = commas;
        int i = pos;
        for (; i < limit; i++) {
            byte x = b[i];
            if (x == ',') {
                if (n == MAX_FIELDS) {
                    nCommas = MAX_FIELDS + 1;
                    while (i < limit && b[i] != '\n') i++;
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

    /** The number of fields {@link #scan} found. */
    int fieldCount() { return nCommas + 1; }

    /**
     * Decodes the scanned line, trimmed to {@code b[s, e)}, under {@code h}: one of the status
     * constants. Past the device column (statuses {@link #ROW}, {@link #MISSING}, {@link
     * #BAD_POWER}) {@link #name} is the row's GPU name when it is a real one that differs from the
     * last this decoder gave, else null.
     */
    int decode(byte[] b, int s, int e, Header h) {
        name = null;
        if (!split(b, s, e, h)) return nCommas > MAX_FIELDS ? TOO_MANY : WRONG_COUNT;

        trim(b, h.timestamp);
        timeStart = fs;
        timeEnd = fe;
        if (!parse.time(b, fs, fe)) return BAD_TIME;
        micros = parse.micros;
        localClock = parse.localClock;

        int col = h.deviceColumn();
        if (col >= 0) {
            device = keyId(b, col);
            if (device < 0) return NO_DEVICE;
        } else {
            device = BY_POSITION;
        }
        if (h.name >= 0) name = changedName(b);

        trim(b, h.power);
        powerStart = fs;
        powerEnd = fe;
        watts = ByteFields.watts(b, fs, fe);
        if (!Double.isNaN(watts)) return ROW;
        missing = placeholder(b, fs, fe);
        return missing >= 0 ? MISSING : BAD_POWER;
    }

    /**
     * Locates the fields of the scanned line, trimmed to {@code b[s, e)}, under {@code h} without
     * decoding them, for {@link #text}; false when their number does not fit the header.
     */
    boolean split(byte[] b, int s, int e, Header h) {
        header = h;
        if (nCommas > MAX_FIELDS) return false;
        extra = nCommas + 1 - h.fields;
        if (extra < 0 || (extra > 0 && h.name < 0)) return false;
        lineStart = s;
        lineEnd = e;
        return true;
    }

    /** Field {@code col} of the line {@link #split} or {@link #decode} located, without its blanks. */
    String text(byte[] b, int col) {
        trim(b, col);
        return new String(b, fs, fe - fs, StandardCharsets.UTF_8);
    }

    /** Why the value of a {@link #MISSING} row is missing, as the data-quality table says it. */
    static String missingReason(int placeholder) { return PLACEHOLDER_REASONS[placeholder]; }

    /** The key a device id from {@link #decode} stands for. */
    String key(int id) {
        if (id >= SMALL_INDEXES) return keyStrings.get(id - SMALL_INDEXES);
        String k = byIndex[id];
        if (k == null) byIndex[id] = k = Integer.toString(id);
        return k;
    }

    /** The number of device ids this decoder can have given so far. */
    int keyIds() { return SMALL_INDEXES + keyBytes.size(); }

    /** Makes the next real name count as changed. */
    void forgetName() { lastName = new byte[0]; }

    /**
     * Records the row's {@link #name}, if any, as the last name given: called for a row the reader
     * keeps, so that a refused row (a timestamp out of range, say) does not hide its name from the
     * next kept one.
     */
    void keepName() {
        if (name != null) lastName = pendingName;
    }

    // the field trimmed last by trim()
    private int fs, fe;

    /** Sets {@link #fs} and {@link #fe} to field {@code col} of the header without its surrounding blanks; the name column absorbs extra commas. */
    private void trim(byte[] b, int col) {
        int nameCol = header.name;
        int rawStart = col <= nameCol || nameCol < 0 ? col : col + extra;
        int rawEnd = col < nameCol || nameCol < 0 ? col : col + extra;
        int start = rawStart == 0 ? lineStart : commas[rawStart - 1] + 1;
        int end = rawEnd == nCommas ? lineEnd : commas[rawEnd];
        int s = ByteFields.trimStart(b, start, end);
        fe = ByteFields.trimEnd(b, s, end);
        fs = s;
    }

    /**
     * The device key in column {@code col} as a small id: below {@value #SMALL_INDEXES} a
     * numeric index itself, above it a key of this decoder's own; -1 when the field is empty.
     */
    private int keyId(byte[] b, int col) {
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
        if (keyBytes.size() <= SCANNED_KEYS) {
            for (int i = 0; i < keyBytes.size(); i++) {
                byte[] k = keyBytes.get(i);
                if (Arrays.equals(k, 0, k.length, b, s, e)) return SMALL_INDEXES + i;
            }
        } else {
            Integer i = keyIndex.get(probe.of(b, s, e));
            if (i != null) return SMALL_INDEXES + i;
        }
        byte[] key = Arrays.copyOfRange(b, s, e);
        keyBytes.add(key);
        keyStrings.add(new String(b, s, e - s, StandardCharsets.UTF_8));
        keyIndex.put(new Slice().of(key, 0, key.length), keyBytes.size() - 1);
        return SMALL_INDEXES + keyBytes.size() - 1;
    }

    /** A range of bytes as a hash key; the probe is reused so that a lookup allocates nothing. */
    private static final class Slice {
        private byte[] b;
        private int s, e, hash;

        Slice of(byte[] bytes, int start, int end) {
            b = bytes;
            s = start;
            e = end;
            int h = 1;
            for (int i = start; i < end; i++) h = 31 * h + bytes[i];
            hash = h;
            return this;
        }

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            return o instanceof Slice x && hash == x.hash && Arrays.equals(b, s, e, x.b, x.s, x.e);
        }
    }

    /** The name in the name column when it is a real name (not empty, not a placeholder) that differs from the last one kept; else null. */
    private String changedName(byte[] b) {
        trim(b, header.name);
        int s = fs, e = fe;
        if (Arrays.equals(lastName, 0, lastName.length, b, s, e)) return null;
        if (s == e || b[s] == '[') return null;
        pendingName = Arrays.copyOfRange(b, s, e);
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    private static int placeholder(byte[] b, int s, int e) {
        for (int i = 0; i < PLACEHOLDERS.length; i++) {
            byte[] p = PLACEHOLDERS[i];
            if (Arrays.equals(p, 0, p.length, b, s, e)) return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
}
