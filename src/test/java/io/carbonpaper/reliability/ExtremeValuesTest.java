package io.carbonpaper.reliability;

import io.carbonpaper.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One value must not stop a report: times in year 0001 or 9999, timestamps in the wrong unit,
 * instants at the ends of a long, durations of 1e300 seconds. Each file sits in an experiment of
 * its own beside a good one; {@code report} and {@code inspect} must name the file and line and
 * go on, the good experiment reported. Each of these was an internal error (long overflow,
 * DateTimeException, "Must be finite") with no site at all.
 */
class ExtremeValuesTest {
    private static final Duration HANG = Duration.ofMinutes(2);
    private static final String GOOD = "name: good run\nhardware:\n  accelerator: V100\n  count: 2\nhours: 10\n";
    private static final String V100 = "Tesla V100-SXM2-16GB";
    private static final String DCGM = "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"GPU-n10\",Hostname=\"n1\",modelName=\"NVIDIA A100-SXM4-80GB\"} ";
    private static final String CODECARBON_HEAD = "timestamp,project_name,run_id,duration,emissions,energy_consumed,gpu_count,gpu_model";

    /** A file that holds one extreme value, and where the problem must point. */
    record Extreme(String name, String file, String text, String expected) {
        @Override public String toString() { return name; }
    }

    static List<Extreme> extremes() {
        return List.of(
                new Extreme("nvidia-smi CSV in year 0001", "gpu-power.csv", "timestamp, index, name, power.draw [W]\n"
                        + "0001/01/01 00:00:00.000, 0, " + V100 + ", 100.00 W\n2019/05/28 23:59:59.000, 0, " + V100 + ", 300.00 W\n"
                        + "2019/05/29 00:00:00.000, 0, " + V100 + ", 300.00 W\n", "gpu-power.csv:2: "),
                new Extreme("nvidia-smi CSV in year 9999", "gpu-power.csv", "timestamp, index, name, power.draw [W]\n"
                        + "2019/05/28 23:59:59.000, 0, " + V100 + ", 300.00 W\n9999/12/31 23:59:59.000, 0, " + V100 + ", 100.00 W\n",
                        "gpu-power.csv:3: "),
                new Extreme("nvidia-smi ISO time in year 9999", "gpu-power.csv", "timestamp, index, name, power.draw [W]\n"
                        + "2019-05-28T23:59:59+00:00, 0, " + V100 + ", 300.00 W\n9999-12-31T23:59:59+00:00, 0, " + V100 + ", 100.00 W\n",
                        "gpu-power.csv:3: "),
                new Extreme("nvidia-smi dmon in years 0001 and 9999", "dmon.log", "#Date       Time        gpu   pwr\n"
                        + "#YYYYMMDD   HH:MM:SS    Idx     W\n 00010101   00:00:00      0    43\n 99991231   23:59:59      0   145\n",
                        "dmon.log:3: "),
                new Extreme("carbonpaper trace in years 0001 and 9999", "trace.csv", "# carbonpaper trace v1\n# interval_ms: 1000\n"
                        + "time_utc,device,kind,model,power_w,energy_j,status\n"
                        + "0001-01-01T00:00:00.000000Z,0,gpu,NVIDIA A100-SXM4-80GB,100.000,,\n"
                        + "9999-12-31T23:59:59.000000Z,0,gpu,NVIDIA A100-SXM4-80GB,300.000,,\n", "trace.csv:4: "),
                new Extreme("Prometheus text timestamp at 2^63-1 ms", "dcgm-scrapes.prom", "# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n"
                        + DCGM + "400 1709287200000\n" + DCGM + "300 9223372036854775807\n", "dcgm-scrapes.prom:3: "),
                new Extreme("Prometheus text timestamp in microseconds", "dcgm-scrapes.prom", "# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n"
                        + DCGM + "400 1709287200000000\n" + DCGM + "300 1709287210000000\n", "dcgm-scrapes.prom:2: "),
                new Extreme("Prometheus query_range at 1e300 s", "query_range.json", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
                        + "\"result\":[{\"metric\":{\"__name__\":\"DCGM_FI_DEV_POWER_USAGE\",\"gpu\":\"0\"},\n"
                        + "\"values\":[[1709287200,\"500\"],\n[1e300,\"300\"]]}]}}\n", "query_range.json:3: "),
                new Extreme("Prometheus query_range at -1e18 s", "query_range.json", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
                        + "\"result\":[{\"metric\":{\"__name__\":\"DCGM_FI_DEV_POWER_USAGE\",\"gpu\":\"0\"},\n"
                        + "\"values\":[[-1e18,\"500\"],\n[1709287200,\"300\"],[1709287215,\"300\"]]}]}}\n", "query_range.json:2: "),
                new Extreme("MLflow end_time at 2^63-1 ms", "mlruns/1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/meta.yaml",
                        "artifact_uri: file:///x\nend_time: 9223372036854775807\nexperiment_id: '1'\nlifecycle_stage: active\n"
                                + "run_id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9\nrun_name: sweep-1\nstart_time: 1758275500000\nstatus: 3\n",
                        "mlruns/1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/meta.yaml:2: "),
                new Extreme("CodeCarbon duration of 1e300 s", "emissions.csv", CODECARBON_HEAD + "\n"
                        + "2024-03-04T11:02:10,p,7d3c,1e300,0.1,0.28,1,1 x " + V100 + "\n", "emissions.csv:2: "),
                new Extreme("CodeCarbon timestamp in year 9999", "emissions.csv", CODECARBON_HEAD + "\n"
                        + "9999-12-31T11:02:10,p,7d3c,3600,0.1,0.28,1,1 x " + V100 + "\n", "emissions.csv:2: "),
                new Extreme("Hugging Face train_runtime of 1e308 s", "trainer_state.json",
                        "{\"log_history\": [\n{\"train_runtime\": 1e308, \"step\": 1}], \"global_step\": 1}\n", "trainer_state.json:2: "));
    }

    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = assertTimeoutPreemptively(HANG, () -> Main.run(args, new PrintWriter(out), new PrintWriter(err)));
        return new Run(code, out.toString(), err.toString());
    }

    private Path logs(Extreme x) throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("good/experiment.yaml"), GOOD);
        // the bad experiment has hardware, so its hours and energy reach the estimate and the charts
        write(logs.resolve("bad/experiment.yaml"), "name: bad run\nhardware:\n  accelerator: " + V100 + "\n  count: 1\n");
        write(logs.resolve("bad").resolve(x.file()), x.text());
        return logs;
    }

    private static void write(Path f, String s) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, s, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremes")
    void reportNamesTheValueAtItsLineAndGoesOn(Extreme x) throws IOException {
        Path logs = logs(x);
        Path site = dir.resolve("site");
        Run r = run("report", logs.toString(), "--out", site.toString());
        assertThat(r.err()).doesNotContain("internal error").doesNotContain("Exception").contains("bad/" + x.expected());
        assertThat(r.code()).isIn(0, 1);
        String index = Files.readString(site.resolve("index.html"));
        assertThat(index).contains("good run");
        for (Path csv : Files.list(site.resolve("tables")).toList())
            assertThat(Files.readString(csv)).as(csv.toString()).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("∞");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremes")
    void inspectNamesTheValueAtItsLineAndGoesOn(Extreme x) throws IOException {
        Run r = run("inspect", logs(x).toString());
        assertThat(r.err() + r.out()).doesNotContain("internal error").doesNotContain("Exception").contains("good run");
        assertThat(r.code()).isIn(0, 1);
    }

    /**
     * The top-level guard: whatever an experiment's values make a writer throw (here: an ESC in a
     * name that the PDF's XML parser refused, an internal error with no site before), that
     * experiment is reported as a problem and the report of the others is written.
     */
    @Test void anExperimentThatCannotBeWrittenIsLeftOutAndTheReportGoesOn() throws IOException {
        Path logs = dir.resolve("logs");
        write(logs.resolve("good/experiment.yaml"), GOOD);
        write(logs.resolve("bad/experiment.yaml"), "name: \"bad\\e[2J run\"\nhours: 3\nhardware:\n  accelerator: " + V100 + "\n  count: 1\n");
        Path site = dir.resolve("site");
        Run r = run("report", logs.toString(), "--out", site.toString(), "--pdf");
        assertThat(r.err()).doesNotContain("internal error");
        assertThat(site.resolve("report.pdf")).exists();
        assertThat(Files.readString(site.resolve("index.html"))).contains("good run");
    }
}
