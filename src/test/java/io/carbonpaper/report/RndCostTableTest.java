package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.carbonpaper.report.EconomicsSamples.LISA;
import static io.carbonpaper.report.EconomicsSamples.SAMPLE;
import static io.carbonpaper.report.EconomicsSamples.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The paper's Table 4, reproduced from the sacct history in sample-logs/lisa-rnd, and the table's golden CSVs. */
class RndCostTableTest {
    private static final List<String> SCOPES = List.of("Final model", "One tuning run", "All experiments");

    @Test void reproducesThePapersModelsAndHoursExactly() {
        Table t = EconomicsSamples.of(LISA).table("rnd-cost").orElseThrow();
        assertThat(t.csvRows()).extracting(r -> r.get(0)).containsExactlyElementsOf(SCOPES);
        assertThat(EconomicsSamples.value(t, "Final model", "models")).isEqualTo("1");
        assertThat(EconomicsSamples.value(t, "One tuning run", "models")).isEqualTo("24");
        assertThat(EconomicsSamples.value(t, "All experiments", "models")).isEqualTo("4789");
        assertThat(EconomicsSamples.value(t, "Final model", "hours")).isEqualTo("120");
        assertThat(EconomicsSamples.value(t, "One tuning run", "hours")).isEqualTo("2880");
        assertThat(EconomicsSamples.value(t, "All experiments", "hours")).isEqualTo("239942");
        assertThat(EconomicsSamples.value(t, "All experiments", "accelerator_hours")).isEqualTo("239942");
    }

    @Test void reproducesThePapersCloudRangesToItsRounding() {
        Table t = EconomicsSamples.of(LISA).table("rnd-cost").orElseThrow();
        // Paper: $52-$175, $1,238-$4,205, $103k-$350k (P100 prices per job-hour).
        assertThat(Math.round(number(t, "Final model", "cloud_usd_low"))).isEqualTo(52);
        assertThat(Math.round(number(t, "Final model", "cloud_usd_high"))).isEqualTo(175);
        assertThat(Math.round(number(t, "One tuning run", "cloud_usd_low"))).isEqualTo(1238);
        assertThat(Math.round(number(t, "One tuning run", "cloud_usd_high"))).isEqualTo(4205);
        assertThat(Math.round(number(t, "All experiments", "cloud_usd_low") / 1000)).isEqualTo(103);
        assertThat(Math.round(number(t, "All experiments", "cloud_usd_high") / 1000)).isEqualTo(350);
    }

    @Test void reproducesThePapersElectricityCost() {
        Table t = EconomicsSamples.of(LISA).table("rnd-cost").orElseThrow();
        // Paper: $5, $118, $9,870.
        assertThat(number(t, "Final model", "electricity_usd")).isCloseTo(5, within(0.1));
        assertThat(Math.round(number(t, "One tuning run", "electricity_usd"))).isEqualTo(118);
        assertThat(Math.round(number(t, "All experiments", "electricity_usd") / 10) * 10).isEqualTo(9870);
    }

    @Test void everyRangeHasItsLowAtOrBelowItsCentreAndItsHighAbove() {
        for (var logs : List.of(LISA, SAMPLE)) {
            Table t = EconomicsSamples.of(logs).table("rnd-cost").orElseThrow();
            for (String measure : List.of("kwh_pue", "co2e_lbs", "electricity_usd")) {
                for (String scope : SCOPES) {
                    String c = EconomicsSamples.value(t, scope, measure);
                    if (c.isEmpty()) continue;
                    double lo = number(t, scope, measure + "_low"), hi = number(t, scope, measure + "_high"), mid = Double.parseDouble(c);
                    assertThat(lo).as(logs + " " + scope + " " + measure).isLessThanOrEqualTo(mid);
                    assertThat(mid).as(logs + " " + scope + " " + measure).isLessThanOrEqualTo(hi);
                }
            }
        }
    }

    @Test void printsRangesAsCentreWithLowToHigh() {
        Table t = EconomicsSamples.of(LISA).table("rnd-cost").orElseThrow();
        String energy = t.rows().get(2).cells().get(4).text();
        assertThat(energy).matches("94,777 \\(64,784\u2013100,176\\)");
    }

    @Test void theCsvKeepsItsCentralColumnsFirstAndItsRangesLast() {
        Table t = EconomicsSamples.of(LISA).table("rnd-cost").orElseThrow();
        assertThat(t.csvHeader()).containsExactly("scope", "group", "models", "hours", "accelerator_hours", "kwh_pue", "co2e_lbs",
                "cloud_usd_low", "cloud_usd_high", "electricity_usd", "embodied_co2e_lbs", "kwh_pue_low", "kwh_pue_high", "co2e_lbs_low",
                "co2e_lbs_high", "electricity_usd_low", "electricity_usd_high");
    }

    @Test void matchesTheGoldenCsvs() throws IOException {
        EconomicsSamples.assertGolden(LISA, "rnd-cost");
        EconomicsSamples.assertGolden(SAMPLE, "rnd-cost");
    }
}
