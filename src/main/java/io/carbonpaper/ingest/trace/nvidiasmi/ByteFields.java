package io.carbonpaper.ingest.trace.nvidiasmi;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * The byte-level parsers of nvidia-smi's fields, on a line in a reused buffer: blanks, a power
 * value in watts, a timestamp. They allocate nothing on the common path; only a timestamp in
 * another layout than nvidia-smi's own falls back to {@code java.time}.
 *
 * <p>An instance remembers the last date it decoded ({@link #time}), so that the rows of one day
 * cost no calendar arithmetic; one per thread.
 */
final class ByteFields {
    private final byte[] cachedDate = new byte[10];
    private boolean dateCached;
    private long cachedDayMicros;
    /** The last timestamp read in nvidia-smi's layout, its length (-1: none) and its time. */
    private final byte[] lastTime = new byte[29];
    private int lastTimeLength = -1;
    private long lastTimeMicros;

    /** The last timestamp {@link #time} decoded, in microseconds since the epoch (local times read as UTC). */
    long micros;
    /** Whether that timestamp was local time without a zone (nvidia-smi's own layout, ISO without offset). */
    boolean localClock;

    static int trimStart(byte[] b, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
        return s;
    }

    static int trimEnd(byte[] b, int s, int e) {
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
        return e;
    }

    /** {@code b[s, e)} as text for a message, cut at 80 characters. */
    static String text(byte[] b, int s, int e) {
        String t = new String(b, s, Math.min(e - s, 80), StandardCharsets.UTF_8);
        return e - s > 80 ? t + "..." : t;
    }

    /**
     * The watts in {@code b[s, e)} ({@code 251.30}, {@code 251.30 W}): a plain decimal of at most
     * 17 significant digits, optionally followed by blanks and {@code W}; NaN for anything else.
     * The same double {@link Double#parseDouble} gives.
     */
    static double watts(byte[] b, int s, int e) {
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

    /**
     * Decodes the timestamp in {@code b[s, e)} into {@link #micros} and {@link #localClock}; false
     * when it is not one. nvidia-smi's {@code YYYY/MM/DD HH:MM:SS[.fraction]} is read by hand;
     * ISO-8601 with or without an offset (a space for the {@code T}, slashes for dashes) through
     * {@code java.time}.
     */
    boolean time(byte[] b, int s, int e) {
        int len = e - s;
        // The rows of one sample (one per GPU) repeat its timestamp: the same bytes give the same time.
        if (len == lastTimeLength && Arrays.equals(lastTime, 0, len, b, s, e)) {
            micros = lastTimeMicros;
            localClock = true;
            return true;
        }
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
            System.arraycopy(b, s, lastTime, 0, len); // len <= 29: nvidia-smi's layout
            lastTimeLength = len;
            lastTimeMicros = micros;
            return true;
        }
        return iso(text(b, s, e));
    }

    private boolean iso(String t) {
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

    /** Saturates instead of overflowing: the extremes are then outside {@code Plausible}'s range and reported. */
    private static long toMicros(long epochSecond, int nanos) {
        return epochSecond > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : epochSecond < Long.MIN_VALUE / 1_000_000L ? Long.MIN_VALUE
                : epochSecond * 1_000_000L + nanos / 1_000;
    }

    /** The {@code n} decimal digits at {@code b[s]}, or -1 when one is not a digit. */
    static int digits(byte[] b, int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
