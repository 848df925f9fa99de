package io.carbonpaper.report;

import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.InputFile;
import io.carbonpaper.settings.ProjectConfig;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.unit.Hours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping by group_by, and the period the experiments span. */
class ProjectEconomicsTest {
    static ExperimentEstimate estimate(String group, String file, Optional<Instant> start, Optional<Instant> end) {
        ExperimentBuilder b = ExperimentBuilder.experiment(file).group(group).hardware(new Hardware("V100", 1, file, 0))
                .hours(1).hoursSource("test").input(new InputFile(file, 1, "", "test"));
        start.ifPresent(b::start);
        end.ifPresent(b::end);
        Experiment x = b.build();
        return new TrainingCostEstimator(Catalogs.bundled(), ProjectConfig.defaults()).estimate(x).estimate().orElseThrow();
    }

    @Test void groupByFolderUsesTheFirstInputsFolderWhateverTheGroupSays() {
        ExperimentEstimate e = estimate("lr-sweep", "runs/a/metrics.csv", Optional.empty(), Optional.empty());
        assertThat(ProjectEconomics.groupOf(e, ProjectConfig.GroupBy.FOLDER)).isEqualTo("runs/a");
        assertThat(ProjectEconomics.groupOf(e, ProjectConfig.GroupBy.AUTO)).isEqualTo("lr-sweep");
        assertThat(ProjectEconomics.groupOf(e, ProjectConfig.GroupBy.JOB_NAME)).isEqualTo("lr-sweep");
        assertThat(ProjectEconomics.groupOf(estimate("g", "top.csv", Optional.empty(), Optional.empty()), ProjectConfig.GroupBy.FOLDER))
                .isEqualTo(".");
    }

    @Test void thePeriodRunsFromTheFirstStartToTheLastEndOnlyWhenEveryExperimentIsDated() {
        Instant t0 = Instant.parse("2018-01-08T09:00:00Z");
        ExperimentEstimate a = estimate("g", "a", Optional.of(t0), Optional.of(t0.plusSeconds(3600)));
        ExperimentEstimate b = estimate("g", "b", Optional.of(t0.plusSeconds(7200)), Optional.of(t0.plusSeconds(36000)));
        assertThat(ProjectEconomics.period(List.of(a, b))).contains(Hours.of(10));
        assertThat(ProjectEconomics.period(List.of(a, b, estimate("g", "c", Optional.empty(), Optional.empty())))).isEmpty();
        assertThat(ProjectEconomics.period(List.of())).isEmpty();
    }
}
