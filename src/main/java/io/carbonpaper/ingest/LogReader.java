package io.carbonpaper.ingest;

import java.io.IOException;

/**
 * Reads one input format. Implementations are small final classes without state between files.
 *
 * <p>Contract: {@link #sniff} decides from content (the decompressed head of the file) and may
 * use the file name only as a tie-breaker; {@link #read} streams the file (memory must not grow
 * with its size), reports every malformed line as a {@link io.carbonpaper.model.Problem} naming
 * the file and line, and keeps going. It throws only when the file as a whole cannot be read.
 */
public interface LogReader {
    /** A stable id for the format, shown by {@code inspect} and on experiment pages. */
    String format();

    /** Whether this reader recognises the file. Must be cheap and must not throw. */
    boolean sniff(InputSource source);

    void read(InputSource source, FindingSink sink) throws IOException;
}
