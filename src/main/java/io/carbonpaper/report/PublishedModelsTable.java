package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.estimate.ProjectTotals;
import io.carbonpaper.reference.PublishedModel;
import io.carbonpaper.unit.MassUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The project beside published training footprints (issue 21, setting {@code published_models: true}): the
 * project's own rows first (the whole project and, where one is marked, its final model), marked
 * {@code this_project} in CSV and named "This project" in print, then every row of
 * catalog/published-models.csv with its hardware, hours, energy, CO2e and method, each figure as the source
 * states it (the source and its year in a footnote on the row, and in the CSV), converted to the report's
 * units (kWh, the report's mass unit). A published row whose figures could not be checked against the source is marked with a footnote saying so (its
 * {@code checked} column reads {@code unverified}), and so is one checked only against secondary accounts
 * ({@code secondary}).
 */
final class PublishedModelsTable {
    static final String ID = "published-models";

    private PublishedModelsTable() {}

    static Table build(int number, ProjectEconomics economics, List<PublishedModel> published, Footnotes notes) {
        MassUnit unit = economics.config().units();
        String u = unit.symbol();
        List<Column> columns = List.of(
                Column.text("Model", "model"),
                Column.text("Hardware", "hardware"),
                Column.number("Hours", "h", "hours"),
                Column.number("Accelerator-hours", "h", "accelerator_hours"),
                Column.number("Energy", "kWh", "energy_kwh"),
                Column.number("CO\u2082e", u, "co2e_" + u),
                Column.text("Method", "method"));
        List<String> header = List.of("model", "this_project", "hardware", "wall_hours", "device_hours", "energy_kwh", "energy_scope",
                "co2e_" + u, "co2e_as_stated", "co2e_unit_as_stated", "method", "source", "year", "checked", "note");
        List<Row> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        List<String> used = new ArrayList<>();
        String own = notes.mark(Assumption.of("published-own", "This project's rows are this report's own central "
                + "estimates (the training cost table's method; their ranges are in the R&D cost table); the published rows are each source's own figures, not recomputed: methods, "
                + "PUE and grids differ, so the comparison is of orders of magnitude."));
        used.add(own);
        project(rows, csv, "This project (all experiments)", economics.all(), economics.split().all(), unit, own);
        if (economics.finals().models() > 0)
            project(rows, csv, "This project: final model", economics.finals(), economics.split().finals(), unit, own);
        for (PublishedModel p : published) {
            List<String> marks = new ArrayList<>();
            marks.add(notes.mark(Assumption.of("published-source-" + p.source(), "Figures as published in " + p.year()
                    + " by the source cited here, in its own scope (the CSV's note column says what each row covers).", p.source())));
            if (p.checked().equals("unverified")) {
                marks.add(notes.mark(Assumption.of("published-unverified", "Unverified: only the source's abstract could be read "
                        + "when the catalog was compiled, so these figures were not checked against the source itself (the catalog "
                        + "README says how each was read).")));
            } else if (p.checked().equals("secondary")) {
                marks.add(notes.mark(Assumption.of("published-secondary", "Secondary: these figures agree with secondary accounts "
                        + "quoting the source; the source itself was not re-read when the catalog was compiled.")));
            }
            for (String m : marks) if (!used.contains(m)) used.add(m);
            rows.add(Row.of(List.of(
                    Cell.of(p.model()).withMarks(marks),
                    Cell.of(p.hardware()),
                    number(p.wallHours()),
                    number(p.deviceHours()),
                    p.energy().map(e -> Cell.of(Numerals.figure(e.kilowattHours()), Numerals.raw(e.kilowattHours()))).orElse(Cell.unknown()),
                    p.co2e().map(m -> Cell.of(Numerals.figure(m.in(unit)), Numerals.raw(m.in(unit)))).orElse(Cell.unknown()),
                    Cell.of(p.method()))));
            csv.add(List.of(p.model(), "false", p.hardware(), raw(p.wallHours()), raw(p.deviceHours()),
                    p.energy().map(e -> Numerals.raw(e.kilowattHours())).orElse(""), p.energyScope(),
                    p.co2e().map(m -> Numerals.raw(m.in(unit))).orElse(""), raw(p.co2eAsStated()), p.co2e().isPresent() ? p.co2eUnit() : "",
                    p.method(), p.source(), Integer.toString(p.year()), p.checked(), p.note()));
        }
        String caption = "This project beside published training footprints (setting published_models): the published figures "
                + "are their sources' own, in kWh and " + u + "; a dash where a source gives no figure. Method: measured-projected "
                + "(a measured draw projected to the full training time, as Strubell et al.), operator-measured, estimated, or "
                + "life-cycle (including idle and manufacturing).";
        return new Table(ID, number, caption, columns, rows, java.util.Optional.empty(), notes.only(used), header, csv);
    }

    private static void project(List<Row> rows, List<List<String>> csv, String name, ProjectTotals t, List<ExperimentEstimate> estimates,
                                MassUnit unit, String mark) {
        TreeSet<String> hardware = new TreeSet<>();
        for (ExperimentEstimate e : estimates) hardware.add(e.hardwareLabel());
        String hw = hardware.size() <= 3 ? String.join(", ", hardware) : String.join(", ", List.copyOf(hardware).subList(0, 3)) + ", \u2026";
        rows.add(Row.of(List.of(
                Cell.of(name).withMarks(List.of(mark)),
                Cell.of(hw),
                Cell.of(Numerals.figure(t.hours().value()), Numerals.raw(t.hours().value())),
                Cell.of(Numerals.figure(t.acceleratorHours().value()), Numerals.raw(t.acceleratorHours().value())),
                t.energy().map(r -> Cell.of(Numerals.figure(r.central().kilowattHours()), Numerals.raw(r.central().kilowattHours())))
                        .orElse(Cell.unknown()),
                t.co2e().map(r -> Cell.of(Numerals.figure(r.central().in(unit)), Numerals.raw(r.central().in(unit)))).orElse(Cell.unknown()),
                Cell.of("this report"))));
        csv.add(List.of(name, "true", hw, Numerals.raw(t.hours().value()), Numerals.raw(t.acceleratorHours().value()),
                t.energy().map(r -> Numerals.raw(r.central().kilowattHours())).orElse(""), t.energy().isPresent() ? "facility" : "",
                t.co2e().map(r -> Numerals.raw(r.central().in(unit))).orElse(""), "", "", "this report", "", "", "", ""));
    }

    private static Cell number(OptionalDouble d) {
        return d.isPresent() ? Cell.of(Numerals.figure(d.getAsDouble()), Numerals.raw(d.getAsDouble())) : Cell.unknown();
    }

    private static String raw(OptionalDouble d) { return d.isPresent() ? Numerals.raw(d.getAsDouble()) : ""; }
}
