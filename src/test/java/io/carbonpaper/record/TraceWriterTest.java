package io.carbonpaper.record;

import io.carbonpaper.ingest.trace.CarbonpaperTraceReader;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceWriterTest {
    @TempDir Path dir;

    @Test void writesTheHeaderAndExactFixedPointValues() throws IOException {
        Path f = dir.resolve("trace.csv");
        Instant t0 = Instant.parse("2026-11-26T14:00:00Z");
        long us = t0.getEpochSecond() * 1_000_000;
        try (TraceWriter w = TraceWriter.create(f, "node01", Duration.ofMillis(100), t0)) {
            w.row(us, "0", "gpu", "NVIDIA \"A100\", SXM4\n80GB", 61_234, 5, 3, "");
            w.row(us + 7, "package-0", "cpu", "Xeon", -1, 1_000_001, 6, "unreadable");
        }
        assertThat(Files.readAllLines(f)).containsExactly(
                "# carbonpaper trace v1",
                "# host: node01",
                "# interval_ms: 100",
                "# clock: monotonic, anchored to wall time once at 2026-11-26T14:00:00.000000Z",
                "time_utc,device,kind,model,power_w,energy_j,status",
                "2026-11-26T14:00:00.000000Z,0,gpu,\"NVIDIA \"\"A100\"\", SXM4 80GB\",61.234,0.005,",
                "2026-11-26T14:00:00.000007Z,package-0,cpu,Xeon,,1.000001,unreadable");
    }

    @Test void whatItWritesTheReaderReadsBack() throws IOException {
        Path f = dir.resolve("trace.csv");
        Instant t0 = Instant.parse("2026-11-26T14:00:00Z");
        long us = t0.getEpochSecond() * 1_000_000;
        try (TraceWriter w = TraceWriter.create(f, "node, 7", Duration.ofMillis(100), t0)) {
            for (int i = 0; i <= 10; i++) w.row(us + i * 100_000L, "0", "gpu", "GPU, \"X\"", 200_000, i * 20_000L, 3, i == 5 ? "shared" : "");
        }
        List<Finding> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        new CarbonpaperTraceReader().read(new InputSource(f, "trace.csv"), new FindingSink() {
            @Override public void accept(Finding finding) { found.add(finding); }
            @Override public void problem(Problem problem) { problems.add(problem); }
        });
        assertThat(problems).isEmpty();
        TraceSummary t = (TraceSummary) found.get(0);
        assertThat(t.total().joules()).isEqualTo(200.0);
        assertThat(t.deviceName()).contains("GPU, \"X\"");
        assertThat(t.host()).contains("node, 7");
        assertThat(t.sharedDevice()).isTrue();
    }

    @Test void neverOverwritesATrace() throws IOException {
        Path f = Files.writeString(dir.resolve("trace.csv"), "precious");
        assertThatThrownBy(() -> TraceWriter.create(f, "h", Duration.ofSeconds(1), Instant.EPOCH)).isInstanceOf(IOException.class);
        assertThat(Files.readString(f)).isEqualTo("precious");
    }
}
