package io.carbonpaper.ingest;

import io.carbonpaper.ingest.tool.CarbonTrackerLogReader;
import io.carbonpaper.ingest.trace.CarbonpaperTraceReader;
import io.carbonpaper.ingest.tool.CodeCarbonCsvReader;
import io.carbonpaper.ingest.trace.DcgmiDmonReader;
import io.carbonpaper.ingest.tool.Eco2AiCsvReader;
import io.carbonpaper.ingest.tool.ExperimentImpactTrackerReader;
import io.carbonpaper.ingest.training.FairseqLogReader;
import io.carbonpaper.ingest.training.HuggingFaceResultsReader;
import io.carbonpaper.ingest.training.HuggingFaceTrainerReader;
import io.carbonpaper.ingest.tracker.HydraReader;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.training.KerasCsvLogReader;
import io.carbonpaper.ingest.training.LightningCsvLoggerReader;
import io.carbonpaper.ingest.training.LightningHparamsReader;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.settings.ManifestReader;
import io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiCsvReader;
import io.carbonpaper.ingest.trace.NvidiaSmiDmonReader;
import io.carbonpaper.ingest.trace.PrometheusQueryRangeReader;
import io.carbonpaper.ingest.trace.PrometheusTextReader;
import io.carbonpaper.ingest.cluster.SacctReader;
import io.carbonpaper.ingest.training.TensorBoardEventReader;

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
                new io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiTableReader(),
                new io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiBareCsvReader(),
                new CodeCarbonCsvReader(),
                new Eco2AiCsvReader(),
                new ExperimentImpactTrackerReader(),
                new CarbonTrackerLogReader(),
                new HuggingFaceTrainerReader(),
                new HuggingFaceResultsReader(),
                new SacctReader(),
                new TensorBoardEventReader(),
                new io.carbonpaper.ingest.tracker.wandb.WandbRunLogReader(),
                new io.carbonpaper.ingest.tracker.wandb.WandbMetadataReader(),
                new io.carbonpaper.ingest.tracker.wandb.WandbSummaryReader(),
                new io.carbonpaper.ingest.tracker.wandb.WandbConfigReader(),
                new io.carbonpaper.ingest.tracker.mlflow.MlflowRunReader(),
                new HydraReader(),
                new LightningHparamsReader(),
                new LightningCsvLoggerReader(),
                new KerasCsvLogReader(),
                new FairseqLogReader(),
                // Last: home-made power CSVs are told by column names that other CSVs could share.
                new io.carbonpaper.ingest.trace.PowerCsvReader()));
    }

    public List<LogReader> readers() { return readers; }

    public Optional<LogReader> detect(InputSource source) {
        for (LogReader r : readers) {
            if (r.sniff(source)) return Optional.of(r);
        }
        return Optional.empty();
    }
}
