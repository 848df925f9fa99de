package io.carbonpaper.ingest.trace.nvidiasmi;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test access to {@link NvidiaSmiCsvReader}'s two paths from other packages, and a reading of a
 * file that two paths can be compared by (NvidiaSmiCsvReaderChunkedTest, the differential fuzz target).
 */
public final class ChunkedReaders {
    private ChunkedReaders() {}

    /** Reads every file line by line. */
    public static LogReader sequentialNvidiaSmiCsv() { return new NvidiaSmiCsvReader(Long.MAX_VALUE, 1, 1); }

    /** Reads every file, however small, in chunks of {@code chunkBytes} on {@code threads} workers. */
    public static LogReader chunkedNvidiaSmiCsv(int chunkBytes, int threads) { return new NvidiaSmiCsvReader(0, chunkBytes, threads); }

    /**
     * What one reading gave, comparable with equals: the findings, the problems, the refusal
     * ({@code "line: message"} of an {@link InputException}, or null) and the file's SHA-256.
     */
    public record Reading(List<Finding> findings, List<Problem> problems, String refusal, String sha256) {}

    /** Reads {@code file}, named {@code name}, with {@code reader}. */
    public static Reading read(LogReader reader, Path file, String name) throws IOException {
        InputSource source = new InputSource(file, name);
        List<Finding> findings = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String refusal = null;
        try {
            reader.read(source, new FindingSink() {
                @Override public void accept(Finding f) { findings.add(f); }

                @Override public void problem(Problem p) { problems.add(p); }
            });
        } catch (InputException e) {
            refusal = e.line() + ": " + e.getMessage();
        }
        return new Reading(findings, problems, refusal, source.sha256());
    }
}
