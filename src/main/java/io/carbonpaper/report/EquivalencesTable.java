package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ProjectTotals;
import io.carbonpaper.reference.Equivalence;
import io.carbonpaper.reference.Source;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paper's Table 1 for the user's project: everyday consumptions from the equivalence catalog,
 * each with how many of it the whole project's CO2e amounts to, and the project's own rows
 * (final model, one tuning run, all experiments) in the same unit.
 */
final class EquivalencesTable {
    static final String ID = "equivalences";

    private EquivalencesTable() {}

    static Table build(int number, ProjectEconomics p, Footnotes notes) {
        MassUnit unit = p.config().units();
        String u = unit.symbol();
        Optional<Range<Mass>> total = p.all().co2e();
        List<Column> columns = List.of(
                Column.text("Consumption", "consumption"),
                Column.number("CO\u2082e", u, "co2e_" + u),
                Column.number("The project's CO\u2082e in these", "\u00d7", "project_multiple"));
        List<Row> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        for (Equivalence e : p.catalogs().equivalences().all()) {
            Source s = p.catalogs().sources().get(e.source());
            String mark = notes.mark(Assumption.of("equivalence-source-" + s.id(), "Everyday figure from " + s.citation()
                    + (e.statedUnit() == unit ? "" : " Converted from " + e.statedUnit().symbol() + "."), s.id()));
            String multiple = total.map(t -> Numerals.raw(e.multiplesOf(t.central()))).orElse("");
            rows.add(Row.of(List.of(
                    Cell.name(e.name()).withMarks(List.of(mark)),
                    Cell.of(Numerals.figure(e.in(unit)), Numerals.raw(e.in(unit))),
                    total.map(t -> Cell.of(Numerals.figure(e.multiplesOf(t.central())), multiple)).orElse(Cell.unknown()))));
            csv.add(List.of(e.name(), "everyday", Numerals.raw(e.in(unit)), multiple, e.source(), "", ""));
        }
        project(rows, csv, "This project: final model", p.finals(), unit);
        project(rows, csv, "This project: one tuning run", p.tune(), unit);
        project(rows, csv, "This project: all experiments", p.all(), unit);
        String caption = "The project's CO\u2082e beside everyday consumptions, as the paper's Table 1, in " + u
                + "; the last column says how many of each the whole project amounts to.";
        List<String> used = new ArrayList<>();
        for (Row r : rows) for (Cell c : r.cells()) used.addAll(c.marks());
        return new Table(ID, number, caption, columns, rows, Optional.empty(), notes.only(used),
                List.of("consumption", "kind", "co2e_" + u, "project_multiple", "source", "co2e_" + u + "_low", "co2e_" + u + "_high"), csv);
    }

    private static void project(List<Row> rows, List<List<String>> csv, String name, ProjectTotals t, MassUnit unit) {
        if (t.models() == 0 || t.co2e().isEmpty()) return;
        Range<Mass> r = t.co2e().get();
        rows.add(Row.of(List.of(Cell.of(name), RangeCells.figure(r, m -> m.in(unit)), Cell.of(""))));
        csv.add(List.of(name, "project", RangeCells.raw(r, m -> m.in(unit), 0), "", "", RangeCells.raw(r, m -> m.in(unit), -1),
                RangeCells.raw(r, m -> m.in(unit), 1)));
    }
}
