package io.carbonpaper.ingest.trace;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.ReaderRegistry;

import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The project's gap settings reach the trace readers (carbonpaper.yaml and --set). */
class TraceSettingsTest {
    @TempDir Path logs;

    /** 100 W sampled every second for 10 s, then nothing for 20 s, then 10 s more. */
    private void traceWithAGap() throws IOException {
        StringBuilder s = new StringBuilder("timestamp, index, name, power.draw [W]\n");
        for (int t = 0; t <= 40; t++) {
            if (t > 10 && t < 30) continue;
            s.append(String.format("2024/01/01 00:00:%02d.000, 0, Tesla T4, 100.00 W%n", t));
        }
        Files.createDirectories(logs.resolve("run"));
        Files.writeString(logs.resolve("run/gpu.csv"), s);
    }

    private TraceSummary read(Map<String, String> overrides) throws IOException {
        var in = new Ingestor(ReaderRegistry.builtIn(), 1).ingest(logs, List.of(), ProjectConfigReader.readProject(logs, overrides));
        return in.experiments().get(0).traces().get(0);
    }

    @Test void aGapIsListedAndNotBridgedByDefault() throws IOException {
        traceWithAGap();
        TraceSummary t = read(Map.of());
        assertThat(t.gaps()).hasSize(1);
        assertThat(t.total().joules()).isEqualTo(100.0 * 20, within(1e-9));
    }

    @Test void fillGapsBridgesItAndSaysSo() throws IOException {
        traceWithAGap();
        TraceSummary t = read(Map.of("fill_gaps", "true"));
        assertThat(t.gaps()).hasSize(1);
        assertThat(t.total().joules()).isEqualTo(100.0 * 40, within(1e-9));
        assertThat(t.missingByReason().keySet()).anyMatch(k -> k.contains("bridged"));
    }

    @Test void aLargerGapFactorTakesTheIntervalAsSampling() throws IOException {
        traceWithAGap();
        Files.writeString(logs.resolve("carbonpaper.yaml"), "gap_factor: 50\n");
        TraceSummary t = read(Map.of());
        assertThat(t.gaps()).isEmpty();
        assertThat(t.total().joules()).isEqualTo(100.0 * 40, within(1e-9));
    }

    @Test void aGapFactorOfOneOrLessIsRefusedAtItsLine() throws IOException {
        traceWithAGap();
        Files.writeString(logs.resolve("carbonpaper.yaml"), "title: x\ngap_factor: 0.5\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("carbonpaper.yaml:2").hasMessageContaining("gap_factor");
    }
}
