package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The generated LISA history has the shape the paper describes, and the committed sample is its output. */
class LisaRndHistoryTest {
    private static final List<LisaRndHistory.Job> JOBS = LisaRndHistory.jobs();

    @Test void hasThePapersJobsHoursAndLengths() {
        assertThat(JOBS).hasSize(4789);
        long minutes = JOBS.stream().mapToLong(LisaRndHistory.Job::minutes).sum();
        assertThat(minutes).isEqualTo(239_942L * 60);
        assertThat(JOBS.stream().mapToLong(LisaRndHistory.Job::minutes).min().orElseThrow()).isEqualTo(3);
        assertThat(JOBS.stream().mapToLong(LisaRndHistory.Job::minutes).max().orElseThrow()).isEqualTo(9 * 24 * 60);
        assertThat(minutes / 60.0 / JOBS.size()).isCloseTo(50, within(1.0));
    }

    @Test void runsOnTitanXAndM40InTheirSharesOver172DaysIn123Searches() {
        Map<String, Long> gpus = JOBS.stream().collect(Collectors.groupingBy(LisaRndHistory.Job::gpu, Collectors.counting()));
        assertThat(gpus).containsEntry("titanx", 3448L).containsEntry("m40", 1341L);
        var first = JOBS.stream().map(LisaRndHistory.Job::start).min(java.util.Comparator.naturalOrder()).orElseThrow();
        var last = JOBS.stream().map(LisaRndHistory.Job::end).max(java.util.Comparator.naturalOrder()).orElseThrow();
        assertThat(Duration.between(first, last)).isEqualTo(Duration.ofDays(172));
        Map<String, List<LisaRndHistory.Job>> searches = JOBS.stream().collect(Collectors.groupingBy(LisaRndHistory.Job::search));
        assertThat(searches).hasSize(124); // 123 grid searches and the final job
        assertThat(searches.get("tune")).hasSize(24).allMatch(j -> j.minutes() == 120 * 60);
        assertThat(searches.get("final")).hasSize(1).allMatch(j -> j.minutes() == 120 * 60);
    }

    @Test void writesOneJobRowAndTwoStepRowsPerJob() {
        List<String> lines = LisaRndHistory.sacct().lines().toList();
        assertThat(lines.get(0)).isEqualTo("JobID|JobName|Partition|AllocTRES|Elapsed|Start|End|State");
        assertThat(lines).hasSize(1 + 3 * 4789);
        assertThat(lines.get(2)).contains(".batch|batch|");
        assertThat(lines.get(3)).contains(".extern|extern|");
        assertThat(LisaRndHistory.elapsed(9 * 24 * 60)).isEqualTo("9-00:00:00");
        assertThat(LisaRndHistory.elapsed(3)).isEqualTo("00:03:00");
    }

    @Test void theCommittedSampleIsTheGeneratorsOutput() throws IOException {
        Path sample = Path.of("sample-logs/lisa-rnd/sacct.txt");
        assertThat(Files.readString(sample, StandardCharsets.UTF_8)).isEqualTo(LisaRndHistory.sacct());
    }
}
