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
 * A Slurm accounting dump written with {@code sacct -P} and neither JobID nor Elapsed, only each
 * job's ConsumedEnergyRaw (issue 15, the real case s01 of docs/real-world.md): the measured energy
 * reaches every total, while hours, power and cloud price, which need the run time, stay blank
 * and say why.
 */
class EnergyWithoutHoursTest {
    @TempDir Path dir;

    @Test void measuredEnergyWithoutHoursReachesTheTotals() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        // Joules: 1 kWh and 2 kWh; the third job has no energy and no hours, so it stays out and is said to.
        Files.writeString(logs.resolve("sacct.csv"), """
                ConsumedEnergyRaw|CPUTimeRAW|ReqCPUS|Submit|Partition|State
                3600000|28800|8|2024-06-24T12:33:26|gpu|COMPLETED
                7200000|57600|8|2024-06-24T13:00:00|gpu|TIMEOUT
                |120|1|2024-06-24T13:05:00|debug|CANCELLED by 1001
                """);
        Path site = dir.resolve("site");
        StringWriter out = new StringWriter(), err = new StringWriter();
        Main.run(new String[] {"report", logs.toString(), "--out", site.toString(), "--set", "pue=1.5"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(err.toString()).doesNotContain("Exception");

        List<CSVRecord> training = csv(site.resolve("tables/training-cost.csv"));
        List<CSVRecord> timed = training.stream().filter(r -> !r.get("kwh_pue").isEmpty()).toList();
        assertThat(timed).extracting(r -> Double.parseDouble(r.get("kwh_pue"))).containsExactly(1.5, 3.0);
        assertThat(timed).allSatisfy(r -> {
            assertThat(r.get("hours")).isEmpty();
            assertThat(r.get("power_w")).isEmpty();
            assertThat(r.get("cloud_usd_low")).isEmpty();
            assertThat(r.get("energy_source")).isEqualTo("tool");
        });

        CSVRecord all = csv(site.resolve("tables/rnd-cost.csv")).stream().filter(r -> r.get("scope").equals("All experiments")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(all.get("kwh_pue"))).isCloseTo(4.5, within(1e-9));
        assertThat(all.get("hours")).as("unknown, not zero").isEmpty();
        assertThat(all.get("accelerator_hours")).isEmpty();

        String page = Files.readString(site.resolve("index.html"));
        assertThat(page).contains("2 experiments have a measured energy but no recorded run time");
        assertThat(Files.readString(site.resolve("latex/statement.tex"))).contains("have no recorded run time").doesNotContain("ran for 0");
    }

    @Test void theStatementCountsTheHoursItHasAndSaysWhichRunsLackThem() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path jobs = Files.createDirectories(logs.resolve("cluster"));
        Files.writeString(jobs.resolve("sacct.csv"), "ConsumedEnergyRaw|Submit|State\n3600000|2024-06-24T12:33:26|COMPLETED\n");
        Path bert = Files.createDirectories(logs.resolve("bert"));
        Files.writeString(bert.resolve("experiment.yaml"), "hardware:\n  accelerator: V100\n  count: 2\nhours: 3\n");
        Path site = dir.resolve("site");
        Main.run(new String[] {"report", logs.toString(), "--out", site.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(Files.readString(site.resolve("latex/statement.tex")))
                .contains("(2 runs: 1 on V100x2, 1 on devices the logs do not name) ran for 3.0 hours (6 accelerator-")
                .contains("hours), not counting 1 run without a recorded run time.");
        CSVRecord all = csv(site.resolve("tables/rnd-cost.csv")).stream().filter(r -> r.get("scope").equals("All experiments")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(all.get("hours"))).isEqualTo(3.0);
        assertThat(Files.readString(site.resolve("index.html"))).contains("1 experiment has a measured energy but no recorded run time");
    }

    private static List<CSVRecord> csv(Path f) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(Files.readString(f))).getRecords();
    }
}
