package io.carbonpaper.reliability;

import io.carbonpaper.ingest.trace.DcgmiDmonReader;
import io.carbonpaper.ingest.tracker.HydraReader;
import io.carbonpaper.ingest.training.KerasCsvLogReader;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.settings.ManifestReader;
import io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiBareCsvReader;
import io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiCsvReader;
import io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiTableReader;
import io.carbonpaper.ingest.trace.NvidiaSmiDmonReader;
import io.carbonpaper.ingest.trace.PrometheusQueryRangeReader;
import io.carbonpaper.ingest.trace.PrometheusTextReader;
import io.carbonpaper.ingest.trace.CarbonpaperTraceReader;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.ingest.cluster.SacctReader;
import io.carbonpaper.ingest.source.Fixture;
import io.carbonpaper.ingest.tool.CarbonTrackerLogReader;
import io.carbonpaper.ingest.tool.CodeCarbonCsvReader;
import io.carbonpaper.ingest.tool.Eco2AiCsvReader;
import io.carbonpaper.ingest.tool.ExperimentImpactTrackerReader;
import io.carbonpaper.ingest.training.FairseqLogReader;
import io.carbonpaper.ingest.training.HuggingFaceResultsReader;
import io.carbonpaper.ingest.training.HuggingFaceTrainerReader;
import io.carbonpaper.ingest.training.LightningCsvLoggerReader;
import io.carbonpaper.ingest.training.LightningHparamsReader;
import io.carbonpaper.ingest.training.TensorBoardEventReader;
import io.carbonpaper.ingest.training.TfEventFiles;
import io.carbonpaper.ingest.tracker.mlflow.MlflowRunReader;
import io.carbonpaper.ingest.tracker.wandb.WandbConfigReader;
import io.carbonpaper.ingest.tracker.wandb.WandbLogWriter;
import io.carbonpaper.ingest.tracker.wandb.WandbMetadataReader;
import io.carbonpaper.ingest.tracker.wandb.WandbRunLogReader;
import io.carbonpaper.ingest.tracker.wandb.WandbSummaryReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The shared corpus of broken inputs: a small valid file for every reader in
 * {@link ReaderRegistry#builtIn()} (written here from each format's description, like the readers'
 * own fixtures) and the ways real files break, applied to it. Used by the parameterised corpus
 * test, the end-to-end report over broken experiments and as the fuzzers' seeds.
 */
public final class BrokenInputs {
    private BrokenInputs() {}

    /**
     * A valid file of one format.
     *
     * @param fileName     the path it is written under (some formats are recognised by name)
     * @param lines        its text, one element per line (empty for binary formats)
     * @param binary       the bytes of a binary format, else null
     * @param headerLines  how many of {@code lines} are header
     * @param powerToken   a power value as it appears in one data line, unique in the file, or null
     * @param timeSeries   whether one line is one timed sample (reordering and duplicating lines keeps it parseable)
     * @param separator    the field separator of a line-per-sample format
     */
    public record Sample(String format, LogReader reader, String fileName, List<String> lines, byte[] binary, int headerLines,
                         String powerToken, boolean timeSeries, String separator) {
        public byte[] valid() { return binary != null ? binary.clone() : join(lines, "\n"); }

        @Override public String toString() { return format; }
    }

    /** One way a file breaks. {@link #apply} is empty where the breakage makes no sense for the format. */
    public enum Corruption {
        EMPTY("empty file", true, s -> Optional.of(new byte[0])),
        HEADER_ONLY("header only", false, s -> s.binary() != null ? Optional.of(Arrays.copyOf(s.binary(), 7))
                : Optional.of(join(s.lines().subList(0, Math.max(1, s.headerLines())), "\n"))),
        TRUNCATED_MID_LINE("truncated in the middle of a line", false, s -> {
            byte[] v = s.valid();
            int cut = v.length * 2 / 3;
            while (cut > 1 && (v[cut - 1] == '\n' || v[cut] == '\n')) cut--;
            return Optional.of(Arrays.copyOf(v, cut));
        }),
        TRUNCATED_MID_GZIP("gzip member cut short", true, s -> {
            byte[] gz = gzip(s.valid());
            return Optional.of(Arrays.copyOf(gz, Math.max(12, gz.length * 2 / 3)));
        }),
        BINARY_GARBAGE("binary garbage", true, s -> {
            byte[] junk = new byte[4096];
            new Random(7).nextBytes(junk);
            return Optional.of(junk);
        }),
        UTF16_BOM("UTF-16LE with a byte-order mark (PowerShell's '>')", true, s -> s.binary() != null ? Optional.empty()
                : Optional.of(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text(s).getBytes(StandardCharsets.UTF_16LE)))),
        LATIN1("Latin-1 bytes in a UTF-8 file", false, s -> s.binary() != null ? Optional.empty()
                : Optional.of(text(s).replaceFirst("\n", "\n\u00e9\u00b5\u00b0") .getBytes(StandardCharsets.ISO_8859_1))),
        UTF8_BOM("UTF-8 byte-order mark", false, s -> s.binary() != null ? Optional.empty()
                : Optional.of(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, s.valid()))),
        CRLF("CRLF line ends", false, s -> s.binary() != null ? Optional.empty() : Optional.of(join(s.lines(), "\r\n"))),
        HUGE_LINE("a 10 MB single line", true, s -> {
            byte[] huge = new byte[10 << 20];
            Arrays.fill(huge, (byte) '7');
            huge[huge.length - 1] = '\n';
            if (s.binary() != null) return Optional.of(concat(s.binary(), huge));
            List<String> head = s.lines().subList(0, s.headerLines());
            List<String> tail = s.lines().subList(s.headerLines(), s.lines().size());
            return Optional.of(concat(concat(join(head, "\n"), huge), join(tail, "\n")));
        }),
        NAN_POWER("NaN power", true, s -> power(s, "NaN")),
        INFINITE_POWER("Infinity power", true, s -> power(s, "Infinity")),
        NEGATIVE_POWER("negative power", true, s -> power(s, "-250")),
        ABSURD_POWER("a 10 kW GPU", true, s -> s.format().equals("manifest") ? Optional.empty() // a job's total: 10 kW is 8 GPUs at 1.25 kW
                : power(s, "10000")),
        MIXED_UNITS("W and mW in one column", true, s -> s.powerToken() == null || !s.timeSeries() ? Optional.empty()
                : power(s, new java.math.BigDecimal(s.powerToken().trim()).movePointRight(3).toPlainString() + " mW")),
        TIME_BACKWARDS("timestamps going backwards", true, s -> {
            if (!s.timeSeries()) return Optional.empty();
            List<String> data = new ArrayList<>(s.lines().subList(s.headerLines(), s.lines().size()));
            java.util.Collections.reverse(data);
            List<String> all = new ArrayList<>(s.lines().subList(0, s.headerLines()));
            all.addAll(data);
            return Optional.of(join(all, "\n"));
        }),
        DUPLICATED_ROWS("every row twice", false, s -> {
            if (!s.timeSeries()) return Optional.empty();
            List<String> all = new ArrayList<>(s.lines().subList(0, s.headerLines()));
            for (String l : s.lines().subList(s.headerLines(), s.lines().size())) {
                all.add(l);
                all.add(l);
            }
            return Optional.of(join(all, "\n"));
        }),
        WRONG_COLUMN_COUNT("rows with too many and too few fields", true, s -> {
            if (!s.timeSeries()) return Optional.empty();
            List<String> all = new ArrayList<>(s.lines());
            int first = s.headerLines();
            all.set(first, all.get(first) + s.separator() + "7" + s.separator() + "7" + s.separator() + "7");
            String second = all.get(first + 1);
            int cut = second.indexOf(s.separator().trim().isEmpty() ? " " : s.separator(), 2);
            all.set(first + 1, cut > 0 ? second.substring(0, cut) : second);
            return Optional.of(join(all, "\n"));
        });

        private final String description;
        private final boolean complaint;
        private final Function<Sample, Optional<byte[]>> make;

        Corruption(String description, boolean complaint, Function<Sample, Optional<byte[]>> make) {
            this.description = description;
            this.complaint = complaint;
            this.make = make;
        }

        public String description() { return description; }

        /** Whether the reader must say something (a problem, a refusal, a counted sample) rather than read it silently. */
        public boolean needsComplaint() { return complaint; }

        public Optional<byte[]> apply(Sample s) { return make.apply(s); }
    }

    /** A valid sample for every reader of {@link ReaderRegistry#builtIn()}, in registry order. */
    public static List<Sample> samples() {
        Map<Class<?>, Sample> all = new LinkedHashMap<>();
        for (Sample s : List.of(manifest(), carbonpaperTrace(), queryRange(), promText(), dcgmiDmon(), smiDmon(), smiCsv(),
                wandbRunLog(), wandbMetadata(), wandbSummary(), wandbConfig(), mlflowRun(), hydra(), keras(), codecarbon(), eco2ai(),
                impactTracker(), carbontracker(), hfTrainer(), hfResults(), lightningCsv(), lightningHparams(), fairseq(), sacct(),
                tensorboard(), smiTable(), smiBareCsv(), powerCsv())) {
            all.put(s.reader().getClass(), s);
        }
        List<Sample> out = new ArrayList<>();
        for (LogReader r : ReaderRegistry.builtIn().readers()) {
            Sample s = all.get(r.getClass());
            if (s == null) throw new IllegalStateException("no broken-input sample for " + r.getClass().getSimpleName()
                    + ": add a valid file of its format to BrokenInputs.samples()");
            out.add(s);
        }
        return out;
    }

    /** The sample of one reader class. */
    public static Sample sampleFor(Class<? extends LogReader> reader) {
        return samples().stream().filter(x -> x.reader().getClass() == reader).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(reader.getSimpleName() + " is not in the registry"));
    }

    /** Every applicable (sample, corruption) pair. */
    public static Stream<Case> cases() {
        return samples().stream().flatMap(s -> Arrays.stream(Corruption.values())
                .flatMap(c -> c.apply(s).map(b -> new Case(s, c, b)).stream()));
    }

    public record Case(Sample sample, Corruption corruption, byte[] bytes) {
        @Override public String toString() { return sample.format() + " x " + corruption.description(); }
    }

    private static Sample lines(String format, LogReader r, String file, int header, String power, boolean series, String sep, String... lines) {
        return new Sample(format, r, file, List.of(lines), null, header, power, series, sep);
    }

    public static Sample manifest() {
        return lines("manifest", new ManifestReader(), "experiment.yaml", 0, "1515.43", false, null,
                "name: Transformer (big)", "group: final", "hardware:", "  accelerator: Tesla P100", "  count: 8",
                "hours: 84", "power_watts: 1515.43", "pue: 1.58", "metrics:", "  bleu: 28.4");
    }

    public static Sample carbonpaperTrace() {
        return lines("carbonpaper-trace", new CarbonpaperTraceReader(), "run1/trace.csv", 5, "300.000", true, ",",
                "# carbonpaper trace v1", "# host: node01", "# interval_ms: 1000",
                "# clock: monotonic, anchored to wall time once at 2026-11-26T14:00:00.000000Z",
                "time_utc,device,kind,model,power_w,energy_j,status",
                "2026-11-26T14:00:00.000000Z,0,gpu,NVIDIA A100-SXM4-80GB,100.000,,",
                "2026-11-26T14:00:00.000000Z,package-0,cpu,Intel Xeon Gold 6248,,0.000000,",
                "2026-11-26T14:00:01.000000Z,0,gpu,NVIDIA A100-SXM4-80GB,300.000,,",
                "2026-11-26T14:00:01.000000Z,package-0,cpu,Intel Xeon Gold 6248,40.000,40.000000,",
                "2026-11-26T14:00:02.000000Z,0,gpu,NVIDIA A100-SXM4-80GB,200.000,,",
                "2026-11-26T14:00:02.000000Z,package-0,cpu,Intel Xeon Gold 6248,60.000,100.000000,");
    }

    public static Sample queryRange() {
        return lines("prometheus-query-range", new PrometheusQueryRangeReader(), "query_range.json", 0, "\"300\"", false, null,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[",
                "{\"metric\":{\"__name__\":\"DCGM_FI_DEV_POWER_USAGE\",\"gpu\":\"0\",\"Hostname\":\"n1\",\"modelName\":\"NVIDIA H100 80GB HBM3\"},",
                "\"values\":[[1709287200,\"500\"],[1709287215.000,\"300\"],[1709287230,\"500\"]]}",
                "]}}");
    }

    public static Sample promText() {
        String m = "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"GPU-n10\",Hostname=\"n1\",modelName=\"NVIDIA A100-SXM4-80GB\"} ";
        return lines("prometheus-text", new PrometheusTextReader(), "dcgm-scrapes.prom", 2, "300.000000", true, " ",
                "# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).", "# TYPE DCGM_FI_DEV_POWER_USAGE gauge",
                m + "400.000000 1709287200000", m + "300.000000 1709287210000", m + "200.000000 1709287220000");
    }

    public static Sample dcgmiDmon() {
        return lines("dcgmi-dmon", new DcgmiDmonReader(), "dcgmi-dmon.txt", 2, "175.000", true, "   ",
                "#Entity   POWER     TOTEC", "ID        W         mJ",
                "GPU 0     250.000   1000000", "GPU 0     175.000   1250000", "GPU 0     250.000   1500000");
    }

    public static Sample smiDmon() {
        return lines("nvidia-smi-dmon", new NvidiaSmiDmonReader(), "dmon.log", 2, "145", true, "   ",
                "#Date       Time        gpu   pwr gtemp mtemp    sm   mem   enc   dec  mclk  pclk",
                "#YYYYMMDD   HH:MM:SS    Idx     W     C     C     %     %     %     %   MHz   MHz",
                " 20240301   10:00:00      0    43    35     -     0     0     0     0  2505  1075",
                " 20240301   10:00:01      0   145    35     -     0     0     0     0  2505  1075",
                " 20240301   10:00:02      0    50    36     -     0     0     0     0  2505  1075");
    }

    public static Sample smiCsv() {
        String v100 = "Tesla V100-SXM2-16GB";
        return lines("nvidia-smi-csv", new NvidiaSmiCsvReader(), "gpu-power.csv", 1, "300.00", true, ", ",
                "timestamp, index, name, power.draw [W], utilization.gpu [%]",
                "2019/05/28 23:59:58.000, 0, " + v100 + ", 100.00 W, 90 %",
                "2019/05/28 23:59:59.000, 0, " + v100 + ", 300.00 W, 92 %",
                "2019/05/29 00:00:00.000, 0, " + v100 + ", 200.00 W, 93 %");
    }

    public static Sample wandbRunLog() {
        long t0 = Instant.parse("2026-01-22T08:54:04Z").getEpochSecond() * 1_000_000L;
        WandbLogWriter w = new WandbLogWriter()
                .record(WandbLogWriter.run(1, t0, "sweep-1", "vit", "node-1"))
                .record(WandbLogWriter.environment(2, "NVIDIA A100-SXM4-80GB", 1));
        for (int i = 0; i < 4; i++) {
            w.record(WandbLogWriter.stats(3 + i, t0 + i * 15_000_000L, Map.of("gpu.0.powerWatts", Integer.toString(200 + 10 * i))));
        }
        w.record(WandbLogWriter.exit(8, 0, 45));
        return new Sample("wandb-run-log", new WandbRunLogReader(), "wandb/run-20260122_095404-abcd1234/run-abcd1234.wandb",
                List.of(), w.bytes(), 0, null, false, null);
    }

    public static Sample wandbMetadata() {
        return lines("wandb-metadata", new WandbMetadataReader(), "wandb/run-20201002_075833-3fnl4517/files/wandb-metadata.json", 0, null, false, null,
                "{", "    \"os\": \"Linux-5.4.0-48-generic-x86_64-with-glibc2.10\",", "    \"python\": \"3.8.3\",",
                "    \"startedAt\": \"2020-10-02T06:58:33.525260\",", "    \"gpu\": \"TITAN RTX\",", "    \"gpu_count\": 4,",
                "    \"host\": \"lab-3\"", "}");
    }

    public static Sample wandbSummary() {
        return lines("wandb-summary", new WandbSummaryReader(), "wandb/run-20241028_143626-k2x9a1b0/files/wandb-summary.json", 0, null, false, null,
                "{\"_runtime\": 6815.2657357,", " \"_step\": 9,", " \"_timestamp\": 1.7301078014288204e+09,",
                " \"_wandb\": {\"runtime\": 7063},", " \"train/loss\": 0.4426,", " \"val_accuracy\": 0.8669", "}");
    }

    public static Sample wandbConfig() {
        return lines("wandb-config", new WandbConfigReader(), "wandb/run-20201002_075833-3fnl4517/files/config.yaml", 0, null, false, null,
                "wandb_version: 1", "", "_wandb:", "  desc: null", "  value:", "    cli_version: 0.10.4",
                "batch_size:", "  desc: null", "  value: 32", "optimizer:", "  desc: null", "  value:", "    lr: 0.001");
    }

    public static Sample mlflowRun() {
        return lines("mlflow-run", new MlflowRunReader(), "mlruns/1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/meta.yaml", 0, null, false, null,
                "artifact_uri: file:///mnt/mlruns/1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/artifacts", "end_time: 1758275600000",
                "entry_point_name: ''", "experiment_id: '1'", "lifecycle_stage: active", "run_id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                "run_name: sweep-1", "source_name: ''", "source_type: 4", "source_version: ''", "start_time: 1758275500000",
                "status: 3", "tags: []", "user_id: someone");
    }

    public static Sample hydra() {
        return lines("hydra", new HydraReader(), "outputs/2024-03-01/10-00-00/.hydra/config.yaml", 0, null, false, null,
                "model:", "  name: vit", "  depth: 12", "optimizer:", "  lr: 0.001", "seed: 1");
    }

    public static Sample keras() {
        return lines("keras-csv", new KerasCsvLogReader(), "run/training_log.csv", 1, null, false, ",",
                "epoch,accuracy,learning_rate,loss,val_accuracy,val_loss", "0,0.36,9.9999997e-05,1.18,0.60,1.04",
                "1,0.40,9.9999997e-05,1.08,0.60,1.00");
    }

    // The formats below share their valid file with the reader's own tests (the fixture folder
    // says which quirk each exercises). Their power column is not marked, so the power
    // corruptions skip them.

    private static Sample fixture(LogReader r, String file, int header, String resource) {
        return new Sample(r.format(), r, file, Fixture.lines(resource), null, header, null, false, null);
    }

    public static Sample codecarbon() { return fixture(new CodeCarbonCsvReader(), "emissions.csv", 1, "codecarbon/v2.2.2.csv"); }

    public static Sample eco2ai() { return fixture(new Eco2AiCsvReader(), "emission.csv", 1, "eco2ai/emission.csv"); }

    public static Sample impactTracker() {
        return fixture(new ExperimentImpactTrackerReader(), "run1/impacttracker/data.json", 0, "impacttracker/data.json");
    }

    public static Sample carbontracker() {
        return fixture(new CarbonTrackerLogReader(), "4242.0_2022-11-14T154243Z_carbontracker_output.log", 0,
                "carbontracker/actual-and-predicted_carbontracker_output.log");
    }

    public static Sample hfTrainer() { return fixture(new HuggingFaceTrainerReader(), "trainer_state.json", 0, "hf/trainer_state.json"); }

    public static Sample hfResults() { return fixture(new HuggingFaceResultsReader(), "all_results.json", 0, "hf/all_results.json"); }

    public static Sample lightningCsv() {
        return fixture(new LightningCsvLoggerReader(), "lightning_logs/version_0/metrics.csv", 1, "lightning/metrics.csv");
    }

    public static Sample lightningHparams() { return fixture(new LightningHparamsReader(), "hparams.yaml", 0, "lightning/hparams.yaml"); }

    public static Sample fairseq() { return fixture(new FairseqLogReader(), "train.log", 0, "fairseq/old-train.log"); }

    public static Sample smiTable() { return fixture(new NvidiaSmiTableReader(), "nvidia-smi.log", 8, "nvidia-smi-table/loop-snapshots.txt"); }

    public static Sample powerCsv() {
        return fixture(new io.carbonpaper.ingest.trace.PowerCsvReader(), "gpu_metrics.csv", 1, "power-csv/long-iso.csv");
    }

    public static Sample smiBareCsv() { return fixture(new NvidiaSmiBareCsvReader(), "gpu.csv", 0, "nvidia-smi-csv/noheader-units.csv"); }

    public static Sample sacct() { return fixture(new SacctReader(), "sacct.txt", 1, "sacct/jobs.txt"); }

    public static Sample tensorboard() {
        TensorBoardEventReader r = new TensorBoardEventReader();
        return new Sample(r.format(), r, "events.out.tfevents.1700000000.host.1.0", List.of(),
                TfEventFiles.oneHourRun(), 0, null, false, null);
    }

    static String text(Sample s) { return String.join("\n", s.lines()) + "\n"; }

    static byte[] join(List<String> lines, String eol) { return (String.join(eol, lines) + eol).getBytes(StandardCharsets.UTF_8); }

    private static Optional<byte[]> power(Sample s, String value) {
        if (s.powerToken() == null) return Optional.empty();
        String t = text(s);
        int at = t.indexOf(s.powerToken());
        if (at < 0 || t.indexOf(s.powerToken(), at + 1) >= 0) throw new IllegalStateException(s.format() + ": power token not unique");
        String quoted = s.powerToken().startsWith("\"") ? "\"" + value + "\"" : value;
        return Optional.of((t.substring(0, at) + quoted + t.substring(at + s.powerToken().length())).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
