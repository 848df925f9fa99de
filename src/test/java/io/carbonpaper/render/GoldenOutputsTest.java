package io.carbonpaper.render;

import io.carbonpaper.report.Report;
import io.carbonpaper.report.SampleReports;
import io.carbonpaper.report.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training-cost table of {@link SampleReports#standard()} as CSV, LaTeX, Markdown and the
 * HTML fragment, compared byte for byte with src/test/resources/golden/. After an intended
 * change, regenerate them and review the diff:
 * {@code mvn -B -o test -Dtest=GoldenOutputsTest -Dgolden.update=true}
 */
class GoldenOutputsTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test void csv(@TempDir Path dir) throws IOException {
        Report r = SampleReports.standard();
        try (SiteWriter site = SiteWriter.open(dir.resolve("s"), false)) {
            CsvTableWriter.write(table(r), site);
            site.commit();
        }
        compare("training-cost.csv", Files.readAllBytes(dir.resolve("s/tables/training-cost.csv")));
    }

    @Test void latex() throws IOException {
        Report r = SampleReports.standard();
        compare("training-cost.tex", LatexWriter.table(table(r), r).getBytes(StandardCharsets.UTF_8));
    }

    @Test void markdown() throws IOException {
        compare("training-cost.md", MarkdownTableWriter.markdown(table(SampleReports.standard())).getBytes(StandardCharsets.UTF_8));
    }

    @Test void htmlFragment() throws IOException {
        Report r = SampleReports.standard();
        Map<String, Object> model = new HashMap<>();
        model.put("report", r);
        model.put("table", table(r));
        model.put("root", "");
        String html = new Templates(Optional.of(GOLDEN.resolve("templates").toAbsolutePath())).render("table-only.ftlh", model);
        compare("training-cost.html", html.getBytes(StandardCharsets.UTF_8));
    }

    private static Table table(Report r) { return r.table("training-cost").orElseThrow(); }

    private static void compare(String name, byte[] actual) throws IOException {
        Path p = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(p.getParent());
            Files.write(p, actual);
            return;
        }
        assertThat(p).as("golden file missing; run with -Dgolden.update=true").exists();
        assertThat(new String(actual, StandardCharsets.UTF_8)).as(name).isEqualTo(Files.readString(p, StandardCharsets.UTF_8));
        assertThat(actual).as(name + " byte for byte").isEqualTo(Files.readAllBytes(p));
    }
}
