package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.OwnedCost;
import io.carbonpaper.estimate.ProjectTotals;
import io.carbonpaper.settings.OwnedHardware;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The project's accelerator-hours bought three ways: on demand, pre-emptible, or on the owned
 * servers of the {@code owned:} setting (purchase and hosting written off over the lifetime at
 * the utilisation observed in the logs, plus the electricity of the same energy), with the
 * utilisation at which owning breaks even with each cloud price. A last row writes the servers
 * off over this project alone, as the paper's "about half the cost of on-demand cloud" did.
 */
final class CloudVsOwnedTable {
    static final String ID = "cloud-vs-owned";

    private CloudVsOwnedTable() {}

    static Optional<Table> build(int number, ProjectEconomics p, Footnotes notes) {
        if (p.config().owned().isEmpty()) return Optional.empty();
        OwnedHardware o = p.config().owned().get();
        ProjectTotals all = p.all();
        Hours used = all.acceleratorHours();
        if (used.value() <= 0) return Optional.empty();

        List<String> ownedMarks = new ArrayList<>();
        Optional<AcceleratorSpec> spec = p.catalogs().accelerators().find(o.accelerator());
        String model = spec.map(AcceleratorSpec::key).orElse(o.accelerator());
        Money purchasePerAcc = o.purchasePerServer().times(1.0 / o.acceleratorsPerServer());
        Money hostingPerAccYear = o.hostingPerYear().plus(o.purchasePerServer().times(o.hostingFraction())).times(1.0 / o.acceleratorsPerServer());

        // Electricity: the same energy as the estimates, at the configured price; only USD adds to USD prices.
        Optional<Range<Money>> electricity = all.electricity().filter(r -> r.central().currency().equals("USD"));
        if (electricity.isEmpty())
            ownedMarks.add(notes.mark(Assumption.of("owned-no-electricity", "No electricity price in USD (settings electricity_price_per_kwh, currency): "
                    + "owned costs leave electricity out.")));
        Money elecPerHour = electricity.map(r -> r.central().times(1 / used.value())).orElse(Money.usd(0));
        OwnedCost cost = new OwnedCost(purchasePerAcc, hostingPerAccYear, o.lifetimeYears(), elecPerHour);

        double utilisation;
        String utilText;
        if (o.utilisation().isPresent()) {
            utilisation = o.utilisation().get();
            utilText = "the configured utilisation " + pct(utilisation) + " (setting owned.utilisation)";
        } else if (p.period().isPresent()) {
            double busy = used.value() / p.period().get().value();
            utilisation = OwnedCost.utilisation(used, o.accelerators(), p.period().get());
            utilText = String.format(Locale.ROOT, "the observed utilisation %s: %s accelerator-hours over %s days on %d accelerators",
                    pct(utilisation), Numerals.figure(used.value()), Numerals.figure(p.period().get().value() / 24), o.accelerators());
            if (busy > o.accelerators())
                utilText += String.format(Locale.ROOT, " (these hours kept %s accelerators busy, more than the %d configured: "
                        + "priced as enough servers, fully used)", Numerals.figure(busy), o.accelerators());
        } else {
            utilisation = 1.0;
            utilText = "full utilisation (not every experiment has start and end times to observe it; setting owned.utilisation)";
        }
        ownedMarks.add(notes.mark(Assumption.of("owned-model", String.format(Locale.ROOT,
                "Owned: %d server%s of %d %s at %s each, written off over %s years%s, at %s; electricity as estimated for the project.",
                o.servers(), o.servers() == 1 ? "" : "s", o.acceleratorsPerServer(), model, Numerals.money(o.purchasePerServer().amount(), "USD"),
                Numerals.raw(o.lifetimeYears()), hostingPerAccYear.amount() > 0 ? ", hosting " + Numerals.money(hostingPerAccYear.amount()
                        * o.acceleratorsPerServer(), "USD") + " per server and year" : ", no hosting overhead", utilText), "strubell-2019")));

        List<Column> columns = List.of(
                Column.text("Option", "option"),
                Column.number("Accelerator-hours", "h", "accelerator_hours"),
                Column.number("Hardware", "USD", "hardware_usd"),
                Column.number("Electricity", "USD", "electricity_usd"),
                Column.number("Total", "USD", "cost_usd"),
                Column.number("Per accelerator-hour", "USD", "usd_per_accelerator_hour"),
                Column.number("Break-even utilisation", "%", "break_even_utilisation"));
        List<Row> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        List<String> cloudMarks = new ArrayList<>();
        for (Assumption a : p.priceNotes()) cloudMarks.add(notes.mark(a));
        cloudMarks.add(notes.mark(Assumption.of("owned-break-even", "Break-even: the utilisation at which an owned accelerator-hour "
                + "(purchase and hosting over the lifetime, divided by the hours used, plus electricity) costs as much as this cloud price; "
                + "above 100% owning never pays.")));
        if (all.cloud().isPresent()) {
            Range<Money> c = all.cloud().get();
            cloudRow(rows, csv, "Cloud, on demand", used, c.high(), cost, cloudMarks);
            cloudRow(rows, csv, "Cloud, pre-emptible", used, c.low(), cost, cloudMarks);
        }
        Money hardware = cost.fixedShareOf(used, utilisation);
        ownedRow(rows, csv, "Owned, " + o.servers() + " \u00d7 " + o.acceleratorsPerServer() + " " + model + ", " + Numerals.raw(o.lifetimeYears())
                + "-year life, " + pct(utilisation) + " utilised", used, hardware, electricity, utilisation, ownedMarks);
        if (p.period().isPresent()) {
            double projectYears = p.period().get().value() / (24 * 365.0);
            double busy = used.value() / p.period().get().value();
            Money bought = purchasePerAcc.plus(hostingPerAccYear.times(projectYears)).times(busy);
            ownedRow(rows, csv, "Owned, bought for this project alone", used, bought, electricity, 1.0,
                    List.of(notes.mark(Assumption.of("owned-project-only", String.format(Locale.ROOT, "The purchase of just enough "
                            + "accelerators to run these hours in the %s days (%s, at %s each), charged wholly to this project with no value "
                            + "left after it, as Strubell et al. compared about $145,000 of GPUs (about 58 for 172 days) with on-demand cloud prices.",
                            Numerals.figure(p.period().get().value() / 24), Numerals.figure(busy),
                            Numerals.money(purchasePerAcc.amount(), "USD")), "strubell-2019"))));
        }
        String caption = "The project's accelerator-hours rented on demand, pre-emptible, or run on owned servers, with the utilisation "
                + "at which owning costs the same as each cloud price.";
        List<String> used2 = new ArrayList<>();
        for (Column col : columns) used2.addAll(col.marks());
        for (Row r : rows) for (Cell cell : r.cells()) used2.addAll(cell.marks());
        return Optional.of(new Table(ID, number, caption, columns, rows, Optional.empty(), notes.only(used2),
                List.of("option", "accelerator_hours", "hardware_usd", "electricity_usd", "cost_usd", "usd_per_accelerator_hour",
                        "break_even_utilisation", "utilisation", "cost_usd_low", "cost_usd_high"), csv));
    }

    private static void cloudRow(List<Row> rows, List<List<String>> csv, String name, Hours used, Money total, OwnedCost cost,
                                 List<String> marks) {
        Money perHour = total.times(1 / used.value());
        OptionalDouble be = cost.breakEven(perHour);
        rows.add(Row.of(List.of(Cell.of(name).withMarks(marks), hours(used), Cell.of("", ""), Cell.of("", ""),
                money(total), Cell.of(Numerals.money(perHour.amount(), "USD"), Numerals.raw(perHour.amount())),
                be.isPresent() ? Cell.of(pct(be.getAsDouble()), Numerals.raw(be.getAsDouble())) : Cell.of("never", ""))));
        csv.add(List.of(name, Numerals.raw(used.value()), "", "", Numerals.raw(total.amount()), Numerals.raw(perHour.amount()),
                be.isPresent() ? Numerals.raw(be.getAsDouble()) : "", "", Numerals.raw(total.amount()), Numerals.raw(total.amount())));
    }

    private static void ownedRow(List<Row> rows, List<List<String>> csv, String name, Hours used, Money hardware,
                                 Optional<Range<Money>> electricity, double utilisation, List<String> marks) {
        Money elec = electricity.map(Range::central).orElse(Money.usd(0));
        Money total = hardware.plus(elec);
        Money low = hardware.plus(electricity.map(Range::low).orElse(Money.usd(0)));
        Money high = hardware.plus(electricity.map(Range::high).orElse(Money.usd(0)));
        Money perHour = total.times(1 / used.value());
        rows.add(Row.of(List.of(Cell.of(name).withMarks(marks), hours(used), money(hardware),
                electricity.map(r -> RangeCells.money(r, Money::amount, "USD")).orElse(Cell.unknown()),
                RangeCells.money(new Range<>(low, total, high), Money::amount, "USD"),
                Cell.of(Numerals.money(perHour.amount(), "USD"), Numerals.raw(perHour.amount())), Cell.of("", ""))));
        csv.add(List.of(name, Numerals.raw(used.value()), Numerals.raw(hardware.amount()), electricity.map(r -> Numerals.raw(r.central().amount())).orElse(""),
                Numerals.raw(total.amount()), Numerals.raw(perHour.amount()), "", Numerals.raw(utilisation), Numerals.raw(low.amount()),
                Numerals.raw(high.amount())));
    }

    private static Cell hours(Hours h) { return Cell.of(Numerals.hours(h.value()), Numerals.raw(h.value())); }

    private static Cell money(Money m) { return Cell.of(Numerals.money(m.amount(), m.currency()), Numerals.raw(m.amount())); }

    private static String pct(double share) {
        double v = 100 * share;
        return (v >= 10 ? Numerals.grouped(v, 0) : Numerals.grouped(v, 1)) + "%";
    }
}
