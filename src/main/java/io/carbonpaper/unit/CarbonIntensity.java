package io.carbonpaper.unit;

/** Grid carbon intensity: CO2e emitted per kWh delivered. Stored in grams per kWh. */
public record CarbonIntensity(double gramsPerKilowattHour) implements Comparable<CarbonIntensity> {
    public CarbonIntensity {
        if (Double.isNaN(gramsPerKilowattHour) || gramsPerKilowattHour < 0)
            throw new IllegalArgumentException("carbon intensity must be >= 0 g/kWh: " + gramsPerKilowattHour);
    }

    public static CarbonIntensity ofGramsPerKilowattHour(double g) { return new CarbonIntensity(g); }
    public static CarbonIntensity ofPoundsPerKilowattHour(double lbs) {
        return new CarbonIntensity(lbs * Mass.KILOGRAMS_PER_POUND * 1e3);
    }

    public double poundsPerKilowattHour() { return gramsPerKilowattHour / 1e3 / Mass.KILOGRAMS_PER_POUND; }

    /** Emissions of consuming {@code energy} at this intensity. */
    public Mass emissionsOf(Energy energy) {
        return Mass.ofGrams(gramsPerKilowattHour * energy.kilowattHours());
    }

    @Override public int compareTo(CarbonIntensity o) { return Double.compare(gramsPerKilowattHour, o.gramsPerKilowattHour); }
    @Override public String toString() { return gramsPerKilowattHour + " g/kWh"; }

    // equals and hashCode written out, with the values a record's own give: the JDK builds those from
    // method handles at their first call, 5 to 15 ms of CPU per record type in a 0.5 s run (issue 20).
    @Override public boolean equals(Object o) {
        return o == this || o instanceof CarbonIntensity c && Double.compare(gramsPerKilowattHour, c.gramsPerKilowattHour) == 0;
    }

    @Override public int hashCode() { return Double.hashCode(gramsPerKilowattHour); }
}
