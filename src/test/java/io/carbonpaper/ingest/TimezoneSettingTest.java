package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.settings.ProjectConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Setting {@code timezone}: the logs' timestamps written without a zone (nvidia-smi, CodeCarbon,
 * Slurm) are local time of the machine that wrote them; read as UTC by default, in the named zone
 * with the setting, so that an hourly grid series meets each run at its real hours.
 */
class TimezoneSettingTest {
    @TempDir Path logs;

    private IngestResult ingest(Map<String, String> overrides) throws IOException {
        ProjectConfig config = ProjectConfigReader.readProject(logs, overrides);
        return new Ingestor(ReaderRegistry.builtIn(), 1).ingest(logs, List.of(), config, null);
    }

    private static Experiment only(IngestResult r) {
        assertThat(r.experiments()).hasSize(1);
        return r.experiments().get(0);
    }

    @Test void theSettingIsAZoneNameOrAnOffsetAndAnythingElseIsAnErrorAtItsLine() throws IOException {
        Files.writeString(logs.resolve("carbonpaper.yaml"), "title: t\ntimezone: Europe/Amsterdam\n");
        assertThat(ProjectConfigReader.readProject(logs, Map.of()).traces().zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(ProjectConfigReader.readProject(logs, Map.of("timezone", "+05:30")).traces().zone()).isEqualTo(ZoneOffset.of("+05:30"));
        Files.writeString(logs.resolve("carbonpaper.yaml"), "title: t\n");
        assertThat(ProjectConfigReader.readProject(logs, Map.of()).traces().zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(ProjectConfigReader.readProject(logs, Map.of()).traces().zoneStated()).isFalse();
        assertThat(ProjectConfigReader.readProject(logs, Map.of("timezone", "UTC")).traces().zoneStated()).isTrue();
        Files.writeString(logs.resolve("carbonpaper.yaml"), "title: t\ntimezone: Europe/Amsterdamm\n");
        assertThatThrownBy(() -> ProjectConfigReader.readProject(logs, Map.of())).isInstanceOf(InputException.class)
                .hasMessageContaining("carbonpaper.yaml").hasMessageContaining(":2")
                .hasMessageContaining("'Europe/Amsterdamm' is not a time zone");
    }

    /** nvidia-smi's --query-gpu timestamp is the host's local time: the night summer time ends, 02:40 to 02:10 by the clock. */
    @Test void anNvidiaSmiTraceInTheNamedZoneRunsStraightThroughTheClockChange() throws IOException {
        Files.writeString(logs.resolve("power.csv"), "timestamp, index, name, power.draw [W]\n"
                + "2024/10/27 02:40:00.000, 0, NVIDIA A100-SXM4-40GB, 100.00 W\n"
                + "2024/10/27 02:50:00.000, 0, NVIDIA A100-SXM4-40GB, 100.00 W\n"
                + "2024/10/27 02:00:00.000, 0, NVIDIA A100-SXM4-40GB, 100.00 W\n"
                + "2024/10/27 02:10:00.000, 0, NVIDIA A100-SXM4-40GB, 100.00 W\n");
        Experiment asUtc = only(ingest(Map.of()));
        Experiment amsterdam = only(ingest(Map.of("timezone", "Europe/Amsterdam")));
        TraceSummary t = amsterdam.traces().get(0);
        assertThat(t.first()).isEqualTo(Instant.parse("2024-10-27T00:40:00Z")); // 02:40 CEST
        assertThat(t.last()).isEqualTo(Instant.parse("2024-10-27T01:10:00Z"));  // 02:10 CET, the second time round
        assertThat(t.total().joules()).isCloseTo(100.0 * 1800, within(1e-6));
        assertThat(amsterdam.problems()).noneMatch(p -> p.message().contains("daylight saving"));
        // As UTC (the default) the clock went back and says so; the same energy, two hours later
        assertThat(asUtc.traces().get(0).first()).isEqualTo(Instant.parse("2024-10-27T02:40:00Z"));
        assertThat(asUtc.traces().get(0).total().joules()).isCloseTo(100.0 * 1800, within(1e-6));
        // A guess without the setting, a statement with it (even of UTC): the report names only the guess
        assertThat(asUtc.traces().get(0).zonelessAsUtc()).isTrue();
        assertThat(t.zonelessAsUtc()).isFalse();
        assertThat(only(ingest(Map.of("timezone", "UTC"))).traces().get(0).zonelessAsUtc()).isFalse();
    }

    @Test void codeCarbonAndSlurmTimesMoveByTheZonesOffset() throws IOException {
        Files.createDirectories(logs.resolve("cc"));
        Files.writeString(logs.resolve("cc/emissions.csv"), "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,"
                + "ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,"
                + "python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,on_cloud,pue\n"
                + "2024-07-01T12:00:00,p,r-1,3600.0,0.05,1e-05,30.0,250.0,15.0,0.03,0.25,0.015,0.295,Netherlands,NLD,,,,Linux,3.11,2.8.3,16,"
                + "Intel,1,1 x NVIDIA A100-SXM4-40GB,4.9,52.4,64,machine,N,1.0\n");
        Files.createDirectories(logs.resolve("slurm"));
        Files.writeString(logs.resolve("slurm/sacct.txt"), "JobID|JobName|AllocTRES|Elapsed|Start|End|State\n"
                + "77|train|gres/gpu:a100=1,gres/gpu=1|01:00:00|2024-07-01T10:00:00|2024-07-01T11:00:00|COMPLETED\n");
        IngestResult asUtc = ingest(Map.of()), zoned = ingest(Map.of("timezone", "Europe/Amsterdam"));
        for (String key : List.of("cc", "sacct:77")) {
            Experiment a = asUtc.experiments().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
            Experiment b = zoned.experiments().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
            assertThat(b.start().orElseThrow()).as(key).isEqualTo(a.start().orElseThrow().minusSeconds(7200)); // CEST, UTC+2
            assertThat(b.hours()).as(key).isEqualTo(a.hours());
        }
        Experiment job = zoned.experiments().stream().filter(e -> e.key().equals("sacct:77")).findFirst().orElseThrow();
        assertThat(job.start()).contains(Instant.parse("2024-07-01T08:00:00Z"));
        assertThat(job.end()).contains(Instant.parse("2024-07-01T09:00:00Z"));
    }

    @Test void timesThatStateTheirOffsetKeepIt() throws IOException {
        Files.writeString(logs.resolve("power.csv"), "timestamp,gpu,index,power.draw\n"
                + "2024-03-01T10:00:00.000+08:00,a,0,100\n2024-03-01T10:00:01.000+08:00,a,0,100\n");
        TraceSummary t = only(ingest(Map.of("timezone", "America/New_York"))).traces().get(0);
        assertThat(t.first()).isEqualTo(Instant.parse("2024-03-01T02:00:00Z"));
        assertThat(only(ingest(Map.of())).traces().get(0).zonelessAsUtc()).isFalse(); // nothing was guessed
    }
}
