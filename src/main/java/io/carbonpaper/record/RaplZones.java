package io.carbonpaper.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU package and DRAM energy from Linux powercap RAPL ({@code intel-rapl:N} zones named
 * {@code package-N}, and their {@code intel-rapl:N:M} subzones named {@code dram}; AMD processors
 * expose the same names). Other zones (core, uncore, psys) overlap these and are left out.
 *
 * <p>{@code energy_uj} is a counter that wraps at {@code max_energy_range_uj}; a reading below the
 * previous one is taken as one wrap: {@code delta = max - e1 + e2}. A counter that cannot be read
 * (root-only on many systems since Linux 5.10) is one warning and the zone is left out; never a
 * failure. Not thread-safe.
 */
public final class RaplZones {
    private static final Pattern ZONE = Pattern.compile("intel-rapl:(\\d+)(?::(\\d+))?");

    /** One measured zone and its running total. */
    public static final class Zone {
        final String device;
        final String kind;
        final Path energyFile;
        final long maxRangeMicrojoules; // 0: unknown, a decrease is then a reset, not a wrap
        long last = -1;
        long cumulativeMicrojoules;
        long lastMicros;
        boolean failing;

        Zone(String device, String kind, Path energyFile, long maxRange) {
            this.device = device;
            this.kind = kind;
            this.energyFile = energyFile;
            this.maxRangeMicrojoules = maxRange;
        }

        public String device() { return device; }
        public String kind() { return kind; }
    }

    /**
     * One reading: cumulative microjoules since the first, and the mean power since the previous
     * reading in milliwatts (-1 for the first, or where unknown); {@code status} empty or {@code unreadable}.
     */
    public record Reading(Zone zone, long microjoules, long milliwatts, String status) {}

    private final List<Zone> zones;

    private RaplZones(List<Zone> zones) { this.zones = zones; }

    public static RaplZones none() { return new RaplZones(List.of()); }

    /** The readable package and DRAM zones under {@code root}, in zone order. */
    public static RaplZones discover(Path root, Consumer<String> warn) {
        if (!Files.isDirectory(root)) return none();
        TreeMap<String, Path> found = new TreeMap<>(RaplZones::compareZoneNames);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "intel-rapl:*")) {
            for (Path p : ds) if (ZONE.matcher(p.getFileName().toString()).matches()) found.put(p.getFileName().toString(), p);
        } catch (IOException e) {
            warn.accept("cannot list " + root + " (" + e.getMessage() + "): CPU and DRAM energy not recorded");
            return none();
        }
        List<Zone> zones = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (var e : found.entrySet()) {
            Matcher m = ZONE.matcher(e.getKey());
            if (!m.matches()) continue;
            String name = readText(e.getValue().resolve("name")).orElse("");
            String device;
            String kind;
            if (m.group(2) == null && name.startsWith("package-")) {
                device = name;
                kind = "cpu";
            } else if (m.group(2) != null && name.equals("dram")) {
                String parent = readText(root.resolve("intel-rapl:" + m.group(1)).resolve("name")).orElse("");
                device = "dram-" + (parent.startsWith("package-") ? parent.substring("package-".length()) : m.group(1));
                kind = "dram";
            } else {
                continue;
            }
            Path energy = e.getValue().resolve("energy_uj");
            if (readLong(energy).isEmpty()) {
                unreadable.add(device);
                continue;
            }
            long max = readLong(e.getValue().resolve("max_energy_range_uj")).orElse(0L);
            zones.add(new Zone(device, kind, energy, max));
        }
        if (!unreadable.isEmpty())
            warn.accept("cannot read RAPL energy_uj of " + String.join(", ", unreadable)
                    + " (often root-only since Linux 5.10): their energy is not recorded");
        return new RaplZones(List.copyOf(zones));
    }

    /** intel-rapl:2 before intel-rapl:10, and a zone before its subzones. */
    private static int compareZoneNames(String a, String b) {
        Matcher x = ZONE.matcher(a), y = ZONE.matcher(b);
        if (!x.matches() || !y.matches()) return a.compareTo(b);
        int c = Long.compare(Long.parseLong(x.group(1)), Long.parseLong(y.group(1)));
        if (c != 0) return c;
        long sx = x.group(2) == null ? -1 : Long.parseLong(x.group(2)), sy = y.group(2) == null ? -1 : Long.parseLong(y.group(2));
        return Long.compare(sx, sy);
    }

    public List<Zone> zones() { return zones; }

    /** Reads one zone at {@code micros}; a counter that fails once gives one {@code unreadable} row and one warning. */
    public Reading read(Zone z, long micros, Consumer<String> warn) {
        Optional<Long> v = readLong(z.energyFile);
        if (v.isEmpty()) {
            if (!z.failing) warn.accept("RAPL counter " + z.energyFile + " became unreadable; retrying at every sample");
            z.failing = true;
            return new Reading(z, -1, -1, "unreadable");
        }
        z.failing = false;
        long e = v.get();
        long mw = -1;
        if (z.last >= 0) {
            long delta;
            if (e >= z.last) delta = e - z.last;
            else if (z.maxRangeMicrojoules > 0 && z.last <= z.maxRangeMicrojoules) delta = z.maxRangeMicrojoules - z.last + e;
            else delta = 0; // no range known: a reset, the interval is lost
            z.cumulativeMicrojoules += delta;
            long dt = micros - z.lastMicros;
            if (dt > 0) mw = Math.round(delta * 1000.0 / dt);
        }
        z.last = e;
        z.lastMicros = micros;
        return new Reading(z, z.cumulativeMicrojoules, mw, "");
    }

    private static Optional<String> readText(Path p) {
        try {
            return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.US_ASCII).strip());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readLong(Path p) {
        Optional<String> t = readText(p);
        if (t.isEmpty()) return Optional.empty();
        try {
            long v = Long.parseLong(t.get());
            return v >= 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
