package io.carbonpaper.ingest.trace.nvidiasmi;

import java.nio.charset.StandardCharsets;

/** Column positions from one nvidia-smi CSV header line ({@code timestamp, index, name, power.draw [W]}). */
final class Header {
    /**
     * Columns that may tell devices apart, most usual first: nvidia-smi's own ({@code index},
     * {@code uuid}, {@code pci.bus_id}, {@code serial}, {@code minor_number}) and those that
     * scripts add ({@code gpu}, {@code gpu_index}, ...).
     */
    private static final java.util.List<String> DEVICE_COLUMNS = java.util.List.of(
            "index", "uuid", "gpu_uuid", "pci.bus_id", "pci.bus", "gpu_bus_id", "serial", "minor_number",
            "gpu", "gpu_index", "gpu_id", "device", "device_id", "device_index");

    final int fields, timestamp, name, power;
    /** The column that tells devices apart, or -1: rows of one time are then devices by position. */
    final int device;
    /** The columns that could tell devices apart, in {@link #DEVICE_COLUMNS} order. */
    final int[] deviceCandidates;
    final long line;
    private final String[] names;

    private Header(int fields, int timestamp, int name, int power, int device, int[] deviceCandidates,
                   long line, String[] names) {
        this.fields = fields;
        this.timestamp = timestamp;
        this.name = name;
        this.power = power;
        this.device = device;
        this.deviceCandidates = deviceCandidates;
        this.line = line;
        this.names = names;
    }

    /** This header with devices told apart by column {@code column} (one of {@link #deviceCandidates}). */
    Header keyedBy(int column) {
        return new Header(fields, timestamp, name, power, column, deviceCandidates, line, names);
    }

    /** The query name of column {@code column}, without its unit. */
    String columnName(int column) { return names[column]; }

    /** The index of the column named {@code name} (units set aside), or -1. */
    int column(String name) {
        for (int i = 0; i < fields; i++) if (name.equals(names[i])) return i;
        return -1;
    }

    /**
     * The header in {@code text}, or null when the line is not one: every field must be a
     * lowercase query name ({@code memory.used}, {@code clocks.current.sm}) with an optional
     * unit in brackets, and one of them a field carbonpaper knows.
     */
    static Header parse(String text) { return parse(text, 0); }

    static Header parse(String text, long line) {
        String[] parts = text.split(",", -1);
        String[] names = new String[parts.length];
        int ts = -1, idx = -1, uuid = -1, name = -1, draw = -1, avg = -1, inst = -1;
        for (int i = 0; i < parts.length; i++) {
            String f = parts[i].trim();
            int br = f.indexOf(" [");
            if (br >= 0) {
                if (!f.endsWith("]")) return null;
                f = f.substring(0, br);
            }
            if (!isQueryName(f)) return null;
            names[i] = f;
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
        int[] candidates = java.util.stream.IntStream.range(0, parts.length).filter(i -> DEVICE_COLUMNS.contains(names[i]))
                .boxed().sorted(java.util.Comparator.comparingInt(i -> DEVICE_COLUMNS.indexOf(names[i]))).mapToInt(Integer::intValue).toArray();
        return new Header(parts.length, ts, name, power, candidates.length > 0 ? candidates[0] : -1, candidates, line, names);
    }

    /**
     * The header that {@code b[s, e)} (a line without leading blanks) is, or null: as the reader
     * tells a header from a row, a header starts with a lowercase letter.
     */
    static Header ofLine(byte[] b, int s, int e, long line) {
        if (s == e || b[s] < 'a' || b[s] > 'z') return null;
        return parse(new String(b, s, e - s, StandardCharsets.UTF_8), line);
    }

    /** The column that tells devices apart; -1 when none (rows of one time are then told apart by position). */
    int deviceColumn() { return device; }

    /** Whether rows are read the same way under both headers (their lines may differ). */
    boolean sameColumns(Header o) {
        return o != null && fields == o.fields && timestamp == o.timestamp && device == o.device
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
