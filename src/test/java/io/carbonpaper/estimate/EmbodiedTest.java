package io.carbonpaper.estimate;

import io.carbonpaper.reference.AcceleratorCatalog;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Embodied emissions amortised per accelerator-hour over the service life. */
class EmbodiedTest {
    @Test void spreadsTheEmbodiedFigureOverEveryHourOfTheLife() {
        // 150 kg over 6 years of 8,760 h.
        assertThat(Embodied.perAcceleratorHour(Mass.ofKilograms(150), 6).kilograms()).isCloseTo(150.0 / 52560, within(1e-12));
    }

    @Test void chargesACatalogAcceleratorByItsHours() {
        AcceleratorSpec a100 = AcceleratorCatalog.bundled().find("A100-SXM4-80GB").orElseThrow();
        Mass m = Embodied.of(a100, Hours.of(800)).orElseThrow();
        double expected = a100.embodied().orElseThrow().kilograms() / (a100.lifetimeYears().orElseThrow() * 8760) * 800;
        assertThat(m.kilograms()).isCloseTo(expected, within(1e-12));
    }

    @Test void anAcceleratorWithoutAPublishedFigureHasNone() {
        assertThat(Embodied.of(AcceleratorCatalog.bundled().find("M40").orElseThrow(), Hours.of(10))).isEmpty();
    }

    @Test void aLifetimeMustBePositive() {
        assertThatThrownBy(() -> Embodied.perAcceleratorHour(Mass.ofKilograms(1), 0)).hasMessageContaining("lifetime");
    }
}
