package io.carbonpaper.ingest.tracker;

import io.carbonpaper.ingest.source.InputSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerFoldersTest {
    @TempDir Path logs;

    @Test void filesOfAWandbRunBelongToTheRunFolder() {
        assertThat(TrackerFolders.wandbRunFolder("p/wandb/run-20201002_075833-3fnl4517/files/config.yaml")).isEqualTo("p/wandb/run-20201002_075833-3fnl4517");
        assertThat(TrackerFolders.wandbRunFolder("p/wandb/offline-run-5o1hloxk/run-5o1hloxk.wandb")).isEqualTo("p/wandb/offline-run-5o1hloxk");
        assertThat(TrackerFolders.wandbRunFolder("wandb/offline-run-20251014_120029-6zjwrmwu/logs/debug.log")).isEqualTo("wandb/offline-run-20251014_120029-6zjwrmwu");
        assertThat(TrackerFolders.wandbRunFolder("downloaded/files/wandb-summary.json")).isEqualTo("downloaded"); // no run folder
        assertThat(TrackerFolders.wandbRunFolder("a/b.json")).isEqualTo("a");
    }

    @Test void aRunInsideAHydraJobJoinsTheJobOnlyWhenTheJobHasHydraFiles() throws IOException {
        String name = "m/0/wandb/run-20260122_095404-abcd1234/files/config.yaml";
        Path f = logs.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x");
        InputSource src = new InputSource(f, name);
        String run = "m/0/wandb/run-20260122_095404-abcd1234";
        assertThat(TrackerFolders.joinHydraJob(src, run, "wandb", 2)).isEqualTo(run);
        Files.createDirectories(logs.resolve("m/0/.hydra"));
        assertThat(TrackerFolders.joinHydraJob(src, run, "wandb", 2)).isEqualTo("m/0");
        assertThat(TrackerFolders.joinHydraJob(src, run, "mlruns", 3)).isEqualTo(run);
    }
}
