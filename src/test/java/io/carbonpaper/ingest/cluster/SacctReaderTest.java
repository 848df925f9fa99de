package io.carbonpaper.ingest.cluster;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;

import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.JobRecord;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TrainingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SacctReaderTest extends ReaderContract {
    private final SacctReader reader = new SacctReader();

    @Override protected LogReader reader() { return reader; }
    @Override protected String fileName() { return "sacct.txt"; }
    @Override protected List<String> validLines() { return Fixture.lines("sacct/jobs.txt"); }
    @Override protected int headerLineCount() { return 1; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings.stream().filter(f -> f instanceof JobRecord).map(f -> ((JobRecord) f).jobId()))
                .containsExactly("1001", "1002_0", "1002_1", "1003", "1004");
    }

    private Fixture.Read jobs() throws IOException { return Fixture.read(reader, dir, "sacct/jobs.txt", "sacct.txt"); }

    private static JobRecord job(Fixture.Read read, String id) {
        return read.all(JobRecord.class).stream().filter(j -> j.jobId().equals(id)).findFirst().orElseThrow();
    }

    @Test void tabDelimitedWithElapsedRaw() throws IOException {
        Fixture.Read read = Fixture.read(reader, dir, "sacct/tab-delimited.txt", "sacct.tsv");
        assertThat(read.all(JobRecord.class)).extracting(JobRecord::jobId).containsExactly("2001", "2002");
        JobRecord j = job(read, "2001");
        assertThat(j.gpus()).isEqualTo(2);
        assertThat(j.elapsed().orElseThrow().seconds()).isCloseTo(3600, within(1e-9));
        assertThat(job(read, "2002").elapsed().orElseThrow().seconds()).isCloseTo(778, within(1e-9));
        assertThat(read.only(ToolEnergyReport.class).energy().joules()).isCloseTo(1_800_000, within(1e-6));
        assertThat(read.problems()).isEmpty();
    }

    @Test void withoutJobIdEachRowIsAJobKeyedByItsLine() throws IOException {
        Fixture.Read read = Fixture.read(reader, dir, "sacct/no-jobid.txt", "sacct.csv");
        assertThat(read.all(JobRecord.class)).extracting(JobRecord::jobId).containsExactly("sacct.csv:2", "sacct.csv:3", "sacct.csv:4");
        assertThat(read.all(ToolEnergyReport.class)).extracting(r -> r.energy().kilowattHours()).containsExactly(1.0, 2.0);
        assertThat(job(read, "sacct.csv:4").state()).isEqualTo("CANCELLED");
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(io.carbonpaper.model.Problem.Severity.NOTE);
            assertThat(p.message()).contains("no JobID column");
        });
    }

    @Test void withoutJobIdStepsNamedBatchOrExternAreNotJobs() throws IOException {
        String text = "JobName|ElapsedRaw|ConsumedEnergyRaw\ntrain|3600|3600000\nbatch|3600|3599000\nextern|3600|1000\n";
        Fixture.Read read = Fixture.readText(reader, dir, text, "sacct.txt");
        assertThat(read.all(JobRecord.class)).singleElement().satisfies(j -> assertThat(j.elapsed().orElseThrow().seconds()).isEqualTo(3600.0));
        assertThat(read.only(ToolEnergyReport.class).energy().kilowattHours()).isCloseTo(1.0, within(1e-12));
        assertThat(read.problems()).anySatisfy(p -> assertThat(p.message()).contains("2 rows named batch or extern"));
    }

    @Test void fixedWidthDefaultLayoutIsReadByItsRuler() throws IOException {
        Fixture.Read read = Fixture.read(reader, dir, "sacct/fixed-width.txt", "sacct.txt");
        assertThat(read.all(JobRecord.class)).extracting(JobRecord::jobId).containsExactly("3001", "3002");
        JobRecord j = job(read, "3002");
        assertThat(j.state()).isEqualTo("CANCELLED");
        assertThat(j.elapsed().orElseThrow().seconds()).isCloseTo(86400 + 1800, within(1e-9));
        assertThat(job(read, "3001").name()).isEqualTo("h3as5_opt+ #3001");
        assertThat(read.problems()).isEmpty();
    }

    @Test void theNewLayoutsAreSniffedAndOtherCsvsAreNot() throws IOException {
        for (String f : List.of("tab-delimited.txt", "no-jobid.txt", "fixed-width.txt")) {
            Path p = dir.resolve(f);
            Files.writeString(p, Fixture.text("sacct/" + f));
            assertThat(reader.sniff(new InputSource(p, f))).as(f).isTrue();
        }
        for (String other : List.of("energy,ConsumedEnergyRaw,loss\n1,2,3\n", "timestamp,State,Elapsed\n2024-01-01,ok,3\n")) {
            Path p = dir.resolve("other.csv");
            Files.writeString(p, other);
            assertThat(reader.sniff(new InputSource(p, "other.csv"))).as(other).isFalse();
        }
    }

    @Test void stepRowsAreNotJobsAndArrayTasksAre() throws IOException {
        Fixture.Read read = jobs();
        assertThat(read.all(JobRecord.class)).hasSize(5);
        assertThat(read.all(TrainingLog.class)).hasSize(5).allSatisfy(l -> assertThat(l.experimentKey()).startsWith("sacct:"));
        assertThat(job(read, "1002_1").state()).isEqualTo("FAILED");
    }

    @Test void typedAndUntypedGresAreNotDoubleCounted() throws IOException {
        JobRecord j = job(jobs(), "1001");
        assertThat(j.gpus()).isEqualTo(1);
        assertThat(j.accelerator()).contains("a100");
        assertThat(j.experimentKey()).isEqualTo("sacct:1001");
        assertThat(j.name()).isEqualTo("bert-large #1001");
        assertThat(j.group()).isEqualTo("bert-large");
    }

    @Test void elapsedWithDaysAndStateSuffixAndUnknownEnd() throws IOException {
        JobRecord j = job(jobs(), "1003");
        assertThat(j.elapsed().orElseThrow().value()).isCloseTo(63, within(1e-9));
        assertThat(j.state()).isEqualTo("CANCELLED");
        assertThat(j.end()).isEmpty();
        assertThat(j.start()).contains(Instant.parse("2026-06-20T00:00:00Z"));
    }

    @Test void stepRowFillsWhatTheJobRowLeftEmpty() throws IOException {
        JobRecord j = job(jobs(), "1003");
        assertThat(j.gpus()).isEqualTo(32);
        assertThat(j.accelerator()).isEmpty();
        assertThat(j.nodes()).isEqualTo(4);
    }

    @Test void aStepRowThatNamesNoJobIsAnErrorAtItsLineAndTheRestIsRead() throws IOException {
        // Found by fuzzing: ".batch" made a job with a blank id, which JobRecord refuses with an exception.
        String s = "JobID|JobName|AllocTRES|Elapsed|State\n"
                + "1001|bert|gres/gpu=1|00:20:18|COMPLETED\n"
                + ".batch|batch|gres/gpu=1|00:20:18|COMPLETED\n"
                + " .0|python|gres/gpu=1|00:20:10|COMPLETED\n";
        Fixture.Read read = Fixture.readText(reader, dir, s, "sacct.txt");
        assertThat(read.all(JobRecord.class)).extracting(JobRecord::jobId).containsExactly("1001");
        assertThat(read.problems()).extracting(p -> p.line() + " " + p.severity())
                .containsExactly("3 ERROR", "4 ERROR");
        assertThat(read.problems().get(0).message()).contains("'.batch' names no job");
    }

    @Test void aGresCountBeyondReasonIsNotCounted() throws IOException {
        String s = "JobID|JobName|AllocGRES|Elapsed|State\n1001|bert|gpu:a100:99999999999,gpu:v100:2|00:20:18|COMPLETED\n";
        JobRecord j = Fixture.readText(reader, dir, s, "sacct.txt").only(JobRecord.class);
        assertThat(j.gpus()).isEqualTo(2);
        assertThat(j.accelerator()).contains("v100");
    }

    @Test void energyTresBecomesASlurmToolReport() throws IOException {
        Fixture.Read read = jobs();
        ToolEnergyReport r = read.only(ToolEnergyReport.class);
        assertThat(r.tool()).isEqualTo("slurm");
        assertThat(r.energy().joules()).isCloseTo(18969404, within(1e-6));
        assertThat(r.experimentKey()).isEqualTo("sacct:1004");
        assertThat(job(read, "1004").elapsed().orElseThrow().seconds()).isCloseTo(45 * 60 + 30, within(1e-9));
        assertThat(job(read, "1004").gpus()).isZero();
    }

    @Test void hyperparametersNameTheJob() throws IOException {
        TrainingLog l = jobs().all(TrainingLog.class).stream().filter(x -> "sacct:1003".equals(x.experimentKey())).findFirst().orElseThrow();
        assertThat(l.hyperparameters()).containsEntry("JobName", "t5-xxl").containsEntry("State", "CANCELLED by 132794")
                .containsEntry("Partition", "gpu");
        assertThat(l.runtimeSource()).isEqualTo("Elapsed");
    }

    @Test void repeatedValuesOfJobsAreOneStringAndTimesAreNot() throws IOException {
        // Issue 20: a million-job history must not hold a million copies of "gpu" and "COMPLETED".
        List<TrainingLog> logs = jobs().all(TrainingLog.class);
        Map<String, String> a = logs.stream().filter(x -> "sacct:1002_0".equals(x.experimentKey())).findFirst().orElseThrow().hyperparameters();
        Map<String, String> b = logs.stream().filter(x -> "sacct:1002_1".equals(x.experimentKey())).findFirst().orElseThrow().hyperparameters();
        assertThat(a.get("JobName")).isEqualTo("sweep").isSameAs(b.get("JobName"));
        assertThat(a.get("Partition")).isSameAs(b.get("Partition"));
        assertThat(a.get("AllocTRES")).isSameAs(b.get("AllocTRES"));
        assertThat(a.get("State")).isEqualTo("COMPLETED").isNotEqualTo(b.get("State"));
    }

    @Test void anyColumnOrderAndTrailingBar() throws IOException {
        Fixture.Read read = Fixture.read(reader, dir, "sacct/reordered.txt", "sacct.txt");
        JobRecord j = read.only(JobRecord.class);
        assertThat(j.gpus()).isEqualTo(4);
        assertThat(j.elapsed().orElseThrow().value()).isCloseTo(3, within(1e-12));
        assertThat(read.problems()).isEmpty();
    }

    @Test void noHeaderOutputIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Fixture.read(reader, dir, "sacct/noheader.txt", "sacct.txt"))
                .isInstanceOf(InputException.class).hasMessageContaining("-n");
    }

    @Test void badElapsedIsAProblemAtTheJobLine() throws IOException {
        String s = "JobID|JobName|Elapsed\n1|a|00:10:00\n2|b|INVALID\n";
        Fixture.Read read = Fixture.readText(reader, dir, s, "sacct.txt");
        assertThat(read.all(JobRecord.class)).hasSize(2);
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test void elapsedForms() {
        assertThat(SacctReader.elapsed("2-15:00:00").orElseThrow().value()).isCloseTo(63, within(1e-12));
        assertThat(SacctReader.elapsed("00:43.900").orElseThrow().seconds()).isCloseTo(43.9, within(1e-9));
        assertThat(SacctReader.elapsed("UNLIMITED")).isEmpty();
    }

    @Test void aHundredThousandJobsAreStreamed() throws IOException {
        Path f = dir.resolve("big.txt");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("JobID|JobName|AllocTRES|Elapsed|Start|End|State\n");
            for (int i = 0; i < 100_000; i++) {
                w.write(i + "|job" + (i % 7) + "|cpu=4,gres/gpu:a100=2,gres/gpu=2,node=1|01:00:00|2026-01-01T00:00:00|2026-01-01T01:00:00|COMPLETED\n");
                w.write(i + ".batch|batch|cpu=4,gres/gpu=2|01:00:00|2026-01-01T00:00:00|2026-01-01T01:00:00|COMPLETED\n");
            }
        }
        AtomicLong jobsSeen = new AtomicLong(), gpus = new AtomicLong();
        reader.read(new InputSource(f, "big.txt"), new FindingSink() {
            @Override public void accept(Finding finding) {
                if (finding instanceof JobRecord j) {
                    assertThat(j.jobId()).isEqualTo(Long.toString(jobsSeen.get())); // in the file's order
                    jobsSeen.incrementAndGet();
                    gpus.addAndGet(j.gpus());
                }
            }
            @Override public void problem(io.carbonpaper.model.Problem problem) { throw new AssertionError(problem.toString()); }
        });
        assertThat(jobsSeen.get()).isEqualTo(100_000);
        assertThat(gpus.get()).isEqualTo(200_000);
    }

    @Test void heterogeneousComponentsAreJobsAndStepsFollowTheirComponent() throws IOException {
        String s = "JobID|JobName|AllocTRES|Elapsed|State\n"
                + "700+0|het|gres/gpu=2|01:00:00|COMPLETED\n700+0.batch|batch|gres/gpu=2|01:00:00|COMPLETED\n"
                + "700+1|het|gres/gpu=4|01:00:00|COMPLETED\n700+1.0|python|gres/gpu=4,energy=3600|01:00:00|COMPLETED\n"
                + "701_3|arr|gres/gpu=1|00:30:00|COMPLETED\n701_3.batch|batch||00:30:00|COMPLETED\n";
        Fixture.Read read = Fixture.readText(reader, dir, s, "sacct.txt");
        assertThat(read.all(JobRecord.class)).extracting(JobRecord::jobId, JobRecord::gpus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("700+0", 2), org.assertj.core.groups.Tuple.tuple("700+1", 4),
                        org.assertj.core.groups.Tuple.tuple("701_3", 1));
        assertThat(read.only(ToolEnergyReport.class).experimentKey()).isEqualTo("sacct:700+1");
        assertThat(read.problems()).isEmpty();
    }

    @Test void rowsOfAJobNotTogetherAreStillOneJobWhileItIsOpen() throws IOException {
        // A requeued job listed twice (sacct -D), with another job between: one job, its last job row winning.
        String s = "JobID|JobName|AllocTRES|Elapsed|State\n"
                + "10|a|gres/gpu=1|00:10:00|REQUEUED\n11|b|gres/gpu=1|00:10:00|COMPLETED\n10|a|gres/gpu=2|00:20:00|COMPLETED\n"
                + "10.batch|batch|gres/gpu=2,energy=99|00:20:00|COMPLETED\n";
        Fixture.Read read = Fixture.readText(reader, dir, s, "sacct.txt");
        assertThat(read.all(JobRecord.class)).extracting(JobRecord::jobId).containsExactly("10", "11");
        assertThat(job(read, "10").gpus()).isEqualTo(2);
        assertThat(job(read, "10").state()).isEqualTo("COMPLETED");
        assertThat(read.only(ToolEnergyReport.class).energy().joules()).isCloseTo(99, within(1e-9));
        assertThat(read.problems()).isEmpty();
    }

    @Test void aRowOfAJobAlreadyHandedOnIsAWarningAtItsLineNotASecondJob() throws IOException {
        StringBuilder s = new StringBuilder("JobID|JobName|AllocTRES|Elapsed|State\n");
        for (int i = 0; i <= SacctReader.OPEN_MAX; i++) s.append(5000 + i).append("|j|gres/gpu=1|00:01:00|COMPLETED\n");
        s.append("5000.batch|batch|gres/gpu=1,energy=7|00:01:00|COMPLETED\n"); // line OPEN_MAX + 3
        s.append("5000|j|gres/gpu=8|00:01:00|COMPLETED\n");
        Fixture.Read read = Fixture.readText(reader, dir, s.toString(), "sacct.txt");
        assertThat(read.all(JobRecord.class)).hasSize(SacctReader.OPEN_MAX + 1);
        assertThat(job(read, "5000").gpus()).isEqualTo(1);
        assertThat(read.all(ToolEnergyReport.class)).isEmpty();
        assertThat(read.problems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.severity()).isEqualTo(io.carbonpaper.model.Problem.Severity.WARNING);
            assertThat(p.message()).contains("job 5000 was already read; row skipped");
        });
        assertThat(read.problems()).extracting(io.carbonpaper.model.Problem::line)
                .containsExactly((long) SacctReader.OPEN_MAX + 3, (long) SacctReader.OPEN_MAX + 4);
    }

    @Test void sniffsTheHeader() throws IOException {
        assertThat(Fixture.sniff(reader, dir, Fixture.text("sacct/reordered.txt"), "x.log")).isTrue();
        assertThat(Fixture.sniff(reader, dir, "a|b|c\n1|2|3\n", "x.log")).isFalse();
    }
}
