package io.carbonpaper.report;

import io.carbonpaper.model.Problem;

import java.util.List;
import java.util.Optional;

/**
 * The finished report: every number formatted, every footnote and reference resolved. Renderers
 * lay it out and compute nothing.
 *
 * @param date       the report's date, from SOURCE_DATE_EPOCH; empty when unset (so output stays reproducible)
 * @param statement  a ready-to-paste compute statement, with what it cites
 * @param problems   problems that belong to no experiment
 * @param figures    the charts: the index's (empty {@link Figure#page()}) and each experiment page's
 * @param projects   nested projects, each reported in a site of its own under {@code projects/}
 * @param experimentPages whether each experiment has a page of its own (setting {@code experiment_pages})
 */
public record Report(String title, String version, Optional<String> date, Headline headline, Statement statement,
                     List<Table> tables, List<Footnote> footnotes, List<Reference> references,
                     List<ExperimentPage> experiments, List<Problem> problems, Parameters parameters, List<Figure> figures,
                     List<ProjectLink> projects, boolean experimentPages) {
    public Report {
        projects = List.copyOf(projects);
        figures = List.copyOf(figures);
        tables = List.copyOf(tables);
        footnotes = List.copyOf(footnotes);
        references = List.copyOf(references);
        experiments = List.copyOf(experiments);
        problems = List.copyOf(problems);
    }

    /** The same report, linking to the given nested projects. */
    public Report withProjects(List<ProjectLink> links) {
        return new Report(title, version, date, headline, statement, tables, footnotes, references, experiments, problems,
                parameters, figures, links, experimentPages);
    }

    /**
     * One step of the way back from a nested project's site to the projects above it: the project's
     * title and its index, relative to this site's root ({@code ../../index.html}).
     */
    public record Crumb(String title, String href) {}

    /** Tables of more rows than this are listed after the others, which they support. */
    public static final int LONG_TABLE_ROWS = 100;

    /**
     * The tables in the order the index shows them: the short ones first, in number order, then the
     * long listings (a row per experiment of a large project) after the tables they support.
     */
    public List<Table> indexTables() {
        List<Table> out = new java.util.ArrayList<>(tables.stream().filter(t -> t.rows().size() <= LONG_TABLE_ROWS).toList());
        out.addAll(tables.stream().filter(t -> t.rows().size() > LONG_TABLE_ROWS).toList());
        return out;
    }

    /** A nested project's report: its title, where its index is (relative to this site) and its headline. */
    public record ProjectLink(String folder, String title, String href, Headline headline) {}

    /** The index page's figures, in number order. */
    public List<Figure> indexFigures() { return figures.stream().filter(f -> f.page().isEmpty()).toList(); }

    /** The figures of the experiment page {@code slug}, in number order. */
    public List<Figure> pageFigures(String slug) { return figures.stream().filter(f -> f.page().equals(slug)).toList(); }

    /** The constants in the methodology's equations, formatted. */
    public record Parameters(String pue, String intensity, String intensityLbs, String unit, String priceCatalogs) {}

    public Optional<Table> table(String id) { return tables.stream().filter(t -> t.id().equals(id)).findFirst(); }

    /** Every problem of the inputs, with errors and warnings counted apart from notes. */
    public ProblemTally tally() {
        ProblemTally t = ProblemTally.of(problems);
        for (ExperimentPage e : experiments) t = t.plus(e.tally());
        return t;
    }

    public long problemCount() {
        return problems.size() + experiments.stream().mapToLong(e -> e.problems().size()).sum();
    }
}
