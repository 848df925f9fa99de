package io.carbonpaper.report;

import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTallyTest {
    private static final Problem ERROR = Problem.error("a.csv", 3, "bad"), WARNING = Problem.warning("a.csv", 4, "odd"),
            NOTE = Problem.note("run.wandb", 0, "only the run's GPUs count");

    @Test void notesAreCountedApartFromWhatIsWrong() {
        assertThat(ProblemTally.of(List.of(NOTE, NOTE, NOTE)).words()).isEqualTo("3 notes");
        assertThat(ProblemTally.of(List.of(NOTE, NOTE, NOTE)).aboutTheInputs()).isEqualTo("3 notes on the inputs");
        assertThat(ProblemTally.of(List.of(NOTE)).heading()).isEqualTo("Notes");
        assertThat(ProblemTally.of(List.of(ERROR)).words()).isEqualTo("1 problem");
        assertThat(ProblemTally.of(List.of(ERROR, WARNING, NOTE)).words()).isEqualTo("2 problems and 1 note");
        assertThat(ProblemTally.of(List.of(ERROR, WARNING, NOTE)).aboutTheInputs()).isEqualTo("2 problems and 1 note found in the inputs");
        assertThat(ProblemTally.of(List.of(ERROR, NOTE)).heading()).isEqualTo("Problems and notes");
        assertThat(ProblemTally.of(List.of()).isEmpty()).isTrue();
        assertThat(ProblemTally.of(List.of(ERROR)).plus(ProblemTally.of(List.of(NOTE)))).isEqualTo(new ProblemTally(1, 1));
    }
}
