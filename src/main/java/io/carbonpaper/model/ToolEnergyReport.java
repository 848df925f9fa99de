package io.carbonpaper.model;

import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;

import java.time.Instant;
import java.util.Optional;

/**
 * Energy another tool already computed (CodeCarbon, carbontracker, Eco2AI, ...). carbonpaper
 * re-prices the energy with its own factors and keeps the tool's CO2e figure for comparison.
 *
 * @param pueApplied true when the tool's energy already includes a PUE (carbontracker), so it
 *                   is not applied twice
 * @param experimentKey the run this figure belongs to when the file describes many (Slurm
 *                      accounting: {@code sacct:<jobid>}); {@code null} for the file's folder
 */
public record ToolEnergyReport(
        String tool,
        Energy energy,
        Optional<Mass> toolCo2e,
        Optional<Hours> duration,
        Optional<Instant> start,
        boolean pueApplied,
        Optional<String> accelerator,
        Optional<Integer> acceleratorCount,
        Optional<String> runId,
        String experimentKey) implements Finding {

    /** A figure that belongs to the experiment of its file's folder. */
    public ToolEnergyReport(String tool, Energy energy, Optional<Mass> toolCo2e, Optional<Hours> duration, Optional<Instant> start,
                            boolean pueApplied, Optional<String> accelerator, Optional<Integer> acceleratorCount, Optional<String> runId) {
        this(tool, energy, toolCo2e, duration, start, pueApplied, accelerator, acceleratorCount, runId, null);
    }
}
