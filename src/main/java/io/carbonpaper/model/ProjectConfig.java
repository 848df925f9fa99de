package io.carbonpaper.model;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.EnergyPrice;
import io.carbonpaper.unit.MassUnit;

import java.util.Optional;

/**
 * Project-wide settings from {@code carbonpaper.yaml} at the root of the logs folder, with
 * {@code --set key=value} applied on top. Per-experiment manifests override the defaults here.
 *
 * @param title        the report's title
 * @param units        the unit CO2e is reported in
 * @param pue          default PUE; empty means the catalog's default (the paper's 1.58)
 * @param region       default grid key; empty means the catalog's default (the paper's US average)
 * @param intensity    an explicit default intensity, winning over {@code region}
 * @param priceCatalog default cloud price list; empty means the newest that prices each accelerator
 * @param electricity  electricity price, for the cost of electricity column
 * @param prometheus   a server that computes experiments' energy, when configured
 */
public record ProjectConfig(String title, MassUnit units, Optional<Double> pue, Optional<String> region,
                            Optional<CarbonIntensity> intensity, Optional<String> priceCatalog,
                            Optional<EnergyPrice> electricity, Optional<PrometheusSource> prometheus) {

    /** Settings without a Prometheus source. */
    public ProjectConfig(String title, MassUnit units, Optional<Double> pue, Optional<String> region,
                         Optional<CarbonIntensity> intensity, Optional<String> priceCatalog, Optional<EnergyPrice> electricity) {
        this(title, units, pue, region, intensity, priceCatalog, electricity, Optional.empty());
    }

    public static ProjectConfig defaults() {
        return new ProjectConfig("carbonpaper report", MassUnit.KG, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
