package io.carbonpaper.task;

import io.carbonpaper.unit.Pue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code carbonpaper estimate} was asked: a run that has not happened yet.
 *
 * @param accelerator the accelerator model, as the hardware catalog or nvidia-smi names it
 * @param count       accelerators (at least 1)
 * @param hours       wall-clock hours (more than 0)
 * @param region      a grid key overriding the project's
 * @param pue         a PUE overriding the project's
 * @param csv         CSV instead of a terminal table
 * @param logs        a logs folder whose carbonpaper.yaml supplies the project's settings
 * @param overrides   {@code --set key=value} settings
 * @param tables      the tables to print, by id; empty means every one
 */
public record EstimateJob(String accelerator, int count, double hours, Optional<String> region, Optional<Pue> pue,
                          boolean csv, Optional<Path> logs, Map<String, String> overrides, List<String> tables) {
    public EstimateJob {
        Objects.requireNonNull(accelerator, "accelerator");
        if (count < 1) throw new IllegalArgumentException("--count must be at least 1, found " + count);
        if (count > io.carbonpaper.model.Plausible.MAX_DEVICES)
            throw new IllegalArgumentException("--count must be at most " + io.carbonpaper.model.Plausible.MAX_DEVICES + ", found " + count);
        if (!(hours > 0) || !(hours <= io.carbonpaper.model.Plausible.MAX_HOURS))
            throw new IllegalArgumentException("--hours must be more than 0 and at most 100,000,000, found " + hours);
        overrides = Map.copyOf(overrides);
        tables = List.copyOf(tables);
    }
}
