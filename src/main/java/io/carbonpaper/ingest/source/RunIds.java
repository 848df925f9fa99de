package io.carbonpaper.ingest.source;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A set of run ids that costs 8 bytes per id when the ids are a cluster's: a prefix (at most
 * {@value #PREFIXES} different ones, such as {@code sacct:}) and Slurm's numbering ({@code 123},
 * array tasks {@code 123_4}, heterogeneous components {@code 123+0}: a 32-bit job id and a small
 * index), packed into one {@code long} each, exactly, in an open-addressing table. Any other id is
 * kept as a string. For remembering which of a million jobs were already read (issue 20).
 */
public final class RunIds {
    static final int PREFIXES = 15;
    private long[] table = new long[1 << 10]; // packed id + 1; 0 is an empty slot
    private int size;
    private final Set<String> others = new HashSet<>();
    private final Map<String, Integer> prefixes = new HashMap<>();

    public void add(String id) {
        long p = pack(id, true);
        if (p < 0) {
            others.add(id);
            return;
        }
        if (2 * (size + 1) > table.length) grow();
        if (insert(table, p + 1)) size++;
    }

    public boolean contains(String id) {
        long p = pack(id, false);
        if (p == -2) return false; // a prefix never added
        if (p < 0) return others.contains(id);
        long k = p + 1;
        int mask = table.length - 1;
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            if (table[i] == 0) return false;
            if (table[i] == k) return true;
        }
    }

    private static boolean insert(long[] t, long k) {
        int mask = t.length - 1;
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            if (t[i] == k) return false;
            if (t[i] == 0) {
                t[i] = k;
                return true;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long k : table) if (k != 0) insert(bigger, k);
        table = bigger;
    }

    private static int slot(long k, int mask) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * {@code prefix digits[(_|+)digits]} with a job id below 2^32 and an index below 2^26, packed;
     * -1 for any other id, -2 for a prefix not yet seen when {@code learn} is false.
     */
    long pack(String id, boolean learn) {
        int end = id.length(), start = end, sep = -1;
        long kind = 0;
        while (start > 0) {
            char c = id.charAt(start - 1);
            if (c >= '0' && c <= '9') {
                start--;
            } else if ((c == '_' || c == '+') && sep < 0 && start < end) {
                sep = --start;
                kind = c == '_' ? 1 : 2;
            } else {
                break;
            }
        }
        if (sep == start) return -1; // "_4" with no job id
        String job = id.substring(start, sep < 0 ? end : sep), index = sep < 0 ? "0" : id.substring(sep + 1);
        if (job.isEmpty() || job.length() > 10 || index.length() > 8) return -1;
        if ((job.length() > 1 && job.charAt(0) == '0') || (index.length() > 1 && index.charAt(0) == '0')) return -1; // not canonical
        long j = Long.parseLong(job), x = Long.parseLong(index);
        if (j >= 1L << 32 || x >= 1L << 26) return -1;
        String prefix = id.substring(0, start);
        Integer pi = prefixes.get(prefix);
        if (pi == null) {
            if (!learn) return prefixes.size() < PREFIXES ? -2 : -1;
            if (prefixes.size() >= PREFIXES) return -1;
            pi = prefixes.size();
            prefixes.put(prefix, pi);
        }
        return (long) pi << 60 | kind << 58 | x << 32 | j;
    }
}
