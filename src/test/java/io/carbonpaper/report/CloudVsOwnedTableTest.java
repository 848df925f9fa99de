package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.carbonpaper.report.EconomicsSamples.LISA;
import static io.carbonpaper.report.EconomicsSamples.SAMPLE;
import static io.carbonpaper.report.EconomicsSamples.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** On demand, pre-emptible or owned: the paper's 8 x GTX 1080 Ti example on the LISA history. */
class CloudVsOwnedTableTest {
    private static final String OWNED = "Owned, 8 \u00d7 8 GTX1080Ti, 3-year life, 91% utilised";

    @Test void ownedServersAtTheObservedUtilisation() {
        Table t = EconomicsSamples.of(LISA).table("cloud-vs-owned").orElseThrow();
        // 239,942 GPU-hours over exactly 172 days on 64 GPUs.
        assertThat(number(t, OWNED, "utilisation")).isCloseTo(239942.0 / (64 * 172 * 24), within(1e-9));
        // $2,500 per GPU over 3 years (26,280 h), charged per hour used at that utilisation.
        assertThat(number(t, OWNED, "hardware_usd")).isCloseTo(2500.0 / 26280 * 239942 / (239942.0 / (64 * 4128)), within(1e-6));
        assertThat(number(t, "Cloud, on demand", "cost_usd")).isCloseTo(239942 * 1.46, within(1e-6));
        assertThat(number(t, "Cloud, on demand", "break_even_utilisation"))
                .isCloseTo(2500.0 / (26280 * (1.46 - number(t, OWNED, "electricity_usd") / 239942)), within(1e-9));
    }

    @Test void buyingJustEnoughGpusForTheProjectCostsAboutHalfOfOnDemandAsThePaperSays() {
        Table t = EconomicsSamples.of(LISA).table("cloud-vs-owned").orElseThrow();
        double bought = number(t, "Owned, bought for this project alone", "hardware_usd");
        assertThat(Math.round(bought / 1000)).isEqualTo(145); // the paper's "about $145,000" for about 58 GPUs
        double ratio = number(t, "Owned, bought for this project alone", "cost_usd") / number(t, "Cloud, on demand", "cost_usd");
        assertThat(ratio).isBetween(0.4, 0.5);
    }

    @Test void withoutTimestampsTheUtilisationIsFullAndNoProjectOnlyRowIsGuessed() {
        Table t = EconomicsSamples.of(SAMPLE).table("cloud-vs-owned").orElseThrow();
        assertThat(t.csvRows()).extracting(r -> r.get(0)).noneMatch(s -> s.contains("project alone"));
        assertThat(t.csvRows()).filteredOn(r -> r.get(0).startsWith("Owned")).allMatch(r -> r.get(7).equals("1"));
    }

    @Test void matchesTheGoldenCsvs() throws IOException {
        EconomicsSamples.assertGolden(LISA, "cloud-vs-owned");
        EconomicsSamples.assertGolden(SAMPLE, "cloud-vs-owned");
    }
}
