package io.carbonpaper.ingest.grid;

import io.carbonpaper.model.GridSeries;
import io.carbonpaper.model.Problem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an hourly grid carbon intensity file in the formats people download:
 * <ul>
 *   <li><b>Electricity Maps</b> hourly export: {@code Datetime (UTC)}, {@code Zone Id} (or {@code Zone id}) and
 *       {@code Carbon Intensity gCO₂eq/kWh (LCA)} / {@code (direct)} (older exports) or {@code Carbon intensity
 *       gCO₂eq/kWh (Life cycle)} / {@code (direct)} (newer). The life-cycle column wins, as the bundled annual
 *       figures are life-cycle too; the hour is the row's UTC start. The figures are averages. A row whose
 *       {@code Data estimated} is {@code true} is read like the others and its hour recorded as
 *       {@link GridSeries#estimated() estimated}, with its {@code Data estimation method}.</li>
 *   <li><b>US EIA hourly grid monitor</b> (EIA-930 per-balancing-authority data saved as CSV): {@code UTC time}
 *       (or {@code UTC Time at End of Hour}) marks the <em>end</em> of the hour; {@code CO2 Emissions Intensity
 *       for Consumed Electricity} (else {@code ... for Generated Electricity}) in lbs/MWh; {@code BA} or
 *       {@code Balancing Authority} names the zone.</li>
 *   <li><b>Plain</b> {@code timestamp,g_per_kwh}: ISO-8601 hour starts, with an offset or {@code Z}; a timestamp
 *       without one is local time of the zone a {@code # timezone: Europe/Berlin} line names (UTC without it),
 *       so the repeated hour when clocks go back is told apart by order and a skipped hour is a problem.
 *       {@code # zone: DE} and {@code # signal: marginal} lines say what the file is.</li>
 * </ul>
 * Several rows in one hour (5-minute data) are averaged. Every bad row is a problem at file:line and is
 * skipped; missing hours inside the series are {@link GridSeries.SeriesGap gaps}, also reported. A file
 * that is none of these formats, or has no usable row, gives no series and an error.
 */
public final class GridSeriesReader {
    private static final double G_PER_KWH_PER_LBS_PER_MWH = 0.45359237;
    /** lbs/MWh: no hour above this in an EIA file suggests lbs/kWh (see {@link #thousandfold}). */
    private static final double LBS_PER_KWH_CEILING = 3;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#')
            .setIgnoreEmptyLines(true).setTrim(true).get();
    private static final DateTimeFormatter US_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("M/d/uuuu h:mm[:ss] a").toFormatter(Locale.US);

    /** A series, or none, and the problems met reading it. */
    public record Result(Optional<GridSeries> series, List<Problem> problems) {
        public Result { problems = List.copyOf(problems); }
    }

    private GridSeriesReader() {}

    /**
     * The largest series read: ten years of five-minute figures are about 60 MiB. A file from a stranger's
     * logs folder that is larger is refused before it is held in memory.
     */
    public static final int MAX_BYTES = 128 << 20;

    /** Reads {@code path}; {@code name} is how problems name the file. Never throws on bad content. */
    public static Result read(Path path, String name) { return read(path, name, MAX_BYTES); }

    static Result read(Path path, String name, int maxBytes) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(maxBytes + 1); // one open: what is checked is what is read
        } catch (IOException | java.io.UncheckedIOException e) {
            return new Result(Optional.empty(), List.of(Problem.error(name, 0, "cannot read the grid series: " + e.getMessage())));
        }
        if (bytes.length > maxBytes) {
            return new Result(Optional.empty(), List.of(Problem.error(name, 0, "larger than " + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes")
                    + "; an hourly grid series for ten years is under 10 MiB: refused")));
        }
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString(), name);
        } catch (CharacterCodingException e) {
            return new Result(Optional.empty(), List.of(Problem.error(name, 0, "cannot read the grid series: not UTF-8 text")));
        }
    }

    /** Parses the text of a grid series file. */
    public static Result parse(String text, String name) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> directives = directives(text);
        List<CSVRecord> rows;
        int[] content = lineBreaks(text);
        try (Reader r = new StringReader(text); CSVParser p = CSVParser.parse(r, FORMAT)) {
            rows = p.getRecords();
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
            return new Result(Optional.empty(), List.of(Problem.error(name, 0, "not a CSV file: " + e.getMessage())));
        }
        if (rows.isEmpty()) return new Result(Optional.empty(), List.of(Problem.error(name, 0, "empty grid series")));
        CSVRecord header = rows.get(0);
        Layout layout = Layout.of(header, directives);
        if (layout == null) {
            return new Result(Optional.empty(), List.of(Problem.error(name, line(content, header),
                    "not a grid series: expected an Electricity Maps export (Datetime (UTC), Carbon Intensity gCO₂eq/kWh ...), "
                            + "an EIA grid monitor file (UTC time, CO2 Emissions Intensity for Consumed Electricity) or a "
                            + "timestamp,g_per_kwh header")));
        }
        Optional<ZoneId> localZone = Optional.empty();
        if (directives.containsKey("timezone")) {
            try {
                localZone = Optional.of(ZoneId.of(directives.get("timezone")));
            } catch (DateTimeException e) {
                problems.add(Problem.error(name, 0, "unknown time zone '" + directives.get("timezone") + "' in # timezone:"));
                return new Result(Optional.empty(), problems);
            }
        }
        TreeMap<Instant, double[]> sums = new TreeMap<>();   // hour -> {sum, count}
        TreeMap<Instant, Long> lines = new TreeMap<>();
        TreeMap<Instant, String> estimated = new TreeMap<>();   // hour -> the publisher's estimation method
        String zone = directives.get("zone");
        Instant previous = null;
        for (int i = 1; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            long line = line(content, row);
            String when = layout.time < row.size() ? row.get(layout.time) : "";
            String value = layout.value < row.size() ? row.get(layout.value) : "";
            if (layout.zone >= 0 && layout.zone < row.size() && !row.get(layout.zone).isBlank()) {
                String z = row.get(layout.zone);
                if (zone == null) zone = z;
                else if (!zone.equalsIgnoreCase(z)) {
                    problems.add(Problem.error(name, line, "zone " + z + " in a series of zone " + zone + "; row skipped (one zone per file)"));
                    continue;
                }
            }
            Optional<Instant> t = instant(when, layout.format, localZone, previous);
            if (t.isEmpty()) {
                problems.add(Problem.error(name, line, "not a timestamp: '" + when + "'"
                        + (localZone.isPresent() && !when.isBlank() ? " (or a local time the clocks skip in " + localZone.get() + ")" : "")));
                continue;
            }
            Instant start = layout.format.equals("eia-grid-monitor") ? t.get().minusSeconds(3600) : t.get();
            previous = t.get();
            if (value.isBlank()) continue;   // a missing hour: a gap below
            double g;
            try {
                g = Double.parseDouble(value.replace(",", "")) * layout.toGramsPerKwh;
            } catch (NumberFormatException e) {
                problems.add(Problem.error(name, line, "not a number: '" + value + "'"));
                continue;
            }
            if (!(g >= 0 && g <= 2000)) {
                problems.add(Problem.error(name, line, "intensity " + value + " is outside 0-2000 g/kWh; row skipped"));
                continue;
            }
            Instant hour = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), 3600) * 3600);
            double[] s = sums.computeIfAbsent(hour, h -> new double[2]);
            s[0] += g;
            s[1]++;
            lines.putIfAbsent(hour, line);
            if (layout.estimated >= 0 && layout.estimated < row.size() && row.get(layout.estimated).strip().equalsIgnoreCase("true")) {
                String method = layout.method >= 0 && layout.method < row.size() ? method(row.get(layout.method)) : "";
                estimated.merge(hour, method, (a, b) -> a.isEmpty() ? b : a);
            }
        }
        if (sums.isEmpty()) {
            problems.add(Problem.error(name, 0, "no hour with an intensity in the grid series"));
            return new Result(Optional.empty(), problems);
        }
        TreeMap<Instant, Double> hourly = new TreeMap<>();
        sums.forEach((h, s) -> hourly.put(h, s[0] / s[1]));
        if (layout.format.equals("eia-grid-monitor")) thousandfold(hourly, layout.toGramsPerKwh).ifPresent(m -> problems.add(Problem.warning(name, 0, m)));
        List<GridSeries.SeriesGap> gaps = new ArrayList<>();
        Instant last = null;
        for (Instant h : hourly.keySet()) {
            if (last != null && h.getEpochSecond() - last.getEpochSecond() > 3600) {
                long missing = (h.getEpochSecond() - last.getEpochSecond()) / 3600 - 1;
                long line = lines.get(h);
                gaps.add(new GridSeries.SeriesGap(last.plusSeconds(3600), missing, line));
                problems.add(Problem.warning(name, line, "grid series has no intensity for " + missing + " hour"
                        + (missing == 1 ? "" : "s") + " from " + last.plusSeconds(3600) + " (before this line)"));
            }
            last = h;
        }
        return new Result(Optional.of(new GridSeries(name, layout.format, Optional.ofNullable(zone), layout.signal(directives),
                layout.basis, hourly, gaps, estimated)), problems);
    }

    /**
     * EIA publishes intensity in lbs/MWh; a file whose every hour is at most {@value #LBS_PER_KWH_CEILING} (with some
     * above zero) is most likely in lbs/kWh, as files re-saved by hand often are (a coal grid is about 2.2 lbs/kWh),
     * which read as lbs/MWh would be a thousand times too clean. Only an all-hydro or all-nuclear balancing
     * authority is that clean in lbs/MWh, so this is a warning, and the figures are read as the column says.
     */
    private static Optional<String> thousandfold(Map<Instant, Double> hourly, double toGramsPerKwh) {
        double max = 0;
        for (double g : hourly.values()) max = Math.max(max, g / toGramsPerKwh);
        if (max <= 0 || max > LBS_PER_KWH_CEILING) return Optional.empty();
        return Optional.of("every hour's CO2 intensity is at most " + threeFigures(max) + " lbs/MWh (" + threeFigures(max * toGramsPerKwh)
                + " g/kWh), a thousand times below a fossil grid's: if the column is in lbs/kWh rather than EIA's lbs/MWh, multiply "
                + "it by 1,000; only an all-hydro or all-nuclear balancing authority is this clean");
    }

    private static String threeFigures(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** An estimation method as the report may print it: a name such as {@code ESTIMATED_TIME_SLICER_AVERAGE}, at most 60 characters. */
    private static String method(String cell) {
        String m = cell.strip().replaceAll("[^A-Za-z0-9_. -]", "?");
        return m.length() > 60 ? m.substring(0, 60) + "..." : m;
    }

    /** The 1-based line a record starts on: one more than the line breaks before its first character. */
    private static long line(int[] breaks, CSVRecord r) {
        int i = java.util.Arrays.binarySearch(breaks, (int) Math.min(r.getCharacterPosition(), Integer.MAX_VALUE));
        return (i >= 0 ? i : -i - 1) + 1;
    }

    private static int[] lineBreaks(String text) {
        return java.util.stream.IntStream.range(0, text.length()).filter(i -> text.charAt(i) == '\n').toArray();
    }

    /** {@code # key: value} lines before the header. */
    private static Map<String, String> directives(String text) {
        Map<String, String> out = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                String s = l.strip();
                if (s.isEmpty()) continue;
                if (!s.startsWith("#")) break;
                int colon = s.indexOf(':');
                if (colon > 0) out.put(s.substring(1, colon).strip().toLowerCase(Locale.ROOT), s.substring(colon + 1).strip());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static Optional<Instant> instant(String text, String format, Optional<ZoneId> localZone, Instant previous) {
        String t = text.strip();
        if (t.isEmpty()) return Optional.empty();
        try {
            if (t.matches("\\d{1,2}/\\d{1,2}/\\d{4} .*")) return Optional.of(LocalDateTime.parse(t, US_TIME).toInstant(ZoneOffset.UTC));
            String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            if (iso.length() == 16) iso = iso + ":00";
            if (iso.endsWith("Z") || iso.indexOf('+', 19) > 0 || iso.indexOf('-', 19) > 0) {
                return Optional.of(OffsetDateTime.parse(iso).toInstant());
            }
            LocalDateTime local = LocalDateTime.parse(iso);
            if (!format.equals("plain") || localZone.isEmpty()) return Optional.of(local.toInstant(ZoneOffset.UTC));
            ZoneId zone = localZone.get();
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) return Optional.empty();              // clocks skipped this hour
            Instant first = local.toInstant(offsets.get(0));
            if (offsets.size() == 1 || previous == null || first.isAfter(previous)) return Optional.of(first);
            return Optional.of(local.toInstant(offsets.get(1)));        // the repeated hour, second time round
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Where the columns of one of the three formats are. */
    private record Layout(String format, int time, int value, int zone, double toGramsPerKwh, String basis, int estimated, int method) {
        Layout(String format, int time, int value, int zone, double toGramsPerKwh, String basis) {
            this(format, time, value, zone, toGramsPerKwh, basis, -1, -1);
        }

        String signal(Map<String, String> directives) {
            String s = directives.getOrDefault("signal", "average").toLowerCase(Locale.ROOT);
            return s.startsWith("marg") ? "marginal" : "average";
        }

        static Layout of(CSVRecord header, Map<String, String> directives) {
            List<String> h = new ArrayList<>();
            for (String c : header) h.add(c.strip().toLowerCase(Locale.ROOT).replace('₂', '2'));
            int time = h.indexOf("datetime (utc)");
            if (time >= 0) {
                int lca = find(h, "carbon intensity gco2eq/kwh (lca)", "carbon intensity gco2eq/kwh (life cycle)");
                int direct = find(h, "carbon intensity gco2eq/kwh (direct)");
                if (lca < 0 && direct < 0) return null;
                return new Layout("electricity-maps", time, lca >= 0 ? lca : direct, find(h, "zone id"), 1.0,
                        lca >= 0 ? "life-cycle" : "direct", find(h, "data estimated"), find(h, "data estimation method"));
            }
            time = find(h, "utc time", "utc time at end of hour");
            if (time >= 0) {
                int value = find(h, "co2 emissions intensity for consumed electricity", "co2 emissions intensity for generated electricity");
                if (value < 0) return null;
                return new Layout("eia-grid-monitor", time, value, find(h, "ba", "balancing authority"),
                        G_PER_KWH_PER_LBS_PER_MWH, "direct");
            }
            time = h.indexOf("timestamp");
            int value = h.indexOf("g_per_kwh");
            if (time >= 0 && value >= 0) {
                return new Layout("plain", time, value, h.indexOf("zone"), 1.0, directives.getOrDefault("basis", "unstated"));
            }
            return null;
        }

        private static int find(List<String> header, String... names) {
            for (String n : names) {
                int i = header.indexOf(n);
                if (i >= 0) return i;
            }
            return -1;
        }
    }
}
