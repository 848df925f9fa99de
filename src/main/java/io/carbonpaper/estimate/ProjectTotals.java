package io.carbonpaper.estimate;

import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.EnergyPrice;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Range;

import java.util.List;
import java.util.Optional;

/**
 * The sums over a set of experiment estimates: one row of the R&D table, or the whole project.
 *
 * @param models           experiments counted
 * @param hours            their wall-clock hours, summed, of those whose hours are known
 * @param acceleratorHours hours times accelerators, summed likewise
 * @param withoutHours     experiments left out of both (energy measured by a tool, no run time)
 * @param energy           kWh with PUE of those with a power figure; empty when none has one
 * @param withoutEnergy    experiments left out of {@code energy} (no published power, as TPUs)
 * @param co2e             emissions of {@code energy}
 * @param cloud            pre-emptible (low) to on-demand (high); empty when nothing could be priced
 * @param electricity      the cost of {@code energy}; empty without an electricity price
 * @param embodied         manufacturing emissions of the accelerator-hours, where the catalog has them
 * @param withoutEmbodied  experiments with accelerators the catalog has no embodied estimate for
 */
public record ProjectTotals(int models, Hours hours, Hours acceleratorHours, int withoutHours, Optional<Range<Energy>> energy, int withoutEnergy,
                            Optional<Range<Mass>> co2e, Optional<Range<Money>> cloud, Optional<Range<Money>> electricity,
                            Optional<Mass> embodied, int withoutEmbodied) {

    /**
     * @param priceAs     when present, every accelerator-hour is priced at this one price (the paper
     *                    priced its Titan X and M40 jobs as P100s); else each experiment's own range
     * @param electricity the price of a kWh, when configured
     */
    public static ProjectTotals of(List<ExperimentEstimate> estimates, Optional<CloudPrice> priceAs, Optional<EnergyPrice> electricity) {
        Hours hours = Hours.ZERO, deviceHours = Hours.ZERO;
        Range<Energy> energy = null;
        Range<Mass> co2e = null;
        Range<Money> cloud = null;
        Mass embodied = null;
        int noHours = 0, noEnergy = 0, noEmbodied = 0;
        for (ExperimentEstimate e : estimates) {
            if (e.hours().isPresent()) {
                hours = hours.plus(e.hours().get());
                deviceHours = deviceHours.plus(e.deviceHours().orElseThrow());
            } else {
                noHours += e.runs();
            }
            if (e.energy().isPresent()) {
                energy = energy == null ? e.energy().get() : Spreads.plusEnergy(energy, e.energy().get());
                co2e = co2e == null ? e.co2e().orElseThrow() : Spreads.plusMass(co2e, e.co2e().orElseThrow());
            } else {
                noEnergy += e.runs();
            }
            if (priceAs.isEmpty() && e.cloud().isPresent()) {
                Range<Money> c = e.cloud().get();
                cloud = cloud == null ? c : Spreads.plusMoney(cloud, c);
            }
            Optional<Mass> em = e.accelerator().flatMap(a -> e.deviceHours().flatMap(h -> Embodied.of(a, h)));
            if (em.isPresent()) embodied = embodied == null ? em.get() : embodied.plus(em.get());
            else noEmbodied += e.runs();
        }
        if (priceAs.isPresent() && deviceHours.value() > 0) {
            CloudPrice p = priceAs.get();
            cloud = Range.between(p.spotPerDeviceHour().times(deviceHours.value()), p.onDemandPerDeviceHour().times(deviceHours.value()));
        }
        Optional<Range<Energy>> en = Optional.ofNullable(energy);
        return new ProjectTotals((int) ExperimentEstimate.runs(estimates), hours, deviceHours, noHours, en, noEnergy, Optional.ofNullable(co2e),
                Optional.ofNullable(cloud), electricity.flatMap(p -> en.map(r -> Spreads.electricity(r, p))),
                Optional.ofNullable(embodied), noEmbodied);
    }
}
