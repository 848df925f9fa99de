package io.carbonpaper.report;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.render.TextTableWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports of the bundled sample projects, built once through the whole path (ingest,
 * estimate, report) as {@code carbonpaper report} builds them, and the golden CSVs of their
 * tables under {@code src/test/resources/golden/economics/<project>/<id>.csv}.
 *
 * <p>Regenerate the golden files after an intended change:
 * {@code mvn -q -B -o test -Dtest='RndCostTableTest,EquivalencesTableTest,RegionsTableTest,CloudVsOwnedTableTest' -Dcarbonpaper.updateGolden=true},
 * then review {@code git diff src/test/resources/golden}.
 */
final class EconomicsSamples {
    static final Path SAMPLE = Path.of("sample-logs");
    static final Path LISA = Path.of("sample-logs/lisa-rnd");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/economics");
    private static final Map<Path, Report> CACHE = new ConcurrentHashMap<>();

    private EconomicsSamples() {}

    static Report of(Path logs) {
        return CACHE.computeIfAbsent(logs, EconomicsSamples::build);
    }

    /** The report of {@code logs}, built afresh (for a project a test writes). */
    static Report build(Path l) {
        {
            try {
                Catalogs catalogs = Catalogs.bundled();
                IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(l, List.of(), ProjectConfigReader.readProject(l, Map.of()));
                TrainingCostEstimator est = new TrainingCostEstimator(catalogs, in.config());
                List<EstimateResult> results = new ArrayList<>();
                for (Experiment e : in.experiments()) results.add(est.estimate(e));
                return new ReportBuilder(catalogs, in.config(), "test", Optional.empty()).build(in.experiments(), results, in.problems());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String csv(Table t) {
        StringWriter w = new StringWriter();
        try (PrintWriter p = new PrintWriter(w)) {
            TextTableWriter.csv(t, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Compares the table's CSV with its golden file (or rewrites it with -Dcarbonpaper.updateGolden=true). */
    static void assertGolden(Path logs, String id) throws IOException {
        Table t = of(logs).table(id).orElseThrow(() -> new AssertionError("no table " + id + " for " + logs));
        String project = logs.getFileName().toString();
        Path golden = GOLDEN.resolve(project).resolve(id + ".csv");
        String actual = csv(t);
        if (Boolean.getBoolean("carbonpaper.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file; regenerate with -Dcarbonpaper.updateGolden=true").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** The CSV value of {@code column} in the row whose first value is {@code first}. */
    static String value(Table t, String first, String column) {
        int c = t.csvHeader().indexOf(column);
        if (c < 0) throw new AssertionError("no column " + column + " in " + t.csvHeader());
        return t.csvRows().stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first)).get(c);
    }

    static double number(Table t, String first, String column) { return Double.parseDouble(value(t, first, column)); }
}
