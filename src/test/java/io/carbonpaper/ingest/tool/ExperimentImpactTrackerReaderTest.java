package io.carbonpaper.ingest.tool;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.DeviceEnergy;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExperimentImpactTrackerReaderTest extends ReaderContract {
    private final ExperimentImpactTrackerReader reader = new ExperimentImpactTrackerReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "run1/impacttracker/data.json"; }
    @Override protected List<String> validLines() { return Fixture.lines("impacttracker/data.json"); }
    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).singleElement().isInstanceOf(TraceSummary.class);
    }

    private TraceSummary trace() throws IOException {
        return Fixture.read(reader, dir, "impacttracker/data.json", "impacttracker/data.json").only(TraceSummary.class);
    }

    @Test void attributablePowerIsIntegratedPerSeries() throws IOException {
        TraceSummary t = trace();
        assertThat(t.devices()).extracting(DeviceEnergy::device).containsExactly("rapl-attributable", "nvidia-attributable");
        // 120 W for 20 s = 2400 J
        assertThat(t.total().joules()).isCloseTo(2400, within(1e-6));
        assertThat(t.first()).isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
        assertThat(t.last()).isEqualTo(Instant.ofEpochSecond(1_600_000_020L));
    }

    @Test void aMalformedLineIsAProblemAtItsLine() throws IOException {
        String jl = "{\"timestamp\": 1.0, \"nvidia_estimated_attributable_power_draw\": 50}\n{\"timestamp\": \n"
                + "{\"timestamp\": 3.0, \"nvidia_estimated_attributable_power_draw\": 50}\n";
        Fixture.Read read = Fixture.readText(reader, dir, jl, "impacttracker/data.json");
        assertThat(read.only(TraceSummary.class).total().joules()).isCloseTo(100, within(1e-9));
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test void sniffsByKeys() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("impacttracker/data.json"), "x.jsonl")).isTrue();
        assertThat(Fixture.sniff(reader, dir, "{\"timestamp\": 1, \"loss\": 2}\n", "data.json")).isFalse();
    }
}
