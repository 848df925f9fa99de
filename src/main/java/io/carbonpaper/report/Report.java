package io.carbonpaper.report;

import io.carbonpaper.model.Problem;

import java.util.List;
import java.util.Optional;

/**
 * The finished report: every number formatted, every footnote and reference resolved. Renderers
 * lay it out and compute nothing.
 *
 * @param date       the report's date, from SOURCE_DATE_EPOCH; empty when unset (so output stays reproducible)
 * @param statement  a ready-to-paste compute statement
 * @param problems   problems that belong to no experiment
 */
public record Report(String title, String version, Optional<String> date, Headline headline, String statement,
                     List<Table> tables, List<Footnote> footnotes, List<Reference> references,
                     List<ExperimentPage> experiments, List<Problem> problems, Parameters parameters) {
    public Report {
        tables = List.copyOf(tables);
        footnotes = List.copyOf(footnotes);
        references = List.copyOf(references);
        experiments = List.copyOf(experiments);
        problems = List.copyOf(problems);
    }

    /** The constants in the methodology's equations, formatted. */
    public record Parameters(String pue, String intensity, String intensityLbs, String unit, String priceCatalogs) {}

    public Optional<Table> table(String id) { return tables.stream().filter(t -> t.id().equals(id)).findFirst(); }

    public long problemCount() {
        return problems.size() + experiments.stream().mapToLong(e -> e.problems().size()).sum();
    }
}
