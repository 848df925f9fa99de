package io.carbonpaper.task;

import io.carbonpaper.render.SiteWriter;
import io.carbonpaper.render.Templates;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.SampleReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SiteOutputsTest {
    static Path writeSite(Report report, Path out, boolean pdf) throws IOException {
        try (SiteWriter site = SiteWriter.open(out, false)) {
            SiteOutputs.write(report, new Templates(Optional.empty()), site, pdf, Optional.of(Instant.parse("2019-06-05T00:00:00Z")));
            site.commit();
        }
        return out;
    }

    static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return out;
    }

    @Test void everyOutputIsWrittenForEveryTableAndFigure(@TempDir Path dir) throws IOException {
        Report report = SampleReports.standard();
        Map<String, byte[]> files = files(writeSite(report, dir.resolve("site"), true));
        assertThat(files.keySet()).contains("index.html", "report.pdf", "assets/style.css", "assets/paper.css", "assets/print.css", "assets/sort.js",
                "latex/appendix.tex", "latex/statement.tex", "latex/statement.bib", "latex/references.bib", "latex/training-cost.tex",
                "statement/statement.md", "statement/statement.txt", "statement/acl-checklist-c1.txt", "statement/neurips-checklist-compute.txt",
                "tables/training-cost.csv", "tables/training-cost.md");
        assertThat(report.figures()).extracting(f -> f.id()).contains("energy-co2e", "metric-energy", "cumulative-energy");
        for (var f : report.figures()) assertThat(files).containsKeys(f.svg(), f.png());
        assertThat(report.figures().stream().filter(f -> !f.page().isEmpty())).hasSize(1);
    }

    @Test void theSameReportGivesTheSameBytesTwiceIncludingChartsAndPdf(@TempDir Path dir) throws IOException {
        Map<String, byte[]> first = files(writeSite(SampleReports.standard(), dir.resolve("a"), true));
        Map<String, byte[]> second = files(writeSite(SampleReports.standard(), dir.resolve("b"), true));
        assertThat(second.keySet()).isEqualTo(first.keySet());
        List<String> differing = first.keySet().stream().filter(k -> !java.util.Arrays.equals(first.get(k), second.get(k))).toList();
        assertThat(differing).as("files whose bytes differ between two runs").isEmpty();
        assertThat(first.keySet()).anyMatch(k -> k.endsWith(".png")).anyMatch(k -> k.endsWith(".svg")).contains("report.pdf");
    }

    @Test void theFirstFailureInListOrderIsRethrownAsItWasOnceNoOutputIsStillWriting() {
        java.util.concurrent.atomic.AtomicInteger writing = new java.util.concurrent.atomic.AtomicInteger();
        IOException io = new IOException("disk full");
        SiteOutputs.Output slow = () -> {
            writing.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writing.decrementAndGet();
        };
        List<SiteOutputs.Output> outputs = List.of(slow,
                () -> {
                    throw io;
                },
                () -> {
                    throw new IllegalStateException("a later failure");
                },
                slow, slow);
        for (int round = 0; round < 5; round++) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SiteOutputs.writeAll(outputs))).isSameAs(io);
            assertThat(writing).as("outputs still writing when the failure is rethrown").hasValue(0);
        }
    }
}
