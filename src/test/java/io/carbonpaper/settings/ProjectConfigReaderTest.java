package io.carbonpaper.settings;

import io.carbonpaper.ingest.source.InputException;

import io.carbonpaper.unit.MassUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** carbonpaper.yaml and --set: every economics setting, nested keys, and errors at the key's line. */
class ProjectConfigReaderTest {
    @TempDir Path dir;

    private ProjectConfig read(String yaml, Map<String, String> overrides) throws IOException {
        Files.writeString(dir.resolve("carbonpaper.yaml"), yaml);
        return ProjectConfigReader.read(dir, overrides);
    }

    private static final String FULL = """
            title: R&D
            units: lbs
            cloud_prices: gcp-2019
            electricity_price_per_kwh: 0.10414
            currency: USD
            group_by: job_name
            final_group: best
            tune_group: tune
            rnd_price_accelerator: P100
            regions: [us-epa-2018, FRA, "aws:us-east-1"]
            embodied: true
            owned:
              accelerator: GTX1080Ti
              accelerators_per_server: 8
              servers: 8
              purchase_usd: 20000
              lifetime_years: 3
              hosting_usd_per_year: 1000
              hosting_fraction_per_year: 0.05
              utilisation: 0.5
            """;

    @Test void readsEveryEconomicsSetting() throws IOException {
        ProjectConfig c = read(FULL, Map.of());
        assertThat(c.units()).isEqualTo(MassUnit.LBS);
        assertThat(c.electricity().orElseThrow().perKilowattHour()).isEqualTo(0.10414);
        assertThat(c.groupBy()).isEqualTo(ProjectConfig.GroupBy.JOB_NAME);
        assertThat(c.finalGroup()).isEqualTo("best");
        assertThat(c.tuneGroup()).contains("tune");
        assertThat(c.rndPriceAccelerator()).contains("P100");
        assertThat(c.regions()).containsExactly("us-epa-2018", "FRA", "aws:us-east-1");
        assertThat(c.embodied()).isTrue();
        OwnedHardware o = c.owned().orElseThrow();
        assertThat(o.accelerator()).isEqualTo("GTX1080Ti");
        assertThat(o.accelerators()).isEqualTo(64);
        assertThat(o.purchasePerServer().amount()).isEqualTo(20000);
        assertThat(o.lifetimeYears()).isEqualTo(3);
        assertThat(o.hostingPerYear().amount()).isEqualTo(1000);
        assertThat(o.hostingFraction()).isEqualTo(0.05);
        assertThat(o.utilisation()).contains(0.5);
    }

    @Test void defaultsAreOffAndEmpty() throws IOException {
        ProjectConfig c = read("title: x\n", Map.of());
        assertThat(c.groupBy()).isEqualTo(ProjectConfig.GroupBy.AUTO);
        assertThat(c.finalGroup()).isEqualTo("final");
        assertThat(c.tuneGroup()).isEmpty();
        assertThat(c.owned()).isEmpty();
        assertThat(c.embodied()).isFalse();
        assertThat(c.regions()).isEmpty();
        assertThat(c.units()).isEqualTo(MassUnit.KG);
    }

    @Test void setOverridesWinAndReachIntoTheOwnedBlock() throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("owned.purchase_usd", "25000");
        o.put("embodied", "false");
        o.put("regions", "FRA, DEU");
        o.put("units", "kg");
        ProjectConfig c = read(FULL, o);
        assertThat(c.owned().orElseThrow().purchasePerServer().amount()).isEqualTo(25000);
        assertThat(c.embodied()).isFalse();
        assertThat(c.regions()).containsExactly("FRA", "DEU");
        assertThat(c.units()).isEqualTo(MassUnit.KG);
    }

    @Test void setAloneCanDescribeOwnedServers() throws IOException {
        ProjectConfig c = ProjectConfigReader.read(dir, Map.of("owned.accelerator", "A100", "owned.purchase_usd", "200000",
                "owned.lifetime_years", "4"));
        assertThat(c.owned().orElseThrow().servers()).isEqualTo(1);
        assertThat(c.owned().orElseThrow().acceleratorsPerServer()).isEqualTo(1);
    }

    @Test void anUnknownKeyIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> read("units: lbs\nelectricty_price_per_kwh: 0.1\n", Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("unknown setting 'electricty_price_per_kwh'").contains("electricity_price_per_kwh");
                });
    }

    @Test void anUnknownNestedKeyIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> read("owned:\n  accelerator: A100\n  purchase: 3\n", Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("'owned.purchase'");
                });
    }

    @Test void aWrongTypeIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> read(FULL.replace("servers: 8", "servers: eight"), Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(15);
                    assertThat(e.getMessage()).contains("'owned.servers' must be a whole number").contains("eight");
                });
        assertThatThrownBy(() -> read("embodied: yes please\n", Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("true or false");
                });
        assertThatThrownBy(() -> read("title: x\nregions: FRA\n", Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> read("title: x\n\nowned: 3\n", Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("mapping");
                });
    }

    @Test void anOutOfRangeValueIsAnError() {
        assertThatThrownBy(() -> read("pue: 0.9\n", Map.of())).hasMessageContaining("between 1 and 3");
        assertThatThrownBy(() -> read(FULL.replace("utilisation: 0.5", "utilisation: 1.5"), Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.line()).isEqualTo(20));
        assertThatThrownBy(() -> read(FULL.replace("lifetime_years: 3", "lifetime_years: 0"), Map.of()))
                .hasMessageContaining("between 0.0833 (a month) and 100 years");
        // Issue 16 item 10: a life of 1e-300 years made owning free in no time.
        assertThatThrownBy(() -> read(FULL.replace("lifetime_years: 3", "lifetime_years: 1e-300"), Map.of()))
                .hasMessageContaining("owned.lifetime_years").hasMessageContaining("1.0E-300");
        assertThatThrownBy(() -> read("group_by: colour\n", Map.of())).hasMessageContaining("auto, manifest, job_name or folder");
    }

    @Test void anOwnedBlockMissingAPriceSaysSoAtTheBlock() {
        assertThatThrownBy(() -> read("title: x\nowned:\n  accelerator: A100\n  lifetime_years: 3\n", Map.of()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("needs 'purchase_usd'");
                });
    }

    @Test void setErrorsNameTheOverride() {
        assertThatThrownBy(() -> read(FULL, Map.of("owned.servers", "many")))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isZero();
                    assertThat(e.getMessage()).startsWith("--set 'owned.servers' must be a whole number");
                });
        assertThatThrownBy(() -> read("title: x\n", Map.of("colour", "red"))).hasMessageContaining("unknown setting 'colour' in --set");
        assertThatThrownBy(() -> read("title: x\n", Map.of("owned", "x"))).hasMessageContaining("unknown setting 'owned'");
    }

    @Test void theSampleConfigurationsRead() throws IOException {
        for (Path p : List.of(Path.of("sample-logs"), Path.of("sample-logs/lisa-rnd"))) {
            ProjectConfig c = ProjectConfigReader.read(p, Map.of());
            assertThat(c.units()).isEqualTo(MassUnit.LBS);
            assertThat(c.priceCatalog()).contains("gcp-2019");
            assertThat(c.embodied()).isTrue();
            assertThat(c.owned().orElseThrow().purchasePerServer().amount()).isEqualTo(20000);
        }
    }

    /** A logs folder {@code dir/logs} with series files inside it and one beside it, outside. */
    private Path seriesFolder() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs/grid"));
        Files.writeString(logs.resolve("a.csv"), "timestamp,g_per_kwh\n");
        Files.writeString(logs.resolve("b.csv"), "timestamp,g_per_kwh\n");
        Files.writeString(dir.resolve("outside.csv"), "timestamp,g_per_kwh\n");
        return dir.resolve("logs");
    }

    private String gridSeriesError(Path logs, String yaml, Map<String, String> overrides) throws IOException {
        Files.writeString(logs.resolve("carbonpaper.yaml"), yaml);
        try {
            ProjectConfigReader.readProject(logs, overrides);
        } catch (InputException e) {
            return e.getMessage();
        }
        return "no error";
    }

    @Test void gridSeriesIsOnePathOrAListInsideTheLogsFolder() throws IOException {
        Path logs = seriesFolder();
        Files.writeString(logs.resolve("carbonpaper.yaml"), "grid_series: grid/a.csv\n");
        assertThat(ProjectConfigReader.read(logs, Map.of()).gridSeries()).containsExactly("grid/a.csv");
        Files.writeString(logs.resolve("carbonpaper.yaml"), "grid_series:\n  - grid/a.csv\n  - grid/b.csv\n");
        assertThat(ProjectConfigReader.read(logs, Map.of()).gridSeries()).containsExactly("grid/a.csv", "grid/b.csv");
        assertThat(ProjectConfigReader.read(logs, Map.of("grid_series", "grid/b.csv")).gridSeries()).containsExactly("grid/b.csv");
        Files.delete(logs.resolve("carbonpaper.yaml"));
        assertThat(ProjectConfigReader.read(logs, Map.of()).gridSeries()).isEmpty();
    }

    @Test void anUnusableGridSeriesIsAnErrorNamingTheKeyAndTheFile() throws IOException {
        Path logs = seriesFolder();
        assertThat(gridSeriesError(logs, "title: t\ngrid_series: grid/missing.csv\n", Map.of()))
                .isEqualTo("carbonpaper.yaml:2: 'grid_series' names 'grid/missing.csv', which does not exist");
        assertThat(gridSeriesError(logs, "grid_series: grid\n", Map.of())).contains("'grid', which is not a file");
        assertThat(gridSeriesError(logs, "grid_series: [grid/a.csv, grid/a.csv]\n", Map.of())).contains("'grid/a.csv' twice");
        assertThat(gridSeriesError(logs, "grid_series: {a: 1}\n", Map.of())).contains("'grid_series' must be a list");
        assertThat(gridSeriesError(logs, "grid_series: []\n", Map.of())).contains("'grid_series' must be a file in the logs folder");
    }

    /** The logs folder is untrusted: its carbonpaper.yaml cannot make carbonpaper read a file outside it. */
    @Test void theLogsFolderCannotNameAFileOutsideItButTheUserCan() throws IOException {
        Path logs = seriesFolder();
        Path outside = dir.resolve("outside.csv");
        assertThat(gridSeriesError(logs, "grid_series: ../outside.csv\n", Map.of()))
                .isEqualTo("carbonpaper.yaml:1: 'grid_series' names '../outside.csv', which is outside the logs folder");
        assertThat(gridSeriesError(logs, "grid_series: " + outside.toAbsolutePath() + "\n", Map.of()))
                .contains("which is outside the logs folder (an absolute path");
        try {
            Files.createSymbolicLink(logs.resolve("grid/link.csv"), outside);
            assertThat(gridSeriesError(logs, "grid_series: grid/link.csv\n", Map.of()))
                    .contains("'grid/link.csv', which is a symbolic link to a file outside the logs folder");
        } catch (UnsupportedOperationException | IOException noLinks) {
            // a file system without symbolic links: nothing to check
        }
        Files.writeString(logs.resolve("carbonpaper.yaml"), "title: t\n");
        assertThat(ProjectConfigReader.read(logs, Map.of("grid_series", outside.toAbsolutePath().toString())).gridSeries())
                .containsExactly(outside.toAbsolutePath().toString());
        assertThat(gridSeriesError(logs, "title: t\n", Map.of("grid_series", "nowhere.csv")))
                .isEqualTo("carbonpaper.yaml: --set 'grid_series' names 'nowhere.csv', which does not exist");
    }
}
