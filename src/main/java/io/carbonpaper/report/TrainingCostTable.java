package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.estimate.MissingFigure;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The paper's Table 3 for the user's experiments: hardware, power, hours, kWh x PUE, CO2e and the
 * cloud price range per experiment, with a totals row. Every experiment is a row: one without an
 * energy figure keeps its row with dashes, {@code energy_source} {@code none} and a footnote
 * saying why; the totals row says how many of the experiments its sums cover.
 */
public final class TrainingCostTable {
    static final String ID = "training-cost";
    static final List<String> CSV_HEADER = List.of("experiment", "group", "hardware", "power_w", "hours", "kwh_pue", "co2e_kg",
            "co2e_lbs", "cloud_usd_low", "cloud_usd_high", "energy_source");

    private TrainingCostTable() {}

    /**
     * @param experiments every experiment, in report order
     * @param results     their estimates, index for index
     * @param link        the page of an experiment, or empty
     */
    static Table build(int number, List<Experiment> experiments, List<EstimateResult> results, MassUnit unit, Footnotes notes,
                       List<Assumption> columnNotes, Function<Experiment, String> link) {
        return build(number, experiments, results, unit, notes, columnNotes, link, Optional.empty());
    }

    /**
     * @param more the CSV rows of the experiments folded into {@code experiments}' folds ({@link Experiment#isFold}),
     *             which have no CSV row of their own
     */
    static Table build(int number, List<Experiment> experiments, List<EstimateResult> results, MassUnit unit, Footnotes notes,
                       List<Assumption> columnNotes, Function<Experiment, String> link, Optional<Table.CsvRows> more) {
        List<String> energyMarks = new ArrayList<>();
        List<String> co2Marks = new ArrayList<>();
        for (Assumption a : columnNotes) (a.first().equals(Optional.of(Assumption.Affects.CO2E)) ? co2Marks : energyMarks).add(notes.mark(a));
        List<Column> columns = List.of(
                Column.text("Model", "experiment"),
                Column.text("Hardware", "hardware"),
                Column.number("Power", "W", "power_w"),
                Column.number("Hours", "h", "hours"),
                Column.number("kWh\u00b7PUE", "kWh", "kwh_pue").withMarks(energyMarks),
                Column.number("CO\u2082e", unit.symbol(), unit == MassUnit.LBS ? "co2e_lbs" : "co2e_kg").withMarks(co2Marks),
                Column.number("Cloud compute cost", "USD", "cloud_usd"),
                Column.text("Energy source", "energy_source"));

        List<Row> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        Energy totalEnergy = Energy.ZERO;
        Mass totalCo2 = Mass.ZERO;
        Money low = Money.usd(0), high = Money.usd(0);
        boolean anyCloud = false, anyEnergy = false;
        long withEnergy = 0;
        for (int i = 0; i < experiments.size(); i++) {
            if (results.get(i).estimate().isEmpty()) {
                Experiment x = experiments.get(i);
                List<String> why = new ArrayList<>();
                for (MissingFigure m : results.get(i).missing()) why.add(notes.mark(m.footnote()));
                String hardware = x.hardware().map(TrainingCostTable::asRead).orElse("");
                rows.add(new Row(List.of(
                        Cell.name(x.name()),
                        hardware.isEmpty() ? Cell.unknown() : Cell.of(hardware),
                        Cell.unknown(),
                        x.hours().map(h -> Cell.of(Numerals.hours(h.value()), Numerals.raw(h.value()))).orElse(Cell.unknown()),
                        Cell.unknown().withMarks(why),
                        Cell.unknown(),
                        Cell.unknown(),
                        Cell.of(NONE, NONE)), link.apply(x)));
                if (!x.isFold()) csv.add(csvRow(x, results.get(i)));
                continue;
            }
            ExperimentEstimate e = results.get(i).estimate().get();
            List<String> powerMarks = new ArrayList<>(), energyCellMarks = new ArrayList<>(), co2CellMarks = new ArrayList<>(), costMarks = new ArrayList<>(),
                    hoursMarks = new ArrayList<>();
            for (Assumption a : e.assumptions()) {
                if (columnNotes.stream().anyMatch(c -> c.id().equals(a.id()))) continue;
                String m = notes.mark(a);
                switch (a.first().orElse(Assumption.Affects.POWER)) {
                    case HOURS -> hoursMarks.add(m);
                    case CO2E -> co2CellMarks.add(m);
                    case ENERGY -> energyCellMarks.add(m);
                    case COST -> costMarks.add(m);
                    case POWER -> powerMarks.add(m);
                }
            }
            Optional<Energy> energy = e.energy().map(Range::central);
            Optional<Mass> co2 = e.co2e().map(Range::central);
            Optional<Range<Money>> cloud = e.cloud().filter(r -> r.low().currency().equals("USD"));
            rows.add(new Row(List.of(
                    Cell.name(e.experiment().name()),
                    Cell.of(e.hardwareLabel()),
                    e.power().map(p -> Cell.of(Numerals.watts(p.watts()), Numerals.raw(p.watts()))).orElse(Cell.unknown()).withMarks(powerMarks),
                    e.hours().map(h -> Cell.of(Numerals.hours(h.value()), Numerals.raw(h.value()))).orElse(Cell.unknown()).withMarks(hoursMarks),
                    // Ranges in print only ("192 (150–240)"); the CSV keeps its required columns (ranges: rnd-cost.csv).
                    e.energy().map(r -> RangeCells.figure(r, x -> x.kilowattHours())).orElse(Cell.unknown()).withMarks(energyCellMarks),
                    e.co2e().map(r -> RangeCells.figure(r, x -> x.in(unit))).orElse(Cell.unknown()).withMarks(co2.isPresent() ? co2CellMarks : energyCellMarks),
                    cloud.map(r -> Cell.of(Numerals.moneyRange(r.low().amount(), r.high().amount(), "USD"),
                            Numerals.raw(r.low().amount()) + "\u2013" + Numerals.raw(r.high().amount()))).orElse(Cell.unknown()).withMarks(costMarks),
                    Cell.of(source(e), source(e))),
                    link.apply(e.experiment())));
            if (!e.experiment().isFold()) csv.add(csvRow(e.experiment(), results.get(i)));
            if (energy.isPresent()) {
                anyEnergy = true;
                withEnergy += e.experiment().runs();
                totalEnergy = totalEnergy.plus(energy.get());
                totalCo2 = totalCo2.plus(co2.orElseThrow());
            }
            if (cloud.isPresent()) {
                anyCloud = true;
                low = low.plus(cloud.get().low());
                high = high.plus(cloud.get().high());
            }
        }
        Energy te = totalEnergy;
        Mass tc = totalCo2;
        Money tl = low, th = high;
        Row total = Row.of(List.of(
                Cell.of(totalLabel(Experiment.runs(experiments), withEnergy)),
                Cell.of(""), Cell.of(""), Cell.of(""),
                anyEnergy ? Cell.of(Numerals.figure(te.kilowattHours()), Numerals.raw(te.kilowattHours())) : Cell.unknown(),
                anyEnergy ? Cell.of(Numerals.figure(tc.in(unit)), Numerals.raw(tc.in(unit))) : Cell.unknown(),
                anyCloud ? Cell.of(Numerals.moneyRange(tl.amount(), th.amount(), "USD"), Numerals.raw(tl.amount()) + "\u2013" + Numerals.raw(th.amount())) : Cell.unknown(),
                Cell.of("")));
        String caption = "Estimated cost of training each experiment: average power, hours, energy including PUE, CO\u2082e and the cloud compute cost range (pre-emptible to on-demand).";
        List<String> used = new ArrayList<>();
        for (Column c : columns) used.addAll(c.marks());
        for (Row r : rows) for (Cell c : r.cells()) used.addAll(c.marks());
        return new Table(ID, number, caption, columns, rows, Optional.of(total), notes.only(used), CSV_HEADER, csv, more);
    }

    /** The CSV row of one experiment (not a fold): its figures unrounded, empty where unknown. */
    public static List<String> csvRow(Experiment x, EstimateResult r) {
        if (r.estimate().isEmpty()) {
            String hardware = x.hardware().map(TrainingCostTable::asRead).orElse("");
            return List.of(x.name(), x.group(), hardware, "", x.hours().map(h -> Numerals.raw(h.value())).orElse(""), "", "", "", "", "", NONE);
        }
        ExperimentEstimate e = r.estimate().get();
        Optional<Energy> energy = e.energy().map(Range::central);
        Optional<Mass> co2 = e.co2e().map(Range::central);
        Optional<Range<Money>> cloud = e.cloud().filter(c -> c.low().currency().equals("USD"));
        return List.of(
                e.experiment().name(),
                e.experiment().group(),
                e.hardwareLabel(),
                e.power().map(p -> Numerals.raw(p.watts())).orElse(""),
                e.hours().map(h -> Numerals.raw(h.value())).orElse(""),
                energy.map(v -> Numerals.raw(v.kilowattHours())).orElse(""),
                co2.map(v -> Numerals.raw(v.kilograms())).orElse(""),
                co2.map(v -> Numerals.raw(v.pounds())).orElse(""),
                cloud.map(c -> Numerals.raw(c.low().amount())).orElse(""),
                cloud.map(c -> Numerals.raw(c.high().amount())).orElse(""),
                source(e));
    }

    /** The {@code energy_source} of a row without an energy figure. */
    static final String NONE = "none";

    private static String source(ExperimentEstimate e) { return e.energy().isEmpty() || e.method().csvName().isEmpty() ? NONE : e.method().csvName(); }

    /** {@code TPU v9x4}, or a mix's parts joined by {@code +}: the hardware as the logs named it. */
    private static String asRead(Hardware h) {
        List<String> parts = new ArrayList<>();
        for (Hardware.Part p : h.parts()) parts.add(Hardware.times(p.name(), p.count()));
        return String.join("+", parts);
    }

    /** "Total (19 experiments)", or with how many of them the sums cover: "Total (19 experiments, 16 with an energy figure)". */
    static String totalLabel(long experiments, long withEnergy) {
        String all = experiments + (experiments == 1 ? " experiment" : " experiments");
        return "Total (" + (withEnergy == experiments ? all : all + ", " + withEnergy + " with an energy figure") + ")";
    }
}
