package io.carbonpaper.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.carbonpaper.ingest.trace.nvidiasmi.ChunkedReaders;
import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Jazzer fuzz target per reader of the registry: the fuzzer's bytes are written as a file
 * under the name the format is found by, and read through a {@link FindingSink}. A reader may
 * refuse a file ({@link IOException}, which the Ingestor reports at file:line); anything else
 * escaping it, or a hang (Jazzer's per-input timeout), is a bug.
 *
 * <p>Without {@code JAZZER_FUZZ} (the normal {@code mvn verify}), each target runs on the
 * empty input and the committed inputs in
 * {@code src/test/resources/io/carbonpaper/reliability/ReaderFuzzTestInputs/<method>/}: the
 * valid sample of {@link BrokenInputs} as a seed, and every input that once found a bug.
 * Fuzzing one target: {@code JAZZER_FUZZ=1 mvn test -Dtest=ReaderFuzzTest#fuzzNvidiaSmiCsv}
 * (docs/reliability.md; .ci/fuzz runs each briefly).
 */
class ReaderFuzzTest {
    /** Fuzzing time per target when JAZZER_FUZZ is set (CI: .ci/fuzz); longer runs go through Jazzer's own driver, see docs/reliability.md. */
    static final String CI_BUDGET = "10s";

    private static final Path DIR = temporaryFolder();

    private static Path temporaryFolder() {
        try {
            Path d = Files.createTempDirectory("carbonpaper-fuzz-");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads {@code input} as a file of the sample's format; only IOException may leave the reader. */
    static void read(BrokenInputs.Sample sample, byte[] input) throws IOException {
        Path f = DIR.resolve(sample.fileName());
        Files.createDirectories(f.getParent());
        Files.write(f, input);
        FindingSink sink = new FindingSink() {
            @Override public void accept(Finding finding) { java.util.Objects.requireNonNull(finding, "finding"); }
            @Override public void problem(Problem problem) {
                if (!problem.file().equals(sample.fileName())) throw new AssertionError("problem names another file: " + problem);
            }
        };
        try {
            sample.reader().read(new InputSource(f, sample.fileName()), sink);
        } catch (IOException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) throw new AssertionError("refusal without a message", e);
        }
    }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzManifest(byte[] input) throws IOException { read(BrokenInputs.manifest(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzCarbonpaperTrace(byte[] input) throws IOException { read(BrokenInputs.carbonpaperTrace(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzPrometheusQueryRange(byte[] input) throws IOException { read(BrokenInputs.queryRange(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzPrometheusText(byte[] input) throws IOException { read(BrokenInputs.promText(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzDcgmiDmon(byte[] input) throws IOException { read(BrokenInputs.dcgmiDmon(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzNvidiaSmiDmon(byte[] input) throws IOException { read(BrokenInputs.smiDmon(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzNvidiaSmiCsv(byte[] input) throws IOException { read(BrokenInputs.smiCsv(), input); }

    /**
     * Differential: the chunked path of the nvidia-smi reader (tiny chunks, two threads: a worker and
     * the reading one) must give exactly what its sequential path gives, on any bytes; the sequential
     * path must also keep the contract of {@link #read}.
     */
    @FuzzTest(maxDuration = CI_BUDGET) void fuzzNvidiaSmiCsvChunked(byte[] input) throws IOException {
        BrokenInputs.Sample sample = BrokenInputs.smiCsv();
        read(sample, input);
        Path f = DIR.resolve(sample.fileName());
        ChunkedReaders.Reading sequential = ChunkedReaders.read(ChunkedReaders.sequentialNvidiaSmiCsv(), f, sample.fileName());
        ChunkedReaders.Reading chunked = ChunkedReaders.read(ChunkedReaders.chunkedNvidiaSmiCsv(1 + (input.length & 63), 2), f, sample.fileName());
        if (!chunked.equals(sequential)) throw new AssertionError("chunked reading differs:\n" + chunked + "\nsequential:\n" + sequential);
    }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzNvidiaSmiBareCsv(byte[] input) throws IOException { read(BrokenInputs.smiBareCsv(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzNvidiaSmiTable(byte[] input) throws IOException { read(BrokenInputs.smiTable(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzPowerCsv(byte[] input) throws IOException { read(BrokenInputs.powerCsv(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzWandbRunLog(byte[] input) throws IOException { read(BrokenInputs.wandbRunLog(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzWandbMetadata(byte[] input) throws IOException { read(BrokenInputs.wandbMetadata(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzWandbSummary(byte[] input) throws IOException { read(BrokenInputs.wandbSummary(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzWandbConfig(byte[] input) throws IOException { read(BrokenInputs.wandbConfig(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzMlflowRun(byte[] input) throws IOException { read(BrokenInputs.mlflowRun(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzHydra(byte[] input) throws IOException { read(BrokenInputs.hydra(), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzKerasCsvLog(byte[] input) throws IOException { read(BrokenInputs.keras(), input); }
    @FuzzTest(maxDuration = CI_BUDGET) void fuzzCodeCarbonCsv(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.tool.CodeCarbonCsvReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzEco2AiCsv(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.tool.Eco2AiCsvReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzExperimentImpactTracker(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.tool.ExperimentImpactTrackerReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzCarbonTrackerLog(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.tool.CarbonTrackerLogReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzHuggingFaceTrainer(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.training.HuggingFaceTrainerReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzHuggingFaceResults(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.training.HuggingFaceResultsReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzSacct(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.cluster.SacctReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzTensorBoardEvent(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.training.TensorBoardEventReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzLightningHparams(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.training.LightningHparamsReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzLightningCsvLogger(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.training.LightningCsvLoggerReader.class), input); }

    @FuzzTest(maxDuration = CI_BUDGET) void fuzzFairseqLog(byte[] input) throws IOException { read(BrokenInputs.sampleFor(io.carbonpaper.ingest.training.FairseqLogReader.class), input); }

    /**
     * The hourly grid series reader (issue 21) is no registry reader (the report reads the one series file itself):
     * it must never throw, every problem names the file, and a series it gives holds whole UTC hours with figures
     * in 0-2,000 g/kWh, its estimated hours among them.
     */
    @FuzzTest(maxDuration = CI_BUDGET) void fuzzGridSeries(byte[] input) {
        io.carbonpaper.ingest.grid.GridSeriesReader.Result r =
                io.carbonpaper.ingest.grid.GridSeriesReader.parse(new String(input, java.nio.charset.StandardCharsets.UTF_8), "grid-series.csv");
        for (Problem p : r.problems())
            if (!p.file().equals("grid-series.csv") || p.message().isBlank()) throw new AssertionError("problem: " + p);
        r.series().ifPresent(s -> {
            s.hourly().forEach((h, g) -> {
                if (h.getEpochSecond() % 3600 != 0 || !(g >= 0 && g <= 2000)) throw new AssertionError(h + " " + g);
            });
            if (!s.hourly().keySet().containsAll(s.estimated().keySet())) throw new AssertionError("estimated hour without a figure");
            if (s.hourly().isEmpty()) throw new AssertionError("a series without hours");
        });
    }
}
