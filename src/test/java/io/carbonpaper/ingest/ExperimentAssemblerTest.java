package io.carbonpaper.ingest;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.JobRecord;
import io.carbonpaper.unit.Hours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExperimentAssemblerTest {
    private static JobRecord job(Optional<String> accelerator, int gpus) {
        return new JobRecord("1001", "bert-large #1001", "bert-large", accelerator, gpus, Optional.of(Hours.of(2.5)),
                Optional.of(Instant.parse("2026-06-24T06:30:40Z")), Optional.of(Instant.parse("2026-06-24T09:00:40Z")), "COMPLETED", 1);
    }

    @Test void aJobRecordNamesGroupsTimesAndEquipsTheExperiment() {
        ExperimentDraft d = new ExperimentDraft("sacct:1001", "cluster");
        d.add(job(Optional.of("a100"), 4), "cluster/sacct.txt");
        Experiment e = ExperimentAssembler.assemble(d);
        assertThat(e.name()).isEqualTo("bert-large #1001");
        assertThat(e.group()).isEqualTo("bert-large");
        assertThat(e.hours().orElseThrow().value()).isCloseTo(2.5, within(1e-12));
        assertThat(e.hoursSource()).isEqualTo("sacct Elapsed");
        assertThat(e.hardware().orElseThrow().accelerator()).isEqualTo("a100");
        assertThat(e.hardware().orElseThrow().count()).isEqualTo(4);
        assertThat(e.hardware().orElseThrow().origin()).isEqualTo("cluster/sacct.txt");
        assertThat(e.start()).contains(Instant.parse("2026-06-24T06:30:40Z"));
        assertThat(e.end()).contains(Instant.parse("2026-06-24T09:00:40Z"));
    }

    @Test void untypedGpusGiveNoHardwareName() {
        ExperimentDraft d = new ExperimentDraft("sacct:1001", "cluster");
        d.add(job(Optional.empty(), 4), "cluster/sacct.txt");
        assertThat(ExperimentAssembler.assemble(d).hardware()).isEmpty();
    }
}
