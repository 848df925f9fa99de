package io.carbonpaper.ingest.trace.nvidiasmi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the column that tells devices apart when a header has several that could ({@code index}
 * and {@code uuid}, or a script's own {@code gpu} next to an {@code index} that is 0 on every row):
 * the first, in {@link Header}'s order, whose value is present and different on every row of one
 * time, over the first rows under the header. A column that repeats within one time is not a
 * device key; taking it would drop all but one device's rows as duplicates.
 *
 * <p>The window: rows up to the third distinct timestamp (two whole samples) or {@value
 * #WINDOW_ROWS} rows, whichever comes first; a header line or the end of the file closes it
 * earlier. Sequential and chunked reading apply the same rule to the same rows, so they choose
 * alike.
 */
final class DeviceColumnChoice {
    static final int WINDOW_ROWS = 256;

    private final Header header;
    private final RowDecoder fields = new RowDecoder();
    private final boolean[] repeated;
    private final List<Set<String>> seen = new ArrayList<>();
    private String groupTime;
    private int times, rows;

    DeviceColumnChoice(Header header) {
        this.header = header;
        this.repeated = new boolean[header.deviceCandidates.length];
        for (int i = 0; i < header.deviceCandidates.length; i++) seen.add(new HashSet<>());
    }

    /** Whether {@code h} leaves a choice to make (two or more columns could tell devices apart). */
    static boolean needed(Header h) { return h.deviceCandidates.length > 1; }

    /** Takes the data line {@code b[s, e)} (trimmed) into the window; lines of the wrong shape are passed over. */
    void add(byte[] b, int s, int e) {
        if (complete()) return;
        fields.scan(b, s, e);
        if (!fields.split(b, s, e, header)) return;
        String time = fields.text(b, header.timestamp);
        if (!time.equals(groupTime)) {
            if (++times == 3) return;
            groupTime = time;
            for (Set<String> v : seen) v.clear();
        }
        rows++;
        int[] c = header.deviceCandidates;
        for (int i = 0; i < c.length; i++) {
            String v = fields.text(b, c[i]);
            if (v.isEmpty() || !seen.get(i).add(v)) repeated[i] = true;
        }
    }

    /** Whether the window is full. */
    boolean complete() { return times >= 3 || rows >= WINDOW_ROWS; }

    /** The header keyed by the chosen column: the first that never repeated within one time, else the usual first. */
    Header choose() {
        int[] c = header.deviceCandidates;
        for (int i = 0; i < c.length; i++) if (!repeated[i]) return header.keyedBy(c[i]);
        return header;
    }

    /**
     * The choice over the data lines of {@code b[from, to)} (a file's head after its header line);
     * null when the window does not close within them and {@code whole} (they are all of the file)
     * is false.
     */
    static Header over(Header h, byte[] b, int from, int to, boolean whole) {
        if (!needed(h)) return h;
        DeviceColumnChoice choice = new DeviceColumnChoice(h);
        int start = from;
        for (int i = from; i < to && !choice.complete(); i++) {
            if (b[i] != '\n') continue;
            if (!choice.line(b, start, i)) return choice.choose();
            start = i + 1;
        }
        if (choice.complete()) return choice.choose();
        if (!whole) return null;
        if (start < to) choice.line(b, start, to);
        return choice.choose();
    }

    /** Takes one raw line; false when it is a header (which closes the window). */
    private boolean line(byte[] b, int s, int nl) {
        int e = nl > s && b[nl - 1] == '\r' ? nl - 1 : nl;
        s = ByteFields.trimStart(b, s, e);
        if (s == e) return true;
        if (Header.ofLine(b, s, e, 0) != null) return false;
        add(b, s, e);
        return true;
    }

}
