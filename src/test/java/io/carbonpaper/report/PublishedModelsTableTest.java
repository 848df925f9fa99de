package io.carbonpaper.report;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.ingest.IngestResult;
import io.carbonpaper.ingest.Ingestor;
import io.carbonpaper.ingest.ReaderRegistry;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.reference.Catalogs;
import io.carbonpaper.settings.ProjectConfigReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.carbonpaper.report.EconomicsSamples.LISA;
import static io.carbonpaper.report.EconomicsSamples.SAMPLE;
import static io.carbonpaper.report.EconomicsSamples.number;
import static io.carbonpaper.report.EconomicsSamples.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The project beside published training footprints (issue 21, {@code published_models: true}). */
class PublishedModelsTableTest {
    private static final double LBS_PER_TONNE = 1000 / 0.45359237;

    @Test void printsEachSourcesOwnFiguresInTheReportsUnit() {
        Table t = EconomicsSamples.of(SAMPLE).table("published-models").orElseThrow();
        // Strubell et al. Table 3, in pounds as the paper prints them.
        assertThat(number(t, "Transformer (big)", "energy_kwh")).isEqualTo(201);
        assertThat(number(t, "Transformer (big)", "co2e_lbs")).isEqualTo(192);
        assertThat(value(t, "Transformer (big)", "source")).isEqualTo("strubell-2019");
        // Patterson et al. state GPT-3 in tonnes: 552.1 t, printed in the report's pounds.
        assertThat(number(t, "GPT-3", "co2e_lbs")).isCloseTo(552.1 * LBS_PER_TONNE, within(1e-3));
        assertThat(value(t, "GPT-3", "co2e_as_stated")).isEqualTo("552.1");
        assertThat(value(t, "GPT-3", "co2e_unit_as_stated")).isEqualTo("t");
        assertThat(number(t, "GPT-3", "energy_kwh")).isEqualTo(1_287_000);
        // No figure where the source gives none (the paper omits power and CO2e for TPUs).
        assertThat(value(t, "GPT-2", "co2e_lbs")).isEmpty();
        assertThat(t.rows().stream().filter(r -> r.cells().get(0).text().equals("GPT-2")).findFirst().orElseThrow()
                .cells().get(5).text()).isEqualTo("\u2013");
    }

    @Test void theProjectsOwnRowsComeFirstWithTheReportsTotals() {
        Report r = EconomicsSamples.of(SAMPLE);
        Table t = r.table("published-models").orElseThrow();
        assertThat(t.csvRows().get(0).get(0)).isEqualTo("This project (all experiments)");
        assertThat(value(t, "This project (all experiments)", "this_project")).isEqualTo("true");
        assertThat(value(t, "GPT-3", "this_project")).isEqualTo("false");
        Table rnd = r.table("rnd-cost").orElseThrow();
        double rndLbs = number(rnd, rnd.csvRows().stream().filter(x -> x.get(0).startsWith("All")).findFirst().orElseThrow().get(0), "co2e_lbs");
        assertThat(number(t, "This project (all experiments)", "co2e_lbs")).isCloseTo(rndLbs, within(1e-6));
    }

    @Test void everyPublishedRowCitesItsSourceAndUncheckedRowsSaySo() {
        Table t = EconomicsSamples.of(SAMPLE).table("published-models").orElseThrow();
        Footnote unverified = t.footnotes().stream().filter(f -> f.text().startsWith("Unverified")).findFirst().orElseThrow();
        Footnote secondary = t.footnotes().stream().filter(f -> f.text().startsWith("Secondary")).findFirst().orElseThrow();
        for (Row row : t.rows()) {
            Cell model = row.cells().get(0);
            String checked = value(t, model.text(), "checked");
            if (model.text().startsWith("This project")) continue;
            assertThat(model.marks()).as(model.text()).anyMatch(m -> t.footnotes().stream()
                    .anyMatch(f -> f.mark().equals(m) && !f.references().isEmpty()));
            assertThat(model.marks().contains(unverified.mark())).as(model.text()).isEqualTo(checked.equals("unverified"));
            assertThat(model.marks().contains(secondary.mark())).as(model.text()).isEqualTo(checked.equals("secondary"));
        }
        assertThat(value(t, "T5", "checked")).isEqualTo("unverified");
        // Every cited source reaches the report's references.
        List<String> cited = t.footnotes().stream().flatMap(f -> f.references().stream()).distinct().toList();
        assertThat(cited).contains("strubell-2019", "patterson-2021", "luccioni-2022", "meta-llama3-model-card");
        assertThat(EconomicsSamples.of(SAMPLE).references()).extracting(Reference::id).containsAll(cited);
    }

    @Test void sourcesCitedOnlyForContextAreNotConstantsOfTheComputeStatement() {
        Report r = EconomicsSamples.of(SAMPLE);
        // Patterson et al. is cited only by this table: in the references, not among the statement's constants.
        assertThat(r.references()).extracting(Reference::id).contains("patterson-2021", "meta-llama3-model-card");
        assertThat(r.statement().sources()).extracting(Reference::id).doesNotContain("patterson-2021", "meta-llama3-model-card")
                .contains("epa-egrid-2018");
    }

    @Test void inKilogramsWhenTheReportIs() throws IOException {
        Catalogs catalogs = Catalogs.bundled();
        IngestResult in = new Ingestor(ReaderRegistry.builtIn()).ingest(LISA, List.of(),
                ProjectConfigReader.readProject(LISA, Map.of("published_models", "true", "units", "kg")));
        TrainingCostEstimator est = new TrainingCostEstimator(catalogs, in.config());
        List<EstimateResult> results = new ArrayList<>();
        for (Experiment e : in.experiments()) results.add(est.estimate(e));
        Table t = new ReportBuilder(catalogs, in.config(), "test", Optional.empty()).build(in.experiments(), results, in.problems())
                .table("published-models").orElseThrow();
        assertThat(t.csvHeader()).contains("co2e_kg").doesNotContain("co2e_lbs");
        assertThat(number(t, "Transformer (big)", "co2e_kg")).isCloseTo(192 * 0.45359237, within(1e-9));
        assertThat(number(t, "Llama 3 70B", "co2e_kg")).isCloseTo(1_900_000, within(1e-6));
        assertThat(t.csvRows()).extracting(r -> r.get(0)).contains("This project: final model");
    }

    @Test void offUnlessAsked() {
        assertThat(EconomicsSamples.of(LISA).table("published-models")).isEmpty();
    }

    @Test void matchesTheGoldenCsv() throws IOException {
        EconomicsSamples.assertGolden(SAMPLE, "published-models");
    }
}
