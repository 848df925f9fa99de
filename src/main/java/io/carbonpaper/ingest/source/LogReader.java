package io.carbonpaper.ingest.source;


import java.io.IOException;
import java.util.List;

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

    /**
     * The folder (relative to the logs root, {@code ""} for the root) whose experiment the file's
     * findings join when they name no {@link io.carbonpaper.model.Finding#experimentKey() key}.
     * By default the file's own folder; formats that spread one run over a folder tree (W&B's
     * {@code files/} subfolder, Hydra's {@code .hydra/}) name the run's folder instead.
     */
    default String experimentFolder(InputSource source) { return InputSource.folderOf(source.name()); }

    /**
     * Folders (relative to the logs root) that reading this file accounted for as a whole: the
     * reader read what it needs in them itself (an MLflow run's {@code metrics/}, {@code params/})
     * or knows the rest is not evidence (a W&B run's console capture). Files in them that no
     * reader recognises are then listed as part of this file's run, not as unrecognised. Called
     * after a successful {@link #read}; must not throw. By default none.
     */
    default List<String> claimedFolders(InputSource source) { return List.of(); }

    /**
     * Whether the findings this reader names a {@linkplain io.carbonpaper.model.Finding#experimentKey key}
     * come run by run: all of one key's findings one after the other, and a key never again once
     * another has started. A history of many runs (an sacct dump) read by such a reader can be
     * folded into the report's totals run by run as it is read, instead of being kept whole
     * (issue 20). By default not.
     */
    default boolean runsComeTogether() { return false; }
}
