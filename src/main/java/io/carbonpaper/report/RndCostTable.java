package io.carbonpaper.report;

import io.carbonpaper.estimate.ExperimentEstimate;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ProjectTotals;
import io.carbonpaper.unit.MassUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The paper's Table 4 for the user's project: the final model, one tuning run and every
 * experiment, with models, hours, accelerator-hours, energy, CO2e, the cloud price range and the
 * cost of electricity. Energy, CO2e and electricity carry their ranges; the CSV adds their ends
 * as {@code _low}/{@code _high} columns after the central values.
 */
final class RndCostTable {
    static final String ID = "rnd-cost";

    private RndCostTable() {}

    static List<String> csvHeader(MassUnit unit, String currency, boolean embodied) {
        String u = unit.symbol(), c = currency.toLowerCase(Locale.ROOT);
        List<String> h = new ArrayList<>(List.of("scope", "group", "models", "hours", "accelerator_hours", "kwh_pue", "co2e_" + u,
                "cloud_usd_low", "cloud_usd_high", "electricity_" + c));
        if (embodied) h.add("embodied_co2e_" + u);
        h.addAll(List.of("kwh_pue_low", "kwh_pue_high", "co2e_" + u + "_low", "co2e_" + u + "_high", "electricity_" + c + "_low",
                "electricity_" + c + "_high"));
        return h;
    }

    static Table build(int number, ProjectEconomics p, Footnotes notes) {
        MassUnit unit = p.config().units();
        boolean embodied = p.config().embodied();
        String currency = p.config().electricity().map(e -> e.currency()).orElse("USD");

        List<String> hoursMarks = new ArrayList<>(), energyMarks = new ArrayList<>(), co2Marks = new ArrayList<>(), costMarks = new ArrayList<>(),
                electricityMarks = new ArrayList<>(), embodiedMarks = new ArrayList<>();
        for (Assumption a : p.estimateAssumptions()) {
            if (a.first().equals(Optional.of(Assumption.Affects.CO2E))) co2Marks.add(notes.mark(a));
            else if (a.changes(Assumption.Affects.ENERGY)) energyMarks.add(notes.mark(a));
            else if (p.priceAs().isEmpty() && a.changes(Assumption.Affects.COST)) costMarks.add(notes.mark(a));
        }
        for (Assumption a : p.priceNotes()) costMarks.add(notes.mark(a));
        if (p.config().electricity().isPresent()) {
            electricityMarks.add(notes.mark(Assumption.of("electricity-price", String.format(Locale.ROOT,
                    "Electricity at %s %s per kWh (setting electricity_price_per_kwh), times the energy including PUE.",
                    Numerals.raw(p.config().electricity().get().perKilowattHour()), currency))));
        } else {
            electricityMarks.add(notes.mark(Assumption.of("electricity-unpriced", "No electricity price configured (setting electricity_price_per_kwh).")));
        }
        if (p.all().withoutEnergy() > 0)
            energyMarks.add(notes.mark(Assumption.of("rnd-without-energy", p.all().withoutEnergy()
                    + " experiments have no power figure (as the paper's TPU rows): their hours count, their energy does not.", "strubell-2019")));
        if (p.all().withoutHours() > 0)
            hoursMarks.add(notes.mark(Assumption.of("rnd-without-hours", Numerals.grouped(p.all().withoutHours(), 0)
                    + (p.all().withoutHours() == 1 ? " experiment has" : " experiments have") + " a measured energy but no recorded run time:"
                    + " their energy counts, their hours and accelerator-hours do not.")));
        if (embodied) embodiedMarks.addAll(EmbodiedNotes.marks(p, notes));

        List<Column> columns = new ArrayList<>(List.of(
                Column.text("Scope", "scope"),
                Column.number("Models", "", "models"),
                Column.number("Hours", "h", "hours").withMarks(hoursMarks),
                Column.number("Accelerator-hours", "h", "accelerator_hours").withMarks(hoursMarks),
                Column.number("kWh\u00b7PUE", "kWh", "kwh_pue").withMarks(energyMarks),
                Column.number("CO\u2082e", unit.symbol(), "co2e_" + unit.symbol()).withMarks(co2Marks),
                Column.number("Cloud compute cost", "USD", "cloud_usd").withMarks(costMarks),
                Column.number("Electricity cost", currency, "electricity_" + currency.toLowerCase(Locale.ROOT)).withMarks(electricityMarks)));
        if (embodied) columns.add(Column.number("Embodied CO\u2082e", unit.symbol(), "embodied_co2e_" + unit.symbol()).withMarks(embodiedMarks));

        List<Row> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        // A row is shown only where it is known: marked, or inferred (and said so); otherwise the
        // "All experiments" row carries a footnote saying how to mark it (issue 18).
        List<String> allMarks = new ArrayList<>();
        switch (p.split().finalBasis()) {
            case MARKED -> add(rows, csv, "Final model", p.config().finalGroup(), p.finals(), unit, embodied, List.of());
            case INFERRED -> add(rows, csv, "Final model", "", p.finals(), unit, embodied, List.of(notes.mark(Assumption.of("rnd-final-lone",
                    "Final model: the project's only experiment (none is marked final: true)."))));
            case NONE -> allMarks.add(notes.mark(Assumption.of("rnd-no-final", "No final model row: no experiment is marked. Mark it with "
                    + "final: true in its experiment.yaml, or name its group with final_group: NAME in carbonpaper.yaml (now '"
                    + p.config().finalGroup() + "').")));
        }
        switch (p.split().tuneBasis()) {
            case MARKED -> add(rows, csv, "One tuning run", p.split().tuneGroup().orElse(""), p.tune(), unit, embodied,
                    List.of(notes.mark(Assumption.of("rnd-tune", "One tuning run: the group '" + p.config().tuneGroup().orElse("")
                            + "' (setting tune_group)" + (p.split().tune().isEmpty() ? ", which holds no estimated experiment." : ".")))));
            case INFERRED -> add(rows, csv, "One tuning run", p.split().tuneGroup().orElse(""), p.tune(), unit, embodied,
                    List.of(notes.mark(Assumption.of("rnd-tune", "One tuning run: the group '" + p.split().tuneGroup().orElse("")
                            + "', taken as a search because its " + p.tune().models() + " runs differ only in hyper-parameters"
                            + " (the largest such group by accelerator-hours; name another with tune_group: NAME in carbonpaper.yaml)."))));
            case NONE -> allMarks.add(notes.mark(Assumption.of("rnd-no-tune", "No tuning run row: no group is marked, and none is a search"
                    + " (two or more runs on the same hardware differing only in hyper-parameters). Name one with tune_group: NAME"
                    + " in carbonpaper.yaml.")));
        }
        allMarks.add(0, notes.mark(Assumption.of("rnd-all",
                "All experiments: every estimated run in the logs, in " + p.split().groups() + (p.split().groups() == 1 ? " group" : " groups")
                        + (p.experiments() > ExperimentEstimate.runs(p.estimates()) ? "; " + ExperimentEstimate.runs(p.estimates()) + " of the " + p.experiments()
                        + " experiments (the others could not be estimated: see Table 1)." : "."))));
        add(rows, csv, "All experiments", "", p.all(), unit, embodied, allMarks.stream().sorted().toList());

        String caption = "The cost of the project's research and development, as the paper's Table 4: the final model, one tuning run, "
                + "and every experiment, with energy, CO\u2082e and electricity cost as central estimates and (low\u2013high) ranges.";
        List<String> used = new ArrayList<>();
        for (Column c : columns) used.addAll(c.marks());
        for (Row r : rows) for (Cell c : r.cells()) used.addAll(c.marks());
        return new Table(ID, number, caption, columns, rows, Optional.empty(), notes.only(used), csvHeader(unit, currency, embodied), csv);
    }

    /** A sum of thousands of hours carries binary noise (239,941.9999999); printed to the microhour it is whole again. */
    private static double sum(double hours) { return Math.rint(hours * 1e6) / 1e6; }

    private static void add(List<Row> rows, List<List<String>> csv, String scope, String group, ProjectTotals t, MassUnit unit,
                            boolean embodied, List<String> marks) {
        // No run of the row has its hours (energy measured by a tool alone): unknown, not zero.
        boolean untimed = t.withoutHours() == t.models() && t.models() > 0;
        List<Cell> cells = new ArrayList<>(List.of(
                Cell.of(scope).withMarks(marks),
                Cell.of(Numerals.grouped(t.models(), 0), Integer.toString(t.models())),
                untimed ? Cell.unknown() : Cell.of(Numerals.hours(sum(t.hours().value())), Numerals.raw(t.hours().value())),
                untimed ? Cell.unknown() : Cell.of(Numerals.hours(sum(t.acceleratorHours().value())), Numerals.raw(t.acceleratorHours().value())),
                t.energy().map(r -> RangeCells.figure(r, e -> e.kilowattHours())).orElse(Cell.unknown()),
                t.co2e().map(r -> RangeCells.figure(r, m -> m.in(unit))).orElse(Cell.unknown()),
                t.cloud().map(r -> Cell.of(Numerals.moneyRange(r.low().amount(), r.high().amount(), "USD"),
                        Numerals.raw(r.low().amount()) + "\u2013" + Numerals.raw(r.high().amount()))).orElse(Cell.unknown()),
                t.electricity().map(r -> RangeCells.money(r, m -> m.amount(), r.central().currency())).orElse(Cell.unknown())));
        if (embodied) cells.add(t.embodied().map(m -> Cell.of(Numerals.figure(m.in(unit)), Numerals.raw(m.in(unit)))).orElse(Cell.unknown()));
        rows.add(Row.of(cells));

        List<String> line = new ArrayList<>(List.of(scope, group, Integer.toString(t.models()), untimed ? "" : Numerals.raw(t.hours().value()),
                untimed ? "" : Numerals.raw(t.acceleratorHours().value()),
                t.energy().map(r -> RangeCells.raw(r, e -> e.kilowattHours(), 0)).orElse(""),
                t.co2e().map(r -> RangeCells.raw(r, m -> m.in(unit), 0)).orElse(""),
                t.cloud().map(r -> Numerals.raw(r.low().amount())).orElse(""),
                t.cloud().map(r -> Numerals.raw(r.high().amount())).orElse(""),
                t.electricity().map(r -> RangeCells.raw(r, m -> m.amount(), 0)).orElse("")));
        if (embodied) line.add(t.embodied().map(m -> Numerals.raw(m.in(unit))).orElse(""));
        line.addAll(List.of(
                t.energy().map(r -> RangeCells.raw(r, e -> e.kilowattHours(), -1)).orElse(""),
                t.energy().map(r -> RangeCells.raw(r, e -> e.kilowattHours(), 1)).orElse(""),
                t.co2e().map(r -> RangeCells.raw(r, m -> m.in(unit), -1)).orElse(""),
                t.co2e().map(r -> RangeCells.raw(r, m -> m.in(unit), 1)).orElse(""),
                t.electricity().map(r -> RangeCells.raw(r, m -> m.amount(), -1)).orElse(""),
                t.electricity().map(r -> RangeCells.raw(r, m -> m.amount(), 1)).orElse("")));
        csv.add(line);
    }
}
