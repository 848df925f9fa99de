package io.carbonpaper.settings;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Overrides;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;

import java.util.Map;
import java.util.Optional;

/**
 * What an {@code experiment.yaml} declared ({@code tdpWatts}: {@code hardware.tdp_watts}, one
 * accelerator's TDP where the hardware catalog has none). Every field is optional here: a manifest may only
 * complete what logs in the same folder already tell. The PUE, grid and price list are its
 * {@link Overrides}, the same record a project's settings and an assembled experiment carry.
 */
public record Manifest(
        Optional<String> name,
        Optional<String> group,
        Optional<String> label,
        Optional<Boolean> isFinal,
        Optional<String> accelerator,
        Optional<Integer> count,
        Optional<Hours> hours,
        Optional<Power> powerWatts,
        Optional<Power> tdpWatts,
        Overrides overrides,
        Map<String, Double> metrics,
        Map<String, String> hyperparameters,
        Map<String, Long> lines) implements Finding {

    public Manifest {
        java.util.Objects.requireNonNull(overrides, "overrides");
    }

    /** The declared PUE ({@link Overrides#pue}). */
    public Optional<Pue> pue() { return overrides.pue(); }

    /** The declared grid intensity ({@link Overrides#carbonIntensity}). */
    public Optional<CarbonIntensity> carbonIntensity() { return overrides.carbonIntensity(); }

    /** The declared region ({@link Overrides#region}). */
    public Optional<String> region() { return overrides.region(); }

    /** The declared price list ({@link Overrides#cloudPrices}). */
    public Optional<String> cloudPrices() { return overrides.cloudPrices(); }

    /** The line of a key ({@code hardware.accelerator}), 0 when the manifest did not have it. */
    public long lineOf(String key) { return lines.getOrDefault(key, 0L); }

    /**
     * This manifest, completed field by field by {@code other} where it is silent (the experiment's
     * own experiment.yaml before carbonpaper.yaml's rule for its folder). Lines are this one's for
     * the keys it has; a key taken from {@code other} keeps no line here (its file differs).
     */
    public Manifest or(Manifest other) {
        Map<String, Double> m = new java.util.LinkedHashMap<>(other.metrics);
        m.putAll(metrics);
        Map<String, String> h = new java.util.LinkedHashMap<>(other.hyperparameters);
        h.putAll(hyperparameters);
        return new Manifest(name.or(other::name), group.or(other::group), label.or(other::label), isFinal.or(other::isFinal),
                accelerator.or(other::accelerator), count.or(other::count), hours.or(other::hours), powerWatts.or(other::powerWatts), tdpWatts.or(other::tdpWatts),
                overrides.or(other.overrides), m, h, lines);
    }

    public static Manifest empty() {
        return new Manifest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Overrides.NONE, Map.of(), Map.of(), Map.of());
    }
}
