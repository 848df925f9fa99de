package io.carbonpaper.report;

import io.carbonpaper.model.Experiment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.carbonpaper.model.ExperimentBuilder.experiment;
import static org.assertj.core.api.Assertions.assertThat;

/** The compute statement reads right, and agrees with the headline, in each case issue 17 met in real reports. */
class ComputeStatementTest {

    @Test void oneRunWhosePriceListHasNoPreemptiblePriceSaysOnDemandNotARangeOfOne() {
        Report r = SampleReports.build(List.of(experiment("a").hardware("V100", 1).hours(10).build()));
        assertThat(r.statement().text()).startsWith("The experiment reported here (1 run on V100x1) ran for 10 hours (10 accelerator-hours). It used an estimated ")
                .contains("Renting the same accelerator-hours in the cloud would cost $31 on demand (no pre-emptible price is published for it).")
                .doesNotContain("$31\u2013$31", "runs on");
        assertThat(r.headline().cost()).isEqualTo("$31");
    }

    @Test void partOfTheHoursPricedSaysWhichPart() {
        Report r = SampleReports.build(List.of(experiment("a").hardware("P100", 2).hours(10).build(),
                experiment("b").hardware("RTX4090", 1).hours(5).build()));
        assertThat(r.statement().text()).contains("(2 runs on P100x2, RTX4090x1)", "They used an estimated ")
                .contains("Renting the accelerator-hours of the 1 run a price list prices (20 of 25) in the cloud would cost $")
                .contains("; the other run has no cloud price.").doesNotContain("the same accelerator-hours");
    }

    @Test void noPriceAndNoEnergyAreSaidPlainly() {
        Report r = SampleReports.build(List.of(experiment("t").hardware("RTX4090", 1).hours(3).build()));
        assertThat(r.statement().text()).contains("No bundled cloud price list prices its accelerator, so no cloud cost is given.")
                .doesNotContain("would cost \u2013", "would cost -");
        Report tpu = SampleReports.build(List.of(experiment("tpu").hardware("TPUv2", 8).hours(3).build()));
        assertThat(tpu.statement().text()).contains("No energy figure could be estimated for it.").doesNotContain("0 kWh", "0 kg");
    }

    @Test void someWithoutEnergySayWhoseEnergyItIs() {
        Report r = SampleReports.build(List.of(experiment("a").hardware("P100", 1).hours(10).build(),
                experiment("tpu").hardware("TPUv2", 8).hours(3).build()));
        assertThat(r.statement().text()).contains("The one run with an energy figure used an estimated ")
                .endsWith("1 of 2 experiments has an energy figure; 1 runs on accelerators without published power: tpu.");
    }

    @Test void thousandsOfRunsOnManyConfigurationsNameTheCommonestAndCountTheRest() {
        List<Experiment> runs = new ArrayList<>();
        String[] kinds = {"P100", "V100", "T4", "A100-PCIE-40GB", "H100-PCIE", "L4", "A10", "RTX3090"};
        for (int i = 0; i < 2000; i++) runs.add(experiment("run" + i).hardware(kinds[i < 1200 ? 0 : i % kinds.length], 1).hours(1).build());
        Report r = SampleReports.build(runs);
        assertThat(r.statement().text()).startsWith("The experiments reported here (2,000 runs on P100x1, ").contains(" and 3 other configurations)")
                .contains("2,000 hours (2,000 accelerator-hours)");
    }

    /** The nested Table 4 project prices every hour as a P100 (rnd_price_accelerator): statement, headline and table say the same cost. */
    @Test void oneProjectPriceForEveryHourIsTheStatementsHeadlinesAndTablesCost() {
        Report r = EconomicsSamples.of(EconomicsSamples.LISA);
        String all = r.table("rnd-cost").orElseThrow().rows().stream().filter(row -> row.cells().get(0).text().equals("All experiments"))
                .findFirst().orElseThrow().cells().stream().map(Cell::text).filter(t -> t.startsWith("$") && t.contains("\u2013")).findFirst().orElseThrow();
        assertThat(r.headline().cost()).isEqualTo(all);
        assertThat(r.statement().text()).contains("Renting the same accelerator-hours in the cloud, each priced as one P100 in gcp-2019, would cost "
                + all + " (pre-emptible to on-demand).").doesNotContain("No bundled cloud price", "would cost \u2013");
        assertThat(r.statement().sources()).extracting(Reference::id).contains("gcp-2019-prices");
    }

    @Test void nothingPricedIsSaidInWordsInTheHeadlineToo() {
        Report r = SampleReports.build(List.of(experiment("t").hardware("RTX4090", 1).hours(3).build()));
        assertThat(r.headline().cost()).isEqualTo("not priced");
    }

    /** The statement cites the paper it names and the sources of the constants it used, not the sources of other tables. */
    @Test void theStatementCitesWhatItUsedOnly() {
        Report r = SampleReports.standard();
        assertThat(r.statement().follows()).extracting(Reference::id).containsExactly("strubell-2019");
        assertThat(r.statement().sources()).extracting(Reference::id).contains("uptime-2018", "epa-egrid-2018")
                .doesNotContain("strubell-2019", "epa-ghg-equivalencies", "ember-yearly");
        assertThat(r.statement().sourcesLine()).startsWith("The constants used").doesNotEndWith(".");
        assertThat(r.statement().cites()).startsWith(r.statement().follows().get(0)).doesNotHaveDuplicates();
    }

    @Test void theStatementsFiguresAreTheHeadlines() {
        Report r = SampleReports.standard();
        assertThat(r.statement().text()).contains(r.headline().energy().replace(" kWh", ""), r.headline().co2e().replace(" CO\u2082e", ""))
                .contains("would cost " + r.headline().cost());
    }
}
