package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.settings.ProjectConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** carbonpaper.yaml's {@code defaults:} and {@code folders:}: said once, for experiments that do not say it themselves. */
class ExperimentDefaultsTest {
    @TempDir Path logs;

    /** A Hugging Face results file: hours (2 h of train_runtime), no hardware. */
    private void run(String folder) throws IOException {
        Files.createDirectories(logs.resolve(folder));
        Files.writeString(logs.resolve(folder).resolve("train_results.json"), "{\"train_loss\": 0.5, \"train_runtime\": 7200.0}\n");
    }

    private Map<String, Experiment> report(String yaml) throws IOException {
        Files.writeString(logs.resolve("carbonpaper.yaml"), yaml);
        List<Experiment> all = new Ingestor(ReaderRegistry.builtIn(), 1)
                .ingest(logs, List.of(), ProjectConfigReader.readProject(logs, Map.of())).experiments();
        return all.stream().collect(java.util.stream.Collectors.toMap(Experiment::key, e -> e));
    }

    @Test void withoutSettingsARunWithoutHardwareHasNone() throws IOException {
        run("runs/a");
        assertThat(report("title: t\n").get("runs/a").hardware()).isEmpty();
    }

    @Test void defaultsGiveHardwareToEveryRunThatLacksIt() throws IOException {
        run("runs/a");
        run("runs/b");
        Map<String, Experiment> e = report("""
                title: t
                defaults:
                  hardware: {accelerator: RTX 3090, count: 1}
                  region: DEU
                """);
        for (String k : List.of("runs/a", "runs/b")) {
            assertThat(e.get(k).hardware()).hasValueSatisfying(h -> {
                assertThat(h.accelerator()).isEqualTo("RTX 3090");
                assertThat(h.count()).isEqualTo(1);
                assertThat(h.origin()).isEqualTo("carbonpaper.yaml:3");
            });
            assertThat(e.get(k).region()).contains("DEU");
            assertThat(e.get(k).hours().orElseThrow().value()).isEqualTo(2.0);
        }
    }

    @Test void aTdpSaidOnceReachesEveryRunAndAFolderRuleOverridesIt() throws IOException {
        run("runs/a");
        run("spark/b");
        Map<String, Experiment> e = report("""
                defaults:
                  hardware: {accelerator: NVIDIA GB10, count: 1, tdp_watts: 140}
                folders:
                  "spark/*":
                    hardware: {accelerator: TITAN RTX, count: 2, tdp_watts: 280}
                """);
        assertThat(e.get("runs/a").declaredTdp().orElseThrow().watts()).isEqualTo(140);
        assertThat(e.get("spark/b").declaredTdp().orElseThrow().watts()).isEqualTo(280);
    }

    @Test void aFolderRuleWinsOverDefaultsAndTheFoldersOwnManifestWinsOverTheRule() throws IOException {
        run("runs/a");
        run("runs/b");
        run("other/c");
        Files.writeString(logs.resolve("runs/b/experiment.yaml"), "name: B\nregion: FRA\n");
        Map<String, Experiment> e = report("""
                defaults:
                  hardware: {accelerator: RTX 3090, count: 1}
                folders:
                  "runs/*":
                    hardware: {accelerator: A100 SXM4 40GB, count: 4}
                    region: DEU
                    group: sweep
                """);
        assertThat(e.get("runs/a").hardware().orElseThrow().accelerator()).isEqualTo("A100 SXM4 40GB");
        assertThat(e.get("runs/a").hardware().orElseThrow().count()).isEqualTo(4);
        assertThat(e.get("runs/a").hardware().orElseThrow().origin()).isEqualTo("carbonpaper.yaml:5");
        assertThat(e.get("runs/a").region()).contains("DEU");
        assertThat(e.get("runs/a").group()).isEqualTo("sweep");
        assertThat(e.get("runs/b").name()).isEqualTo("B");
        assertThat(e.get("runs/b").region()).contains("FRA");
        assertThat(e.get("runs/b").hardware().orElseThrow().accelerator()).isEqualTo("A100 SXM4 40GB");
        assertThat(e.get("other/c").hardware().orElseThrow().accelerator()).isEqualTo("RTX 3090");
        assertThat(e.get("other/c").region()).isEmpty();
    }

    @Test void whatTheLogsSayWinsOverDefaults() throws IOException {
        Files.createDirectories(logs.resolve("gpu"));
        Files.writeString(logs.resolve("gpu/gpu.csv"), """
                timestamp, name, index, power.draw [W]
                2024/01/01 00:00:00.000, Tesla T4, 0, 50.00 W
                2024/01/01 00:00:01.000, Tesla T4, 0, 50.00 W
                2024/01/01 00:00:02.000, Tesla T4, 0, 50.00 W
                """);
        Map<String, Experiment> e = report("defaults:\n  hardware: {accelerator: RTX 3090, count: 1}\n  hours: 5\n");
        assertThat(e.get("gpu").hardware().orElseThrow().accelerator()).isEqualTo("Tesla T4");
        assertThat(e.get("gpu").hoursSource()).isEqualTo("trace time span");
    }

    @Test void defaultHoursReachRunsWithoutAny() throws IOException {
        Files.createDirectories(logs.resolve("x"));
        Files.writeString(logs.resolve("x/experiment.yaml"), "hardware: {accelerator: V100}\n");
        Experiment x = report("defaults:\n  hours: 5\n").get("x");
        assertThat(x.hours().orElseThrow().value()).isEqualTo(5.0);
        assertThat(x.hoursSource()).isEqualTo("carbonpaper.yaml defaults");
    }

    @Test void mistakesInTheBlocksAreErrorsAtTheirLine() throws IOException {
        run("runs/a");
        assertThatThrownBy(() -> report("defaults:\n  hardwre: {accelerator: A100}\n"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("carbonpaper.yaml:2: unknown key 'hardwre' in 'defaults'");
        assertThatThrownBy(() -> report("defaults:\n  hardware: {accelerator: A100, count: 0}\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("carbonpaper.yaml:2").hasMessageContaining("count");
        assertThatThrownBy(() -> report("folders:\n  \"runs/*\":\n    name: x\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("carbonpaper.yaml:3").hasMessageContaining("unknown key 'name'");
        assertThatThrownBy(() -> report("folders:\n  \"runs/v1.0\": {region: DEU}\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("cannot contain '.'");
        assertThatThrownBy(() -> report("folders: [a, b]\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("carbonpaper.yaml:1");
    }
}
