package io.carbonpaper.ingest;

import java.util.List;
import java.util.Optional;

/**
 * Every format carbonpaper reads, in the order they are tried. A file goes to the first reader
 * whose {@link LogReader#sniff} accepts it; more specific formats come before general ones.
 */
public final class ReaderRegistry {
    private final List<LogReader> readers;

    public ReaderRegistry(List<LogReader> readers) { this.readers = List.copyOf(readers); }

    /** The readers shipped with carbonpaper. */
    public static ReaderRegistry builtIn() {
        return new ReaderRegistry(List.of(
                new ManifestReader(),
                new CarbonpaperTraceReader(),
                new PrometheusQueryRangeReader(),
                new PrometheusTextReader(),
                new DcgmiDmonReader(),
                new NvidiaSmiDmonReader(),
                new NvidiaSmiCsvReader(),
                new CodeCarbonCsvReader(),
                new Eco2AiCsvReader(),
                new ExperimentImpactTrackerReader(),
                new CarbonTrackerLogReader(),
                new HuggingFaceTrainerReader(),
                new HuggingFaceResultsReader(),
                new SacctReader(),
                new TensorBoardEventReader(),
                new io.carbonpaper.ingest.wandb.WandbRunLogReader(),
                new io.carbonpaper.ingest.wandb.WandbMetadataReader(),
                new io.carbonpaper.ingest.wandb.WandbSummaryReader(),
                new io.carbonpaper.ingest.wandb.WandbConfigReader(),
                new io.carbonpaper.ingest.mlflow.MlflowRunReader(),
                new HydraReader(),
                new LightningHparamsReader(),
                new LightningCsvLoggerReader(),
                new KerasCsvLogReader(),
                new FairseqLogReader()));
    }

    public List<LogReader> readers() { return readers; }

    public Optional<LogReader> detect(InputSource source) {
        for (LogReader r : readers) {
            if (r.sniff(source)) return Optional.of(r);
        }
        return Optional.empty();
    }
}
