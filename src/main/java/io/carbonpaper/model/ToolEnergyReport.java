package io.carbonpaper.model;

import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Energy another tool already computed (CodeCarbon, carbontracker, Eco2AI, ...). carbonpaper
 * re-prices the energy with its own factors and keeps the tool's CO2e figure for comparison.
 *
 * @param pueApplied true when the tool's energy already includes a PUE (carbontracker), so it
 *                   is not applied twice
 * @param accelerator the first (or only) kind of device the tool names
 * @param acceleratorCount the devices of every kind together
 * @param experimentKey the run this figure belongs to when the file describes many (Slurm
 *                      accounting: {@code sacct:<jobid>}); {@code null} for the file's folder
 * @param devices  each kind of device the tool names, with its count, in the tool's order (more
 *                 than one for a mix such as {@code 1 x RTX 4060} and {@code 1 x RTX 3080 Ti});
 *                 empty when the tool names none or gives no count
 * @param place    where the tool logged that the run took place (CodeCarbon's country and cloud
 *                 columns), when it says
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
        String experimentKey,
        List<Hardware.Part> devices,
        Optional<LoggedPlace> place) implements Finding {

    public ToolEnergyReport {
        devices = List.copyOf(devices);
        java.util.Objects.requireNonNull(place, "place");
        if (!devices.isEmpty()) {
            accelerator = Optional.of(devices.get(0).name());
            acceleratorCount = Optional.of(devices.stream().mapToInt(Hardware.Part::count).sum());
        }
    }

    /** A figure whose tool logs no place. */
    public ToolEnergyReport(String tool, Energy energy, Optional<Mass> toolCo2e, Optional<Hours> duration, Optional<Instant> start,
                            boolean pueApplied, Optional<String> accelerator, Optional<Integer> acceleratorCount, Optional<String> runId,
                            String experimentKey, List<Hardware.Part> devices) {
        this(tool, energy, toolCo2e, duration, start, pueApplied, accelerator, acceleratorCount, runId, experimentKey, devices, Optional.empty());
    }

    /** A figure whose devices, if any, are of one kind. */
    public ToolEnergyReport(String tool, Energy energy, Optional<Mass> toolCo2e, Optional<Hours> duration, Optional<Instant> start,
                            boolean pueApplied, Optional<String> accelerator, Optional<Integer> acceleratorCount, Optional<String> runId,
                            String experimentKey) {
        this(tool, energy, toolCo2e, duration, start, pueApplied, accelerator, acceleratorCount, runId, experimentKey,
                accelerator.isPresent() && acceleratorCount.isPresent()
                        ? List.of(new Hardware.Part(accelerator.get(), acceleratorCount.get())) : List.of());
    }

    /** A figure that belongs to the experiment of its file's folder. */
    public ToolEnergyReport(String tool, Energy energy, Optional<Mass> toolCo2e, Optional<Hours> duration, Optional<Instant> start,
                            boolean pueApplied, Optional<String> accelerator, Optional<Integer> acceleratorCount, Optional<String> runId) {
        this(tool, energy, toolCo2e, duration, start, pueApplied, accelerator, acceleratorCount, runId, null);
    }

    /** The end of the interval the figure covers: start plus duration, when both are known. */
    public Optional<Instant> end() {
        return start.flatMap(s -> duration.map(d -> s.plusMillis(Math.round(d.seconds() * 1000))));
    }
}
