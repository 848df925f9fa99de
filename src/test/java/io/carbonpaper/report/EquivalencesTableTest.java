package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.carbonpaper.report.SampleReports.LISA;
import static io.carbonpaper.report.SampleReports.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The paper's Table 1 beside the project's totals, in the report's unit. */
class EquivalencesTableTest {
    @Test void printsThePapersFiguresInPoundsAndTheProjectBesideThem() {
        Table t = SampleReports.of(LISA).table("equivalences").orElseThrow();
        assertThat(SampleReports.value(t, "Air travel, 1 passenger, NY<->SF", "co2e_lbs")).isEqualTo("1984");
        assertThat(SampleReports.value(t, "Car, avg incl. fuel, 1 lifetime", "co2e_lbs")).isEqualTo("126000");
        double total = SampleReports.number(t, "This project: all experiments", "co2e_lbs");
        assertThat(SampleReports.number(t, "Air travel, 1 passenger, NY<->SF", "project_multiple")).isCloseTo(total / 1984, within(1e-6));
        assertThat(SampleReports.number(t, "This project: all experiments", "co2e_lbs_low")).isLessThan(total);
        assertThat(t.footnotes()).anyMatch(f -> f.references().contains("strubell-2019"));
    }

    @Test void matchesTheGoldenCsvs() throws IOException {
        SampleReports.assertGolden(LISA, "equivalences");
        SampleReports.assertGolden(SAMPLE, "equivalences");
    }
}
