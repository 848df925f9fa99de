package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.carbonpaper.model.ExperimentBuilder.experiment;
import static org.assertj.core.api.Assertions.assertThat;

/** The checklist answers say what the logs say, in the statement's figures, and call the rest unknown. */
class ChecklistsTest {
    private static Map<String, String> answers(Report r, String id) {
        Checklist c = r.statement().checklists().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return c.answers().stream().collect(Collectors.toMap(Fact::label, Fact::value));
    }

    @Test void aclC1AnswersBudgetAndInfrastructureFromTheLogsAndCallsParametersUnknown() {
        Report r = SampleReports.standard();
        Map<String, String> acl = answers(r, "acl-checklist-c1");
        assertThat(acl.keySet()).containsExactlyInAnyOrder("Parameters", "Total computational budget", "Computing infrastructure");
        assertThat(acl.get("Parameters")).startsWith("Unknown: no log states a parameter count");
        // 2 x P100 x 12 h + 1 x V100 x 2 h + 3 x P100 x 336 h + 16 x TPUv2 x 96 h
        assertThat(acl.get("Total computational budget")).startsWith("2,570 accelerator-hours (GPU or TPU hours: ")
                .contains("TPUv2 1,536", "P100 1,032", "V100 2").contains("over 446 wall-clock hours in 4 runs.");
        assertThat(r.statement().text()).contains("(2,570 accelerator-hours)");
        assertThat(acl.get("Computing infrastructure")).contains("P100x2 (1 run)", "TPUv2x16 (1 run)", "CPUs: unknown")
                .contains("Unknown: the logs do not say whether the runs used an own cluster or a cloud provider");
    }

    @Test void neuripsItemAnswersWorkersMemoryTimeAndTotalAndSaysWhatItCannotKnow() {
        Map<String, String> n = answers(SampleReports.standard(), "neurips-checklist-compute");
        // TPU memory from the catalog (Jouppi et al. 2020): 16 and 32 GiB of HBM per chip.
        assertThat(n.get("Memory and storage")).contains("P100 16 GB", "V100 16 GB", "TPUv2 16 GB").doesNotContain("unknown,")
                .contains("Host memory and storage: unknown");
        assertThat(n.get("Time of execution")).startsWith("Per run 2 to 336 hours (median 54), 446 hours in all");
        assertThat(n.get("Compute beyond the reported experiments")).contains("every run found in the logs")
                .contains("whether the whole project used more compute is unknown");
        assertThat(n.get("Cluster or cloud")).startsWith("Unknown:");
    }

    @Test void aParameterCountALogStatesIsGivenWithItsKeyAndFinalRunsAreCounted() {
        Report r = SampleReports.build(List.of(
                experiment("bert").hardware("V100", 8).hours(10).hyperparameter("num_parameters", "110000000").isFinal(true).build(),
                experiment("sweep").hardware("V100", 1).hours(2).hyperparameter("num_parameters", "n/a").build()));
        Map<String, String> acl = answers(r, "acl-checklist-c1");
        assertThat(acl.get("Parameters")).isEqualTo("As the logs state them: bert: 110,000,000 (num_parameters). "
                + "For the other 1 runs, unknown: their logs state none.");
        assertThat(answers(r, "neurips-checklist-compute").get("Compute beyond the reported experiments"))
                .startsWith("Of the 2 runs in the logs, 1 is marked final; the figures above count all of them, the other 1 (tuning, preliminary or failed) included.");
    }

    @Test void oneRunSaysItsHours() {
        Report r = SampleReports.build(List.of(experiment("a").hardware("P100", 1).hours(10).build()));
        assertThat(answers(r, "neurips-checklist-compute").get("Time of execution")).isEqualTo("The run took 10 hours (wall clock).");
    }
}
