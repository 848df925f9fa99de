package io.carbonpaper.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated sample logs are committed exactly as {@link SampleLogs} writes them. */
class SampleLogsTest {
    @Test void committedSampleLogsAreWhatTheGeneratorWrites() throws IOException {
        for (Map.Entry<String, byte[]> f : SampleLogs.files().entrySet()) {
            Path p = Path.of("sample-logs").resolve(f.getKey());
            assertThat(p).as("regenerate with SampleLogs (see its Javadoc)").exists();
            assertThat(Files.readAllBytes(p)).as(f.getKey()).isEqualTo(f.getValue());
        }
    }

    @Test void committedTrackerSampleIsWhatItsGeneratorWrites(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        io.carbonpaper.ingest.tracker.TrackerSampleGenerator.write(tmp);
        Path committed = Path.of("sample-logs").resolve(SampleLogs.TRACKERS);
        assertThat(io.carbonpaper.task.SampleReportTestAccess.listing(committed)).isEqualTo(io.carbonpaper.task.SampleReportTestAccess.listing(tmp));
        for (String f : io.carbonpaper.task.SampleReportTestAccess.listing(tmp))
            assertThat(Files.readAllBytes(committed.resolve(f))).as(f).isEqualTo(Files.readAllBytes(tmp.resolve(f)));
    }
}
