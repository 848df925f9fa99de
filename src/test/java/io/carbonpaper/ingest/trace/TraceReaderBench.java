package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.trace.nvidiasmi.NvidiaSmiCsvReader;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.TraceSummary;

import java.nio.file.Path;

/**
 * Not a test: times one reader over one file, for docs/trace-readers.md. Run as
 * {@code java -cp ... io.carbonpaper.ingest.trace.TraceReaderBench FILE [REPEATS]}; prints wall time and
 * the energy, to check against the generator's figure (bench/gen-nvsmi-trace).
 */
public final class TraceReaderBench {
    private TraceReaderBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (int r = 0; r < repeats; r++) {
            InputSource src = new InputSource(file, file.getFileName().toString());
            long t0 = System.nanoTime();
            TraceSummary[] out = new TraceSummary[1];
            int[] problems = new int[1];
            new NvidiaSmiCsvReader().read(src, new FindingSink() {
                @Override public void accept(Finding f) { out[0] = (TraceSummary) f; }
                @Override public void problem(Problem p) { problems[0]++; System.err.println(p); }
            });
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %.3f s, total_kWh=%.12f, samples=%d, missing=%s, gaps=%d, problems=%d%n", r, s,
                    out[0].total().kilowattHours(), out[0].samplesUsed(), out[0].missingByReason(), out[0].gaps().size(), problems[0]);
        }
    }
}
