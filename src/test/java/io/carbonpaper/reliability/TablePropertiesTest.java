package io.carbonpaper.reliability;

import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.render.CsvTableWriter;
import io.carbonpaper.render.HtmlRenderer;
import io.carbonpaper.render.LatexWriter;
import io.carbonpaper.render.MarkdownTableWriter;
import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.report.Cell;
import io.carbonpaper.report.Column;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.ReportBuilder;
import io.carbonpaper.report.Row;
import io.carbonpaper.report.Table;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Power;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the report's tables over randomly generated projects (issue 8): every totals row
 * is the sum of its rows, the R&amp;D table's "All experiments" row is the sum over the
 * experiments, and the CSV, LaTeX, Markdown and HTML a table is written as say the same thing.
 * Experiments are built directly (random catalog hardware, hours, declared power or none, device
 * counts, groups, names full of characters each output must escape) and go through the real
 * estimator, report builder and writers into a site in a temporary folder; the printed forms are
 * parsed back (unescaped) and compared with the model's {@link Cell#text()}, the CSV values with
 * its raw values.
 */
class TablePropertiesTest {
    static final Catalogs CATALOGS = Catalogs.bundled();
    static final ProjectConfig CONFIG = ProjectConfig.defaults();
    static final double TOLERANCE = 1e-9;

    /** One generated experiment, before it gets its key. */
    record Spec(String name, String group, boolean isFinal, String accelerator, int count, double hours, Optional<Double> watts) {}

    @Provide Arbitrary<List<Spec>> projects() {
        List<String> keys = CATALOGS.accelerators().all().stream().map(AcceleratorSpec::key).toList();
        // Printable ASCII (every LaTeX, Markdown and HTML special among it), Latin-1 letters and the
        // typographic characters the LaTeX writer maps. Left out: control characters and characters
        // outside Latin-1, which LaTeX and Markdown replace by design (a space, "?"), and the right
        // quotes, which LaTeX writes as the apostrophes they are typeset as.
        Arbitrary<String> names = Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e9\u00fc\u00df\u00d7\u00b7\u2013\u2014\u2082")
                .ofMinLength(1).ofMaxLength(16);
        // Short names of escapes only, so that two of them meet (a hyphen before a dash, a backslash before a brace).
        Arbitrary<String> tricky = Arbitraries.strings().withChars("-\u2013\u2014\\{}&|*_^~`'\"<>[]$#% ").ofMinLength(1).ofMaxLength(6);
        names = Arbitraries.oneOf(names, tricky);
        Arbitrary<String> groups = Arbitraries.of(CONFIG.finalGroup(), "tune-a", "tune-b", "ablation");
        Arbitrary<Double> hours = Arbitraries.doubles().between(0.01, 2000).ofScale(3).filter(h -> h > 0);
        Arbitrary<Optional<Double>> watts = Arbitraries.doubles().between(1, 20000).ofScale(2).optional(0.4);
        Arbitrary<Spec> spec = Combinators.combine(names, groups, Arbitraries.frequency(Tuple.of(1, true), Tuple.of(5, false)), Arbitraries.of(keys),
                Arbitraries.integers().between(1, 64), hours, watts).as(Spec::new);
        return spec.list().ofMinSize(0).ofMaxSize(8);
    }

    static Experiment experiment(int i, Spec s) {
        String key = "runs/exp-" + i;
        return ExperimentBuilder.experiment().key(key).name(s.name()).group(s.group()).isFinal(s.isFinal())
                .hardware(s.accelerator(), s.count()).hours(s.hours()).declaredPower(s.watts().map(Power::ofWatts)).build();
    }

    static Report report(List<Spec> specs) {
        List<Experiment> experiments = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) experiments.add(experiment(i, specs.get(i)));
        TrainingCostEstimator estimator = new TrainingCostEstimator(CATALOGS, CONFIG);
        List<EstimateResult> results = experiments.stream().map(estimator::estimate).toList();
        return new ReportBuilder(CATALOGS, CONFIG, "test", Optional.empty()).build(experiments, results, List.of());
    }

    @Property(tries = 50)
    void everyTotalsRowIsTheSumOfItsRows(@ForAll("projects") List<Spec> specs) {
        Report r = report(specs);
        for (Table t : r.tables()) {
            if (t.total().isEmpty()) continue;
            Row total = t.total().get();
            for (int c = 0; c < t.columns().size(); c++) {
                Column col = t.columns().get(c);
                String raw = total.cells().get(c).raw();
                if (!col.numeric() || raw.isEmpty()) continue;
                double[] sum = new double[2];
                boolean any = false;
                for (Row row : t.rows()) {
                    String v = row.cells().get(c).raw();
                    if (v.isEmpty()) continue;
                    any = true;
                    double[] parts = numbers(v);
                    for (int k = 0; k < parts.length; k++) sum[k] += parts[k];
                }
                assertThat(any).as("%s: total of %s without any row value", t.id(), col.csvName()).isTrue();
                double[] expected = numbers(raw);
                for (int k = 0; k < expected.length; k++)
                    assertClose(expected[k], sum[k], t.id() + " total of " + col.csvName() + " (" + raw + ")");
            }
        }
    }

    @Property(tries = 50)
    void theRndAllExperimentsRowIsTheSumOverExperiments(@ForAll("projects") List<Spec> specs) {
        Report r = report(specs);
        Table cost = r.table("training-cost").orElseThrow();
        Table rnd = r.table("rnd-cost").orElseThrow();
        Map<String, String> all = csvRow(rnd, "All experiments");
        int hoursCol = cost.csvHeader().indexOf("hours");
        double hours = 0, acceleratorHours = 0, kwh = 0, co2 = 0, low = 0, high = 0;
        boolean anyEnergy = false, anyCloud = false;
        String co2Name = "co2e_" + CONFIG.units().symbol();
        for (List<String> row : cost.csvRows()) {
            hours += Double.parseDouble(row.get(hoursCol));
            String e = row.get(cost.csvHeader().indexOf("kwh_pue"));
            if (!e.isEmpty()) {
                anyEnergy = true;
                kwh += Double.parseDouble(e);
                co2 += Double.parseDouble(row.get(cost.csvHeader().indexOf(co2Name)));
            }
            String l = row.get(cost.csvHeader().indexOf("cloud_usd_low"));
            if (!l.isEmpty()) {
                anyCloud = true;
                low += Double.parseDouble(l);
                high += Double.parseDouble(row.get(cost.csvHeader().indexOf("cloud_usd_high")));
            }
        }
        // The experiments in the table are the estimated ones; the specs give their device counts.
        for (int i = 0; i < specs.size(); i++) {
            String name = specs.get(i).name();
            if (cost.csvRows().stream().anyMatch(row -> row.get(0).equals(name)))
                acceleratorHours += specs.get(i).hours() * specs.get(i).count();
        }
        assertThat(Integer.parseInt(all.get("models"))).isEqualTo(cost.csvRows().size());
        assertClose(Double.parseDouble(all.get("hours")), hours, "hours");
        if (cost.csvRows().size() == specs.size()) assertClose(Double.parseDouble(all.get("accelerator_hours")), acceleratorHours, "accelerator_hours");
        assertThat(all.get("kwh_pue").isEmpty()).isEqualTo(!anyEnergy);
        if (anyEnergy) {
            assertClose(Double.parseDouble(all.get("kwh_pue")), kwh, "kwh_pue");
            assertClose(Double.parseDouble(all.get(co2Name)), co2, co2Name);
        }
        if (CONFIG.rndPriceAccelerator().isEmpty()) {
            assertThat(all.get("cloud_usd_low").isEmpty()).isEqualTo(!anyCloud);
            if (anyCloud) {
                assertClose(Double.parseDouble(all.get("cloud_usd_low")), low, "cloud_usd_low");
                assertClose(Double.parseDouble(all.get("cloud_usd_high")), high, "cloud_usd_high");
            }
        }
        // The totals row of the training-cost table says the same as the R&D table.
        Row total = cost.total().orElseThrow();
        int kwhCol = columnIndex(cost, "kwh_pue");
        assertThat(total.cells().get(kwhCol).raw().isEmpty()).isEqualTo(!anyEnergy);
        if (anyEnergy) assertClose(Double.parseDouble(total.cells().get(kwhCol).raw()), Double.parseDouble(all.get("kwh_pue")), "total kwh_pue");
    }

    @Property(tries = 100)
    void csvLatexMarkdownAndHtmlOfATableAgree(@ForAll("projects") List<Spec> specs) throws IOException {
        Report r = report(specs);
        Path dir = Files.createTempDirectory("carbonpaper-props");
        try {
            try (SiteWriter site = SiteWriter.open(dir.resolve("site"), false)) {
                for (Table t : r.tables()) {
                    CsvTableWriter.write(t, site);
                    MarkdownTableWriter.write(t, site);
                }
                LatexWriter.write(r, site);
                new HtmlRenderer(new Templates(Optional.empty())).render(r, site);
                site.commit();
            }
            Path site = dir.resolve("site");
            String html = Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8);
            for (Table t : r.tables()) {
                List<Row> printed = new ArrayList<>(t.rows());
                t.total().ifPresent(printed::add);

                List<List<String>> csv = readCsv(site.resolve("tables/" + t.id() + ".csv"), t);
                assertThat(csv).as(t.id() + ".csv rows").hasSize(t.csvRows().size());
                for (int i = 0; i < csv.size(); i++)
                    assertThat(csv.get(i)).as(t.id() + ".csv row " + i).isEqualTo(t.csvRows().get(i).stream().map(TablePropertiesTest::guarded).toList());
                // The CSV is the model's CSV rows (above); their values are the cells' raw values.
                if (t.csvRows().size() == t.rows().size()) {
                    for (int i = 0; i < t.rows().size(); i++) csvAgreesWithCells(t, t.rows().get(i), csvMap(t.csvHeader(), t.csvRows().get(i)));
                }

                // The full-width form keeps every column; its footnotes are lettered from a in the table.
                String wide = Files.readString(site.resolve("latex/" + t.id() + "-wide.tex"), StandardCharsets.UTF_8);
                List<List<String>> latex = wide.contains("% On its side") ? sideways(wide) : latexRows(wide);
                Map<String, String> letters = new LinkedHashMap<>();
                for (var f : t.footnotes()) letters.put(f.mark(), io.carbonpaper.report.Footnote.markAt(letters.size()));
                List<List<String>> markdown = markdownRows(Files.readString(site.resolve("tables/" + t.id() + ".md"), StandardCharsets.UTF_8));
                List<List<String>> htmlRows = htmlRows(html, t.id());
                assertThat(latex).as(t.id() + ".tex rows").hasSize(printed.size());
                assertThat(markdown).as(t.id() + ".md rows").hasSize(printed.size());
                assertThat(htmlRows).as(t.id() + " HTML rows").hasSize(printed.size());
                for (int i = 0; i < printed.size(); i++) {
                    boolean isTotal = t.total().isPresent() && i == printed.size() - 1;
                    List<Cell> cells = printed.get(i).cells();
                    List<String> tex = latex.get(i), md = markdown.get(i), h = htmlRows.get(i);
                    assertThat(tex).as(t.id() + ".tex row " + i).hasSize(cells.size());
                    assertThat(md).as(t.id() + ".md row " + i).hasSize(cells.size());
                    assertThat(h).as(t.id() + " HTML row " + i).hasSize(cells.size());
                    for (int c = 0; c < cells.size(); c++) {
                        Cell cell = cells.get(c);
                        String where = t.id() + " row " + i + " column " + t.columns().get(c).csvName();
                        assertThat(latexCell(tex.get(c), cell, letters)).as("LaTeX " + where).isEqualTo(cell.text());
                        assertThat(markdownCell(md.get(c), cell, isTotal)).as("Markdown " + where).isEqualTo(cell.text());
                        assertThat(htmlCell(h.get(c), cell, isTotal)).as("HTML " + where).isEqualTo(cell.text());
                    }
                }
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    // --- CSV ---------------------------------------------------------------------------------

    private static List<List<String>> readCsv(Path file, Table t) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(parser.getHeaderNames()).as(t.id() + ".csv header").isEqualTo(t.csvHeader());
            for (CSVRecord rec : parser) {
                List<String> row = new ArrayList<>();
                for (String v : rec) row.add(v);
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * A value as CsvTableWriter's formula-injection guard writes it: a text starting with
     * {@code = + - @}, tab or CR gets a leading quote; numbers ({@code -1.5}) are left as they are.
     * (The guard is not invertible: a name that starts with a quote already reads the same.)
     */
    /**
     * The OWASP guard, stated independently: leading spaces (which spreadsheets skip) do not hide a
     * formula sign, full-width signs count as the ASCII ones, and only finite plain numbers pass.
     */
    static String guarded(String v) {
        String lead = v.replaceFirst("^[ \u00A0\u3000\n\f\u000B]+", "");
        if (lead.isEmpty() || "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20".indexOf(lead.charAt(0)) < 0) return v;
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) return v;
        } catch (NumberFormatException e) {
            // not a number: guarded below
        }
        return "'" + v;
    }

    /**
     * Each model column found in the CSV (by its CSV name, or as {@code _low}/{@code _high} for a
     * range cell whose raw value is "low–high") holds the cell's raw value.
     */
    private static void csvAgreesWithCells(Table t, Row row, Map<String, String> csv) {
        for (int c = 0; c < t.columns().size(); c++) {
            Column col = t.columns().get(c);
            Cell cell = row.cells().get(c);
            String where = t.id() + ".csv " + col.csvName();
            if (csv.containsKey(col.csvName())) {
                sameValue(csv.get(col.csvName()), cell.raw(), col.numeric(), where);
            } else if (csv.containsKey(col.csvName() + "_low") && csv.containsKey(col.csvName() + "_high")) {
                String low = csv.get(col.csvName() + "_low"), high = csv.get(col.csvName() + "_high");
                sameValue(low.isEmpty() ? "" : low + "\u2013" + high, cell.raw(), col.numeric(), where);
            }
        }
    }

    private static void sameValue(String csv, String raw, boolean numeric, String where) {
        if (!numeric || csv.isEmpty() || raw.isEmpty()) {
            assertThat(csv).as(where).isEqualTo(raw);
            return;
        }
        double[] a = numbers(csv), b = numbers(raw);
        assertThat(a).as(where + " values").hasSameSizeAs(b);
        for (int k = 0; k < a.length; k++) assertClose(a[k], b[k], where);
    }

    private static Map<String, String> csvMap(List<String> header, List<String> row) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) m.put(header.get(i), row.get(i));
        return m;
    }

    private static Map<String, String> csvRow(Table t, String first) {
        return t.csvRows().stream().filter(r -> r.get(0).equals(first)).findFirst().map(r -> csvMap(t.csvHeader(), r)).orElseThrow();
    }

    private static int columnIndex(Table t, String csvName) {
        for (int i = 0; i < t.columns().size(); i++) if (t.columns().get(i).csvName().equals(csvName)) return i;
        throw new AssertionError(t.id() + " has no column " + csvName);
    }

    /** A raw value: one number, or "low–high". */
    private static double[] numbers(String raw) {
        String[] parts = raw.split("\u2013", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Double.parseDouble(parts[i]);
        return out;
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected)).as("%s: %s, expected %s", what, actual, expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-12);
    }

    // --- LaTeX -------------------------------------------------------------------------------

    private static final Map<String, String> LATEX = latexTokens();

    private static Map<String, String> latexTokens() {
        Map<String, String> m = new LinkedHashMap<>();
        for (char c : "\\{}$&#%_^~<>|`\"[]*\u2013\u2014\u2212\u00d7\u00b7\u2082\u00a0\u2018\u201c\u2026\u00b0\u2264\u2265".toCharArray()) {
            String e = LatexWriter.escape(String.valueOf(c));
            if (!e.equals(String.valueOf(c))) m.put(e, String.valueOf(c));
        }
        m.put("{}", ""); // the empty group that keeps a hyphen from joining the dash after it
        return m;
    }

    /** Rows between {@code \midrule} and {@code \bottomrule}, split at {@code " & "} (an escaped ampersand is {@code \&}). */
    private static List<List<String>> latexRows(String tex) {
        List<List<String>> rows = new ArrayList<>();
        String body = tex.substring(tex.indexOf("\\midrule\n") + "\\midrule\n".length(), tex.indexOf("\\bottomrule"));
        for (String line : body.split("\n")) {
            if (line.equals("\\midrule")) continue;
            assertThat(line).endsWith(" \\\\");
            rows.add(List.of(line.substring(0, line.length() - 3).split(" & ", -1)));
        }
        return rows;
    }

    /** A table set on its side: the heading line and each body line hold one column of the report's rows. */
    private static List<List<String>> sideways(String tex) {
        String head = tex.substring(tex.indexOf("\\toprule\n") + "\\toprule\n".length(), tex.indexOf("\\midrule\n"));
        assertThat(head).endsWith(" \\\\\n");
        List<String> heads = List.of(head.substring(0, head.length() - 4).split(" & ", -1));
        List<List<String>> columns = latexRows(tex);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 1; r < heads.size(); r++) {
            List<String> row = new ArrayList<>();
            row.add(heads.get(r));
            for (List<String> c : columns) row.add(c.get(r));
            rows.add(row);
        }
        return rows;
    }

    /** A cell of a p column: its alignment command first, break points in it (an empty group for the unescaping). */
    private static String latexCell(String printed, Cell cell, Map<String, String> letters) {
        assertThat(printed).matches("\\\\carbonpaper[lr] .*");
        String text = printed.substring("\\carbonpaperl ".length()).replace("\\allowbreak{}", "{}").replace("\\penalty200{}", "{}");
        if (!cell.marks().isEmpty()) {
            String sup = "\\textsuperscript{" + String.join(",", cell.marks().stream().map(letters::get).map(LatexWriter::escape).toList()) + "}";
            assertThat(text).as("LaTeX marks of '%s'", cell.text()).endsWith(sup);
            text = text.substring(0, text.length() - sup.length());
        }
        return unescapeLatex(text);
    }

    /** The longest escape sequence at each position back to its character; anything else stands for itself. */
    static String unescapeLatex(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            String best = null;
            for (String k : LATEX.keySet()) if (s.startsWith(k, i) && (best == null || k.length() > best.length())) best = k;
            if (best == null) {
                b.append(s.charAt(i++));
            } else {
                b.append(LATEX.get(best));
                i += best.length();
            }
        }
        return b.toString();
    }

    // --- Markdown ----------------------------------------------------------------------------

    /** Table rows after the alignment line, split at {@code " | "} (an escaped bar is {@code \|}). */
    private static List<List<String>> markdownRows(String md) {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = md.lines().toList();
        int i = 0;
        while (!lines.get(i).startsWith("| ")) i++;
        i += 2; // header and alignment
        for (; i < lines.size() && lines.get(i).startsWith("| "); i++) {
            String line = lines.get(i);
            assertThat(line).endsWith(" |");
            rows.add(List.of(line.substring(2, line.length() - 2).split(" \\| ", -1)));
        }
        return rows;
    }

    private static String markdownCell(String printed, Cell cell, boolean total) {
        String text = printed;
        if (!cell.marks().isEmpty()) {
            String sup = "<sup>" + MarkdownTableWriter.escape(String.join(",", cell.marks())) + "</sup>";
            assertThat(printed).endsWith(sup);
            text = printed.substring(0, printed.length() - sup.length());
        }
        if (total && !cell.text().isBlank()) {
            assertThat(text).as("a totals cell is bold").startsWith("**").endsWith("**");
            text = text.substring(2, text.length() - 2);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) b.append(text.charAt(++i));
            else b.append(c);
        }
        return b.toString();
    }

    // --- HTML --------------------------------------------------------------------------------

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<(th|td)\\b[^>]*>(.*?)</\\1>", Pattern.DOTALL);
    private static final Pattern MARKS = Pattern.compile("<sup class=\"fn\">.*?</sup>$", Pattern.DOTALL);

    /** The body and foot rows of the table figure {@code id} in index.html; the cells' inner HTML. */
    private static List<List<String>> htmlRows(String html, String id) {
        int start = html.indexOf("<figure class=\"table\" id=\"" + id + "\">");
        assertThat(start).as("table " + id + " in index.html").isNotNegative();
        String figure = html.substring(start, html.indexOf("</figure>", start));
        String rows = figure.substring(figure.indexOf("<tbody>"));
        List<List<String>> out = new ArrayList<>();
        Matcher r = ROW.matcher(rows);
        while (r.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = CELL.matcher(r.group(1));
            while (c.find()) cells.add(c.group(2));
            out.add(cells);
        }
        return out;
    }

    private static String htmlCell(String printed, Cell cell, boolean total) {
        String text = printed;
        if (!cell.marks().isEmpty() && !total) {
            Matcher m = MARKS.matcher(text);
            assertThat(m.find()).as("HTML marks of '%s'", cell.text()).isTrue();
            text = text.substring(0, m.start());
        }
        text = text.replaceAll("^<a href=\"[^\"]*\">(.*)</a>$", "$1");
        assertThat(text).as("no markup left in a cell").doesNotContain("<", ">");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
