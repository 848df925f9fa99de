package io.carbonpaper.estimate;

import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.reference.PueCatalog;
import io.carbonpaper.reference.PueFigure;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.EnergyPrice;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Range;

import java.util.Comparator;
import java.util.Optional;

/**
 * The low-high spread of an estimate from the spread of its inputs. Ends combine end with end
 * (low power x low PUE x low intensity), so a range is the envelope of the inputs' ranges, not a
 * statistical interval. The rules:
 * <ul>
 *   <li>Power: a declared or projected average (an estimate of the whole run from part of it, as
 *       the paper's) spans from itself to the accelerators' TDP times their count, whichever is
 *       lower or higher; energy measured over the whole run (counter, trace, another tool) and TDP
 *       itself are points.</li>
 *   <li>PUE: a PUE the user declared is a point; the default assumption spans every PUE in the
 *       catalog, from the lowest provider fleet figure to the highest survey average.</li>
 *   <li>Grid: the catalog's published year-to-year range where it has one, else a point.</li>
 * </ul>
 * Pure: no I/O, no state.
 */
public final class Spreads {
    private Spreads() {}

    /** The PUE range of an assumed (catalog default) PUE: the lowest and highest figure in the catalog. */
    public static Range<Double> assumedPue(PueCatalog catalog, double central) {
        PueFigure lo = lowest(catalog), hi = highest(catalog);
        return new Range<>(Math.min(lo.value(), central), central, Math.max(hi.value(), central));
    }

    /** The lowest survey or fleet average (a best-site or design figure is no fleet's PUE). */
    public static PueFigure lowest(PueCatalog catalog) {
        return catalog.all().stream().filter(PueFigure::isAverage).min(Comparator.comparingDouble(PueFigure::value).thenComparing(PueFigure::key)).orElseThrow();
    }

    public static PueFigure highest(PueCatalog catalog) {
        return catalog.all().stream().filter(PueFigure::isAverage).max(Comparator.comparingDouble(PueFigure::value).thenComparing(PueFigure::key, Comparator.reverseOrder())).orElseThrow();
    }

    /**
     * Energy including PUE, with its range.
     *
     * @param central  the estimate's energy at the central PUE
     * @param pue      the central PUE that {@code central} includes
     * @param pueRange the PUE's range (a point when declared)
     * @param method   where the energy came from
     * @param tdpTotal the accelerators' TDP times their count, when known
     * @param hours    the run's hours, to turn {@code tdpTotal} into energy; empty when unknown
     */
    public static Range<Energy> energy(Energy central, double pue, Range<Double> pueRange, EnergyMethod method,
                                       Optional<Power> tdpTotal, Optional<Hours> hours) {
        if (!(pue >= 1)) throw new IllegalArgumentException("PUE must be >= 1: " + pue);
        Energy it = central.times(1 / pue);
        Energy itLow = it, itHigh = it;
        if ((method == EnergyMethod.DECLARED || method == EnergyMethod.PROJECTED) && tdpTotal.isPresent() && hours.filter(h -> h.value() > 0).isPresent()) {
            Energy tdp = tdpTotal.get().over(hours.get());
            if (tdp.compareTo(it) > 0) itHigh = tdp;
            else itLow = tdp;
        }
        // Dividing by the PUE and multiplying back is not exact in binary: clamp, so an end never crosses the centre.
        Energy low = itLow == it && pueRange.low() == pue ? central : itLow.times(pueRange.low());
        Energy high = itHigh == it && pueRange.high() == pue ? central : itHigh.times(pueRange.high());
        return new Range<>(low.compareTo(central) > 0 ? central : low, central, high.compareTo(central) < 0 ? central : high);
    }

    /** Emissions: low energy at the low intensity, high at the high. */
    public static Range<Mass> emissions(Range<Energy> energy, Range<CarbonIntensity> intensity) {
        return new Range<>(intensity.low().emissionsOf(energy.low()), intensity.central().emissionsOf(energy.central()),
                intensity.high().emissionsOf(energy.high()));
    }

    /** The cost of each end of the energy range at one price. */
    public static Range<Money> electricity(Range<Energy> energy, EnergyPrice price) {
        return new Range<>(price.costOf(energy.low()), price.costOf(energy.central()), price.costOf(energy.high()));
    }

    /** The sum of two ranges, end by end. */
    public static Range<Energy> plusEnergy(Range<Energy> a, Range<Energy> b) {
        return new Range<>(a.low().plus(b.low()), a.central().plus(b.central()), a.high().plus(b.high()));
    }

    public static Range<Mass> plusMass(Range<Mass> a, Range<Mass> b) {
        return new Range<>(a.low().plus(b.low()), a.central().plus(b.central()), a.high().plus(b.high()));
    }

    public static Range<Money> plusMoney(Range<Money> a, Range<Money> b) {
        return new Range<>(a.low().plus(b.low()), a.central().plus(b.central()), a.high().plus(b.high()));
    }
}
