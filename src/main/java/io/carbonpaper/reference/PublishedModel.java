package io.carbonpaper.reference;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One published training footprint (catalog/published-models.csv), exactly as its source states it. Every
 * figure the source does not give is empty; nothing is filled in by carbonpaper.
 *
 * @param hardware     the source's hardware description ({@code P100x8}, {@code TPUv3x1024})
 * @param device       the accelerator model, without a count
 * @param powerWatts   watts as the source states them; {@code powerScope} says whether they are the whole
 *                     job's average draw ({@code job}) or per device ({@code device})
 * @param energyScope  what the energy covers: {@code facility} (IT energy x PUE), {@code gpu-dynamic} (GPU
 *                     energy only), or empty with the energy
 * @param co2eUnit     the unit the source states the CO2e in ({@code lbs}, {@code kg} or {@code t}), so a
 *                     table can print the source's own number
 * @param method       {@code measured-projected} (a measured draw projected to the full training time),
 *                     {@code operator-measured}, {@code estimated} or {@code life-cycle}
 * @param checked      {@code confirmed}, {@code secondary} or {@code unverified} (see the catalog README)
 */
public record PublishedModel(String key, String model, String hardware, String device, OptionalInt deviceCount,
                             OptionalDouble deviceHours, OptionalDouble wallHours, OptionalDouble powerWatts,
                             String powerScope, Optional<Energy> energy, String energyScope, Optional<Mass> co2e,
                             String co2eUnit, Optional<CarbonIntensity> gridIntensity, OptionalDouble pue,
                             String method, String source, int year, String checked, String note) {
    public PublishedModel {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
    }

    /** The CO2e in the unit the source states it (626,155 for NAS in lbs, 552.1 for GPT-3 in t). */
    public OptionalDouble co2eAsStated() {
        if (co2e.isEmpty()) return OptionalDouble.empty();
        Mass m = co2e.get();
        return OptionalDouble.of(switch (co2eUnit) {
            case "lbs" -> m.pounds();
            case "t" -> m.tonnes();
            default -> m.kilograms();
        });
    }
}
