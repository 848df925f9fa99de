package io.carbonpaper.task;

import io.carbonpaper.cli.Main;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 20: a cluster history bigger than the page limit is folded into the tables as it is read.
 * Every job still has its row in training-cost.csv, in the order of the history; the printed
 * tables show one row per group and hardware, and every total is the jobs' exact sum.
 */
class FoldedReportTest {
    @TempDir Path dir;

    @Test void aBigHistoryKeepsEveryJobInTheCsvAndFoldsThePrintedTable() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        int jobs = io.carbonpaper.settings.ProjectConfig.FOLD_EXPERIMENTS_ABOVE + 200;
        StringBuilder s = new StringBuilder("JobID|JobName|AllocTRES|Elapsed|Start|End|State\n");
        double gpuSecondsA100 = 0, gpuSecondsV100 = 0;
        for (int i = 0; i < jobs; i++) {
            int gpus = 1 + i % 4, seconds = 60 + 7 * i;
            String model = i % 5 == 0 ? "v100" : "a100";
            if (model.equals("v100")) gpuSecondsV100 += gpus * seconds;
            else gpuSecondsA100 += gpus * seconds;
            String el = String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
            String tres = "cpu=8,gres/gpu:" + model + "=" + gpus + ",gres/gpu=" + gpus + ",node=1";
            String start = java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusHours(i).toString();
            String end = java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusHours(i).plusSeconds(seconds).toString();
            s.append(9000 + i).append("|train-").append(i % 3).append('|').append(tres).append('|').append(el).append('|').append(start)
                    .append('|').append(end).append("|COMPLETED\n");
            s.append(9000 + i).append(".batch|batch|").append(tres).append('|').append(el).append('|').append(start).append('|').append(end)
                    .append("|COMPLETED\n");
        }
        Files.writeString(logs.resolve("sacct.txt"), s.toString());
        Path site = dir.resolve("site");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new String[] {"report", logs.toString(), "--out", site.toString(), "--set", "pue=1"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(err.toString()).doesNotContain("Exception");
        assertThat(code).as(err.toString()).isZero();

        // Every job, in the history's order, with its own figures (A100 SXM4 40GB 400 W, V100 250 W; PUE 1).
        List<CSVRecord> rows = csv(site.resolve("tables/training-cost.csv"));
        assertThat(rows).hasSize(jobs);
        assertThat(rows.get(7).get("experiment")).isEqualTo("train-1 #9007");
        assertThat(Double.parseDouble(rows.get(7).get("kwh_pue"))).isCloseTo(4 * 400 * (60 + 7 * 7) / 3.6e6, within(1e-12));
        double expected = (gpuSecondsA100 * 400 + gpuSecondsV100 * 250) / 3.6e6;
        assertThat(rows.stream().mapToDouble(r -> Double.parseDouble(r.get("kwh_pue"))).sum()).isCloseTo(expected, within(expected * 1e-12));

        // The printed table: one row per group and hardware (3 groups x 4 counts x 2 models, as they occur), with the jobs' sums.
        String md = Files.readString(site.resolve("tables/training-cost.md"));
        List<String> folds = md.lines().filter(l -> l.startsWith("| train-")).toList();
        assertThat(folds).hasSize(24).allSatisfy(l -> assertThat(l).containsPattern("\\(\\d+ experiments\\)"));
        assertThat(md).contains("Total (10200 experiments)");
        CSVRecord all = csv(site.resolve("tables/rnd-cost.csv")).stream().filter(r -> r.get("scope").equals("All experiments")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(all.get("kwh_pue"))).isCloseTo(expected, within(expected * 1e-9));
        assertThat(Double.parseDouble(all.get("accelerator_hours"))).isCloseTo((gpuSecondsA100 + gpuSecondsV100) / 3600, within(1e-6));
        assertThat(Files.readString(site.resolve("statement/statement.txt"))).contains("(10,200 runs on ");
        assertThat(Files.readString(site.resolve("index.html"))).contains("Total (10200 experiments)").contains("train-2 \u00b7 A100-SXM4-40GBx3 (");
        assertThat(site.resolve("figures/cumulative-energy.svg")).exists();
        assertThat(out.toString()).contains("10200 of 10200 experiments have an energy figure");
    }

    /**
     * The NeurIPS checklist's time of execution counts the folded jobs one by one: the shortest,
     * median and longest run of the jobs and the experiments kept whole together, as an independent
     * sort of every run's hours gives them.
     */
    @Test void theChecklistGivesTheShortestMedianAndLongestRunOfAFoldedHistory() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        int jobs = io.carbonpaper.settings.ProjectConfig.FOLD_EXPERIMENTS_ABOVE + 300;
        StringBuilder s = new StringBuilder("JobID|JobName|AllocTRES|Elapsed|Start|End|State\n");
        List<Double> hours = new java.util.ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            int seconds = 120 + (int) ((long) i * i % 86_000); // skewed, with ties: the median is neither the mean nor the middle of the range
            hours.add(seconds / 3600.0);
            String el = String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
            String start = java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusHours(i).toString();
            String end = java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusHours(i).plusSeconds(seconds).toString();
            s.append(9000 + i).append("|train-").append(i % 2).append("|cpu=8,gres/gpu:a100=1,gres/gpu=1,node=1|").append(el).append('|')
                    .append(start).append('|').append(end).append("|COMPLETED\n");
        }
        Files.writeString(logs.resolve("sacct.txt"), s.toString());
        Path kept = Files.createDirectories(logs.resolve("long-run")); // not a cluster history: kept whole, and the longest run
        Files.writeString(kept.resolve("experiment.yaml"), "name: long run\nhardware:\n  accelerator: V100\n  count: 1\nhours: 100\n");
        hours.add(100.0);
        Path site = dir.resolve("site");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new String[] {"report", logs.toString(), "--out", site.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(site.resolve("tables/training-cost.md"))).containsPattern("\\((5,150|5150) experiments\\)"); // folded

        double[] h = hours.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = (h[h.length / 2 - 1] + h[h.length / 2]) / 2; // an even count: 10,301 jobs and one kept run
        String time = Files.readString(site.resolve("statement/neurips-checklist-compute.txt")).lines()
                .filter(l -> l.startsWith("- Time of execution: ")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Per run ([0-9.,]+) to ([0-9.,]+) hours \\(median ([0-9.,]+)\\), ([0-9.,]+) hours "
                + "in all over ([0-9,]+) runs \\(wall clock").matcher(time);
        assertThat(m.find()).as(time).isTrue();
        assertThat(number(m.group(1))).isCloseTo(h[0], org.assertj.core.api.Assertions.withinPercentage(0.5));
        assertThat(number(m.group(2))).isCloseTo(h[h.length - 1], org.assertj.core.api.Assertions.withinPercentage(0.5));
        assertThat(number(m.group(3))).isCloseTo(median, org.assertj.core.api.Assertions.withinPercentage(0.5));
        assertThat(number(m.group(4))).isCloseTo(hours.stream().mapToDouble(Double::doubleValue).sum(), org.assertj.core.api.Assertions.withinPercentage(0.5));
        assertThat(m.group(5)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", jobs + 1));
    }

    private static double number(String printed) {
        return Double.parseDouble(printed.replace(",", ""));
    }

    private static List<CSVRecord> csv(Path f) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(Files.readString(f))).getRecords();
    }
}
