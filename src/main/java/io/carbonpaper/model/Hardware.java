package io.carbonpaper.model;

import java.util.Objects;

/**
 * The accelerators a job ran on, as the input named them (not yet matched against a catalog).
 *
 * @param count      the number of devices the job used, not how many the host had
 * @param originFile the file the name was read from, so an unknown accelerator can be reported there
 * @param originLine its 1-based line there, or 0 when the file has no line for it
 */
public record Hardware(String accelerator, int count, String originFile, long originLine) {
    public Hardware {
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(originFile, "originFile");
        if (count < 1) throw new IllegalArgumentException("accelerator count must be >= 1: " + count);
        if (originLine < 0) throw new IllegalArgumentException("originLine < 0");
    }

    /** {@code file:line}, or the file alone when there is no line. */
    public String origin() { return originLine > 0 ? originFile + ":" + originLine : originFile; }
}
