package io.carbonpaper.ingest;

/** Test access to {@link NvidiaSmiCsvReader}'s two paths from other packages (the differential fuzz target). */
public final class ChunkedReaders {
    private ChunkedReaders() {}

    /** Reads every file line by line. */
    public static LogReader sequentialNvidiaSmiCsv() { return new NvidiaSmiCsvReader(Long.MAX_VALUE, 1, 1); }

    /** Reads every file, however small, in chunks of {@code chunkBytes} on {@code threads} workers. */
    public static LogReader chunkedNvidiaSmiCsv(int chunkBytes, int threads) { return new NvidiaSmiCsvReader(0, chunkBytes, threads); }
}
