package io.carbonpaper.reference;

import io.carbonpaper.unit.Mass;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class PublishedModelCatalogTest {
    private final PublishedModelCatalog catalog = PublishedModelCatalog.bundled();

    @Test
    void everyRowCitesAKnownSourceAYearAndAStatus() {
        SourceCatalog sources = SourceCatalog.bundled();
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(20).allSatisfy(m -> {
            assertThat(sources.find(m.source())).as(m.key()).isPresent();
            assertThat(m.year()).as(m.key()).isBetween(2017, 2026);
            assertThat(PublishedModelCatalog.CHECKED).contains(m.checked());
            assertThat(m.hardware()).as(m.key()).isNotBlank();
        });
    }

    @Test
    void strubellsTable3AsThePaperPrintsIt() {
        // key -> {kWh x PUE, CO2e lbs}; the figures of /work/shared/reference/strubell-2019.md, Table 3
        Map<String, double[]> table3 = Map.of(
                "strubell-transformer-base", new double[]{27, 26},
                "strubell-transformer-big", new double[]{201, 192},
                "strubell-elmo", new double[]{275, 262},
                "strubell-bert-base-v100", new double[]{1507, 1438},
                "strubell-nas-p100", new double[]{656_347, 626_155});
        table3.forEach((key, f) -> {
            PublishedModel m = catalog.find(key).orElseThrow();
            assertThat(m.energy().orElseThrow().kilowattHours()).as(key).isCloseTo(f[0], within(1e-6));
            assertThat(m.co2eAsStated().getAsDouble()).as(key).isCloseTo(f[1], within(1e-6));
            assertThat(m.co2eUnit()).isEqualTo("lbs");
        });
        for (String tpu : List.of("strubell-bert-base-tpu", "strubell-nas-tpu", "strubell-gpt2")) {
            PublishedModel m = catalog.find(tpu).orElseThrow();
            assertThat(m.energy()).as(tpu + ": the paper gives no TPU power").isEmpty();
            assertThat(m.co2e()).as(tpu).isEmpty();
            assertThat(m.wallHours()).as(tpu).isPresent();
        }
    }

    @Test
    void co2eIsEnergyTimesTheStatedGridWhereASourceGivesAllThree() {
        List<PublishedModel> complete = catalog.all().stream()
                .filter(m -> m.energy().isPresent() && m.co2e().isPresent() && m.gridIntensity().isPresent()).toList();
        assertThat(complete).hasSizeGreaterThanOrEqualTo(10);
        for (PublishedModel m : complete) {
            double expectedKg = m.energy().get().kilowattHours() * m.gridIntensity().get().gramsPerKilowattHour() / 1000;
            assertThat(m.co2e().get().kilograms()).as(m.key()).isCloseTo(expectedKg, withPercentage(2));
        }
    }

    @Test
    void energyIsPowerTimesHoursWhereTheSourceGivesBoth() {
        int checkedRows = 0;
        for (PublishedModel m : catalog.all()) {
            if (m.energy().isEmpty() || m.powerWatts().isEmpty()) continue;
            double hours = m.powerScope().equals("job") ? m.wallHours().orElseThrow() : m.deviceHours().orElseThrow();
            double pue = m.pue().orElse(1.0);
            double kwh = m.powerWatts().getAsDouble() * hours * pue / 1000;
            assertThat(m.energy().get().kilowattHours()).as(m.key()).isCloseTo(kwh, withPercentage(2));
            checkedRows++;
        }
        assertThat(checkedRows).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyImpliedIntensityIsAPlausibleGrid() {
        catalog.all().stream().filter(m -> m.energy().isPresent() && m.co2e().isPresent()).forEach(m -> {
            double g = m.co2e().get().grams() / m.energy().get().kilowattHours();
            assertThat(g).as(m.key() + " g/kWh").isBetween(1.0, 1500.0);
        });
    }

    @Test
    void modelCardTotalsAddUp() {
        double llama3 = catalog.find("llama3-8b").orElseThrow().co2e().orElseThrow().tonnes()
                + catalog.find("llama3-70b").orElseThrow().co2e().orElseThrow().tonnes();
        assertThat(catalog.find("llama3-total").orElseThrow().co2e().orElseThrow().tonnes()).isCloseTo(llama3, within(1e-6));
        double llama2Listed = catalog.find("llama2-7b").orElseThrow().co2e().orElseThrow().tonnes()
                + catalog.find("llama2-13b").orElseThrow().co2e().orElseThrow().tonnes()
                + catalog.find("llama2-70b").orElseThrow().co2e().orElseThrow().tonnes();
        Mass total = catalog.find("llama2-total").orElseThrow().co2e().orElseThrow();
        assertThat(total.tonnes() - llama2Listed).as("the unreleased 34B model").isCloseTo(153.92, within(1e-6));
    }

    @Test
    void statedUnitsRoundTrip() {
        assertThat(catalog.find("patterson-gpt3").orElseThrow().co2eAsStated().getAsDouble()).isCloseTo(552.1, within(1e-9));
        assertThat(catalog.find("patterson-gpt3").orElseThrow().co2e().orElseThrow().kilograms()).isCloseTo(552_100, within(1e-6));
        assertThat(catalog.find("strubell-nas-p100").orElseThrow().co2e().orElseThrow().kilograms())
                .isCloseTo(626_155 * Mass.KILOGRAMS_PER_POUND, within(1e-6));
    }
}
