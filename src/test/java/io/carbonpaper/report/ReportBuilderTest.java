package io.carbonpaper.report;

import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.LoggedPlace;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The headline names each default the estimates used, and the setting that changes it (issue 18). */
class ReportBuilderTest {
    @Test void theHeadlineNamesTheDefaultPueAndGridAndHowToChangeThem() {
        List<String> defaults = SampleReports.standard().headline().defaults();
        assertThat(defaults).hasSize(3);
        assertThat(defaults.get(0)).isEqualTo("PUE 1.58 (Global data-centre average (Uptime Institute survey 2018)) is the default: "
                + "set your data centre's with --set pue=1.2 or 'pue: 1.2' in carbonpaper.yaml.");
        assertThat(defaults.get(1)).startsWith("The grid, United States average (EPA, as used by Strubell et al. 2019) at 432.7 g/kWh, is the default: ")
                .contains("--set region=DEU", "'region: DEU' in carbonpaper.yaml");
        assertThat(defaults.get(2)).startsWith("Cloud prices from ").contains("--set cloud_prices=NAME");
    }

    @Test void aDefaultSomeExperimentsReplacedSaysForHowManyItStands() {
        Report r = SampleReports.build(List.of(
                ExperimentBuilder.experiment("a").hardware("V100", 1).hours(1).pue(1.1).region("DEU").cloudPrices("gcp-2024").build(),
                ExperimentBuilder.experiment("b").hardware("V100", 1).hours(1).build()));
        assertThat(r.headline().defaults()).hasSize(3).allSatisfy(d -> assertThat(d).contains(" for 1 of the 2 estimated experiments: "));
    }

    @Test void withoutPagesAnExperimentIsListedByNameAndProblemsOnly() {
        // Issue 20: past experiment_pages' limit no page is written, so none of its facts are built.
        Report r = SampleReports.build(List.of(
                ExperimentBuilder.experiment("a").hardware("V100", 1).hours(1).build(),
                ExperimentBuilder.experiment("b").hardware("NoSuchGPU", 1).hours(1).build()), false);
        assertThat(r.experimentPages()).isFalse();
        assertThat(r.experiments()).extracting(ExperimentPage::name).containsExactly("a", "b");
        assertThat(r.experiments()).allSatisfy(p -> {
            assertThat(p.facts()).isEmpty();
            assertThat(p.quality()).isEmpty();
        });
        assertThat(r.experiments().get(1).problems()).isNotEmpty();
        assertThat(r.experiments().get(1).included()).isFalse();
        Report paged = SampleReports.build(List.of(ExperimentBuilder.experiment("a").hardware("V100", 1).hours(1).build()), true);
        assertThat(paged.experiments().get(0).facts()).isNotEmpty();
    }

    @Test void noDefaultIsNamedWhenEveryExperimentSaysItsOwn() {
        Report r = SampleReports.build(List.of(
                ExperimentBuilder.experiment("a").hardware("V100", 1).hours(1).pue(1.1).carbonIntensity(300).cloudPrices("gcp-2024").build()));
        assertThat(r.headline().defaults()).isEmpty();
    }

    /** A run measured by a tool says so under data quality (not "declared values"), with what the tool logged, its place too. */
    @Test void aToolsFigureIsListedUnderDataQualityWithItsLoggedPlace() {
        ToolEnergyReport cc = new ToolEnergyReport("codecarbon", Energy.ofKilowattHours(2), Optional.empty(), Optional.of(Hours.of(2)),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.of("r1"), null, List.of(),
                Optional.of(new LoggedPlace("codecarbon", Optional.of("DEU"), Optional.empty(), Optional.empty(), Optional.empty())));
        Report r = SampleReports.build(List.of(ExperimentBuilder.experiment("a").hardware("V100", 1).hours(2).toolReport(cc).build(),
                ExperimentBuilder.experiment("b").hardware("V100", 1).hours(1).build()), true);
        assertThat(r.experiments().get(0).quality()).extracting(Fact::label, Fact::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Measured by a tool", "codecarbon, run r1: 2 kWh over 2 h, logged in DEU"));
        assertThat(r.experiments().get(1).quality()).isEmpty();
        // the run priced at its logged grid does not count as one on the default grid
        assertThat(r.headline().defaults()).anySatisfy(d -> assertThat(d).startsWith("The grid, ").contains(" for 1 of the 2 estimated experiments: "));
    }

}
