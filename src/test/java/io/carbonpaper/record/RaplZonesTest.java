package io.carbonpaper.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** A fake powercap tree, laid out as Linux does it (intel-rapl:N, intel-rapl:N:M, name, energy_uj). */
class RaplZonesTest {
    @TempDir Path root;
    final List<String> warnings = new ArrayList<>();

    private Path zone(String id, String name, long energy, long max) throws IOException {
        Path z = Files.createDirectories(root.resolve(id));
        Files.writeString(z.resolve("name"), name + "\n");
        Files.writeString(z.resolve("energy_uj"), energy + "\n");
        Files.writeString(z.resolve("max_energy_range_uj"), max + "\n");
        return z;
    }

    @Test void findsPackagesAndDramAndLeavesOutOverlappingZones() throws IOException {
        zone("intel-rapl:0", "package-0", 1, 1000);
        zone("intel-rapl:0:0", "core", 1, 1000);
        zone("intel-rapl:0:1", "dram", 1, 1000);
        zone("intel-rapl:1", "package-1", 1, 1000);
        zone("intel-rapl:1:0", "dram", 1, 1000);
        zone("intel-rapl:2", "psys", 1, 1000);
        zone("intel-rapl-mmio:0", "package-0", 1, 1000);
        RaplZones z = RaplZones.discover(root, warnings::add);
        assertThat(z.zones()).extracting(RaplZones.Zone::device).containsExactly("package-0", "dram-0", "package-1", "dram-1");
        assertThat(z.zones()).extracting(RaplZones.Zone::kind).containsExactly("cpu", "dram", "cpu", "dram");
        assertThat(warnings).isEmpty();
    }

    @Test void aCounterThatWrapsIsCountedAcrossTheWrap() throws IOException {
        Path p = zone("intel-rapl:0", "package-0", 262_143_000_000L, 262_143_328_850L);
        RaplZones z = RaplZones.discover(root, warnings::add);
        RaplZones.Zone zone = z.zones().get(0);
        assertThat(z.read(zone, 0, warnings::add).microjoules()).isZero();
        Files.writeString(p.resolve("energy_uj"), "262143300000\n");
        RaplZones.Reading before = z.read(zone, 1_000_000, warnings::add);
        assertThat(before.microjoules()).isEqualTo(300_000);
        assertThat(before.milliwatts()).isEqualTo(300);
        Files.writeString(p.resolve("energy_uj"), "71150\n"); // wrapped: 28 850 to the top, 71 150 after
        RaplZones.Reading after = z.read(zone, 2_000_000, warnings::add);
        assertThat(after.microjoules()).isEqualTo(400_000);
        assertThat(after.milliwatts()).isEqualTo(100);
    }

    @Test void anUnreadableCounterIsOneWarningNotAFailure() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files without read permission");
        Path p = zone("intel-rapl:0", "package-0", 5, 1000);
        zone("intel-rapl:0:0", "dram", 5, 1000);
        Files.setPosixFilePermissions(p.resolve("energy_uj"), PosixFilePermissions.fromString("-w-------"));
        RaplZones z = RaplZones.discover(root, warnings::add);
        assertThat(z.zones()).extracting(RaplZones.Zone::device).containsExactly("dram-0");
        assertThat(warnings).singleElement().asString().contains("package-0").contains("root-only");
    }

    @Test void aCounterThatIsNotANumberIsLeftOutWithAWarning() throws IOException {
        Path p = zone("intel-rapl:0", "package-0", 5, 1000);
        Files.writeString(p.resolve("energy_uj"), "permission denied\n");
        assertThat(RaplZones.discover(root, warnings::add).zones()).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("cannot read RAPL energy_uj of package-0");
    }

    @Test void aCounterThatDisappearsMidRunGivesUnreadableRowsAndOneWarning() throws IOException {
        Path p = zone("intel-rapl:0", "package-0", 5, 1000);
        RaplZones z = RaplZones.discover(root, warnings::add);
        RaplZones.Zone zone = z.zones().get(0);
        z.read(zone, 0, warnings::add);
        Files.delete(p.resolve("energy_uj"));
        assertThat(z.read(zone, 1, warnings::add).status()).isEqualTo("unreadable");
        assertThat(z.read(zone, 2, warnings::add).status()).isEqualTo("unreadable");
        assertThat(warnings).hasSize(1);
    }

    @Test void noPowercapTreeMeansNoZones() {
        assertThat(RaplZones.discover(root.resolve("absent"), warnings::add).zones()).isEmpty();
        assertThat(warnings).isEmpty();
    }
}
