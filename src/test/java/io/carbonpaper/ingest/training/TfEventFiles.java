package io.carbonpaper.ingest.training;

/**
 * TensorBoard event files for tests outside this package (the broken-input corpus), built with
 * the same TFRecord framing and checksums as {@link TensorBoardEventReaderTest}'s.
 */
public final class TfEventFiles {
    private TfEventFiles() {}

    /** A version event and two scalar events an hour apart: a run of one hour, last step 100. */
    public static byte[] oneHourRun() {
        return TensorBoardEventReaderTest.file(TensorBoardEventReaderTest.Proto.versionEvent(1_700_000_000.0),
                TensorBoardEventReaderTest.Proto.scalarEvent(1_700_000_010.0, 1, "train/loss", 2.0f),
                TensorBoardEventReaderTest.Proto.scalarEvent(1_700_003_600.0, 100, "train/loss", 1.25f));
    }
}
