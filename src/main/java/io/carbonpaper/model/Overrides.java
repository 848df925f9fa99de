package io.carbonpaper.model;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Pue;

import java.util.Objects;
import java.util.Optional;

/**
 * What a manifest ({@code experiment.yaml}), the project's settings ({@code carbonpaper.yaml},
 * {@code --set}) and an assembled experiment may say in place of the catalogs' defaults: the
 * facility's PUE, the grid (an intensity, or a region looked up in the grid catalog) and the
 * cloud price list. Every field is optional; an empty one leaves the choice to the next source.
 * Which source wins is the estimator's rule (see {@code estimate.GridChoice} for the grid: an
 * experiment's region outranks the project's intensity), so this record only carries the values.
 *
 * @param pue             the facility's power usage effectiveness
 * @param carbonIntensity a grid intensity, winning over {@code region} from the same source
 * @param region          a grid catalog key or any name the catalog knows
 * @param cloudPrices     a price list's key ({@code price_catalog})
 */
public record Overrides(Optional<Pue> pue, Optional<CarbonIntensity> carbonIntensity, Optional<String> region,
                        Optional<String> cloudPrices) {

    /** Nothing said: every value from the next source or the catalogs. */
    public static final Overrides NONE = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Overrides {
        Objects.requireNonNull(pue, "pue");
        Objects.requireNonNull(carbonIntensity, "carbonIntensity");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cloudPrices, "cloudPrices");
    }

    /** These values, completed field by field by {@code other} where these are silent. */
    public Overrides or(Overrides other) {
        return new Overrides(pue.or(other::pue), carbonIntensity.or(other::carbonIntensity), region.or(other::region),
                cloudPrices.or(other::cloudPrices));
    }

    /** The same with {@code pue} and {@code region} replaced where given; a new region drops the intensity it would lose to. */
    public Overrides withGrid(Optional<Pue> newPue, Optional<String> newRegion) {
        return new Overrides(newPue.or(() -> pue), newRegion.isPresent() ? Optional.empty() : carbonIntensity,
                newRegion.or(() -> region), cloudPrices);
    }
}
