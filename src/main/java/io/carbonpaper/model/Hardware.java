package io.carbonpaper.model;

import java.util.Objects;

/**
 * The accelerators a job ran on, as the input named them (not yet matched against a catalog).
 *
 * @param count  the number of devices the job used, not how many the host had
 * @param origin where the name was read ({@code file:line}), so an unknown accelerator can be reported there
 */
public record Hardware(String accelerator, int count, String origin) {
    public Hardware {
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(origin, "origin");
        if (count < 1) throw new IllegalArgumentException("accelerator count must be >= 1: " + count);
    }
}
