package io.carbonpaper.report;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.unit.Energy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every experiment is a row (issue 15, item 2): those without an energy figure keep theirs, with a dash and the reason. */
class TrainingCostTableTest {
    /** The standard sample plus a run without hardware, one without hours and one on a device the catalog lacks. */
    private static Report withGaps() {
        List<Experiment> all = new ArrayList<>(SampleReports.experiments());
        all.add(ExperimentBuilder.experiment("lightning/version_0").name("lightning-run").group("lightning").hours(2.5).build());
        all.add(ExperimentBuilder.experiment("no-hours").group("misc").hardware("V100", 1).build());
        all.add(ExperimentBuilder.experiment("toaster").group("misc").hardware("Quantum Toaster 9000", 2).hours(3).build());
        return SampleReports.build(all);
    }

    @Test void experimentsWithoutAnEnergyFigureKeepTheirRowWithADashAndEnergySourceNone() {
        Table t = withGaps().table("training-cost").orElseThrow();
        assertThat(t.rows()).hasSize(7);
        assertThat(t.csvRows()).hasSize(7);
        assertThat(t.csvRows().subList(4, 7)).containsExactly(
                List.of("lightning-run", "lightning", "", "", "2.5", "", "", "", "", "", "none"),
                List.of("no-hours", "misc", "V100x1", "", "", "", "", "", "", "", "none"),
                List.of("toaster", "misc", "Quantum Toaster 9000x2", "", "3", "", "", "", "", "", "none"));
        Row lightning = t.rows().get(4);
        assertThat(lightning.cells().get(0).text()).isEqualTo("lightning-run");
        assertThat(lightning.cells().get(1).text()).isEqualTo("\u2013");
        assertThat(lightning.cells().get(3).text()).isEqualTo("2.5");
        assertThat(lightning.cells().get(4).text()).isEqualTo("\u2013");
        assertThat(lightning.cells().get(7).text()).isEqualTo("none");
        assertThat(lightning.link()).startsWith("experiments/lightning-version-0").endsWith(".html");
    }

    @Test void eachReasonIsOneFootnoteOnTheEnergyDash() {
        Table t = withGaps().table("training-cost").orElseThrow();
        String hardware = only(t, t.rows().get(4).cells().get(4).marks());
        assertThat(hardware).startsWith("No hardware is named").contains("hardware: {accelerator: NAME, count: N}", "defaults:");
        List<String> noHours = t.rows().get(5).cells().get(4).marks();
        assertThat(only(t, noHours)).contains("add 'hours: H'");
        assertThat(only(t, t.rows().get(6).cells().get(4).marks())).contains("not in the hardware catalog", "hardware.tdp_watts");
        // The TPU row (an estimate, without published power) keeps the paper's own note, not a second one.
        assertThat(t.rows().get(3).cells().get(7).text()).isEqualTo("none");
        assertThat(t.footnotes().stream().filter(f -> f.text().startsWith("No hardware is named"))).hasSize(1);
    }

    @Test void totalsStayExactAndSayHowManyTheyCover() {
        Table standard = SampleReports.standard().table("training-cost").orElseThrow();
        Table t = withGaps().table("training-cost").orElseThrow();
        assertThat(t.total().orElseThrow().cells().get(0).text()).isEqualTo("Total (7 experiments, 3 with an energy figure)");
        assertThat(t.total().orElseThrow().cells().subList(4, 7)).isEqualTo(standard.total().orElseThrow().cells().subList(4, 7));
        assertThat(TrainingCostTable.totalLabel(1, 1)).isEqualTo("Total (1 experiment)");
    }

    @Test void tableTwoSaysHowManyExperimentsItsTotalsCover() {
        // The 4 estimated experiments (the TPU one among them, hours without energy); the 3 without an estimate are not counted.
        Table rnd = withGaps().table("rnd-cost").orElseThrow();
        // The last row is "All experiments"; rows that cannot be inferred (final model, tuning run) are left out.
        Row all = rnd.rows().get(rnd.rows().size() - 1);
        assertThat(all.cells().get(0).text()).startsWith("All experiments");
        assertThat(all.cells().get(1).text()).isEqualTo("4");
        assertThat(footnotes(rnd, all.cells().get(0).marks())).anyMatch(f -> f.endsWith("; 4 of the 7 experiments (the others could not be estimated: see Table 1)."));
        Table standardTable = SampleReports.standard().table("rnd-cost").orElseThrow();
        Row standard = standardTable.rows().get(standardTable.rows().size() - 1);
        assertThat(footnotes(standardTable, standard.cells().get(0).marks())).contains("All experiments: every estimated run in the logs, in 1 group.");
    }

    @Test void headlineAndStatementSayHowManyLackAFigureAndWhy() {
        Report r = withGaps();
        assertThat(r.headline().experiments()).isEqualTo(7);
        assertThat(r.headline().excluded()).isEqualTo(4);
        String sentence = "3 of 7 experiments have an energy figure; 1 lacks hardware: lightning-run; 1 lacks hours: no-hours; "
                + "1 runs on accelerators the hardware catalog does not know: toaster; 1 runs on accelerators without published power: BERT (base).";
        assertThat(r.headline().coverage()).isEqualTo(sentence);
        assertThat(r.statement().text()).endsWith(" " + sentence);
        assertThat(SampleReports.build(List.of(ExperimentBuilder.experiment("a").hours(1).build())).statement().text())
                .isEqualTo("No experiment could be estimated. None of 1 experiment has an energy figure; 1 lacks hardware: a.");
    }

    @Test void aReasonNamesThreeExperimentsThenCountsTheRest() {
        List<Experiment> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) five.add(ExperimentBuilder.experiment("run" + i).hours(1).build());
        assertThat(SampleReports.build(five).headline().coverage())
                .isEqualTo("None of 5 experiments have an energy figure; 5 lack hardware: run1, run2, run3 and 2 more.");
    }

    @Test void theExperimentPageSaysWhyItHasNoFigure() {
        ExperimentPage page = withGaps().experiments().get(4);
        assertThat(page.facts()).contains(new Fact("Energy source", "none"));
        assertThat(page.facts().stream().filter(f -> f.label().equals("No energy figure")).findFirst().orElseThrow().value())
                .startsWith("No hardware is named");
    }

    private static List<String> footnotes(Table t, List<String> marks) {
        return t.footnotes().stream().filter(f -> marks.contains(f.mark())).map(f -> f.text()).toList();
    }

    /** A tool's energy without the run's hours (issue 15, s01): the note that says so marks the hours, not the cost. */
    @Test void theNoHoursNoteMarksTheHoursCellOnly() {
        List<Experiment> all = new ArrayList<>(SampleReports.experiments());
        all.add(ExperimentBuilder.experiment("slurm-job").group("misc").hardware("P100", 4)
                .toolReport(new ToolEnergyReport("slurm", Energy.ofKilowattHours(2), Optional.empty(), Optional.empty(),
                        Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty()))
                .build());
        Table t = SampleReports.build(all).table("training-cost").orElseThrow();
        Row row = t.rows().get(4);
        assertThat(row.cells().get(0).text()).isEqualTo("slurm-job");
        assertThat(only(t, row.cells().get(3).marks())).startsWith("No log gives this run's wall-clock hours");
        assertThat(row.cells().get(4).text()).isNotEqualTo("\u2013");
        String hoursMark = row.cells().get(3).marks().get(0);
        for (int c : new int[] {2, 4, 5, 6}) assertThat(row.cells().get(c).marks()).as("column %d", c).doesNotContain(hoursMark);
    }

    private static String only(Table t, List<String> marks) {
        assertThat(marks).hasSize(1);
        return t.footnotes().stream().filter(f -> f.mark().equals(marks.get(0))).findFirst().orElseThrow().text();
    }
}
