package io.carbonpaper.reference;

import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;

import java.util.Objects;

/**
 * An everyday consumption and its CO2e, to set a project's emissions beside (the paper's Table 1).
 *
 * @param mass       the emissions, converted from the unit the catalog row states
 * @param statedUnit the unit the source states the figure in ({@code LBS} for the paper's rows), so a
 *                   report in that unit prints the source's own number
 */
public record Equivalence(String key, String name, Mass mass, MassUnit statedUnit, int year, String source,
                          String note) {
    public Equivalence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mass, "mass");
        Objects.requireNonNull(statedUnit, "statedUnit");
        if (mass.kilograms() <= 0) throw new IllegalArgumentException("equivalence " + key + " must be positive: " + mass);
    }

    /** The figure in {@code unit}: 1,984 for the flight in lbs, about 900 in kg. */
    public double in(MassUnit unit) { return mass.in(unit); }

    /** How many of this consumption {@code emissions} amount to (a project of 3,968 lbs is 2 flights). */
    public double multiplesOf(Mass emissions) { return emissions.kilograms() / mass.kilograms(); }
}
