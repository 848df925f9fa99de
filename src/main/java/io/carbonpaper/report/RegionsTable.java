package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.estimate.Spreads;
import io.carbonpaper.estimate.TrainingCostEstimator;
import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.reference.GridCatalog;
import io.carbonpaper.reference.GridIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.MassUnit;
import io.carbonpaper.unit.Range;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The project's energy as CO2e in other grids (the paper's Table 2 in spirit): what choosing
 * where to train changes. The grids are the setting {@code regions}, or by default the grids that
 * matter to this project: its own (the grids its experiments were priced at, largest share of the
 * energy first), its configured region, the cloud regions of the price lists its experiments were
 * priced at (else the providers' flagship regions), the paper's US average, the world average and
 * the largest grids. A column gives each grid's share of the project's energy, so the project's own
 * rows are the ones with a share.
 */
final class RegionsTable {
    static final String ID = "regions";
    /** The providers' flagship regions: the ones their consoles default to and list first. */
    static final List<String> PROVIDER_REGIONS = List.of("aws:us-east-1", "gcp:us-central1", "azure:eastus");
    /**
     * The largest grids by electricity generated (Ember, Yearly Electricity Data 2024: China, the
     * United States, the European Union, India): where most training elsewhere would happen.
     */
    static final List<String> LARGE_GRIDS = List.of("CHN", "USA", "eu", "IND");

    private RegionsTable() {}

    /** The grid keys to show, with a note for each configured key the catalog does not know. */
    static List<GridIntensity> selection(ProjectEconomics p, List<String> unknown) {
        GridCatalog grids = p.catalogs().grids();
        Map<String, GridIntensity> out = new LinkedHashMap<>();
        if (!p.config().regions().isEmpty()) {
            for (String k : p.config().regions()) {
                Optional<GridIntensity> g = grids.find(k);
                if (g.isPresent()) out.putIfAbsent(g.get().key(), g.get());
                else unknown.add(k);
            }
            return List.copyOf(out.values());
        }
        Map<String, Double> shares = shares(p);
        List<String> own = new ArrayList<>(shares.keySet());
        own.sort(Comparator.comparing((String k) -> -shares.get(k)).thenComparing(k -> k));
        for (String k : own) grids.find(k).ifPresent(g -> out.putIfAbsent(g.key(), g));
        p.config().region().flatMap(grids::find).ifPresent(g -> out.putIfAbsent(g.key(), g));
        List<String> cloud = priceListRegions(p);
        for (String k : cloud.isEmpty() ? PROVIDER_REGIONS : cloud) grids.find(k).ifPresent(g -> out.putIfAbsent(g.key(), g));
        out.putIfAbsent(grids.defaultGrid().key(), grids.defaultGrid());
        grids.find(GridCatalog.WORLD_KEY).ifPresent(g -> out.putIfAbsent(g.key(), g));
        for (String k : LARGE_GRIDS) grids.find(k).ifPresent(g -> out.putIfAbsent(g.key(), g));
        return List.copyOf(out.values());
    }

    /**
     * The project's own grids: each catalog grid an experiment with an energy estimate was priced at,
     * with its share of those experiments' energy (0 to 1; all 0 when that energy is 0).
     */
    static Map<String, Double> shares(ProjectEconomics p) {
        Map<String, Double> kwh = new TreeMap<>();
        double total = 0;
        for (ExperimentEstimate e : p.estimates()) {
            if (e.energy().isEmpty()) continue;
            double k = e.energy().get().central().kilowattHours();
            total += k;
            Optional<GridIntensity> g = TrainingCostEstimator.catalogGrid(e.experiment(), p.config(), p.catalogs().grids());
            if (g.isPresent()) kwh.merge(g.get().key(), k, Double::sum);
        }
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<String, Double> x : kwh.entrySet()) out.put(x.getKey(), total > 0 ? x.getValue() / total : 0.0);
        return out;
    }

    /** The cloud regions ({@code provider:region}) of the price lists the project's experiments were priced at. */
    private static List<String> priceListRegions(ProjectEconomics p) {
        TreeSet<String> lists = new TreeSet<>();
        for (ExperimentEstimate e : p.estimates()) e.priceCatalog().ifPresent(lists::add);
        p.priceAs().ifPresent(c -> lists.add(c.catalog()));
        TreeSet<String> out = new TreeSet<>();
        for (CloudPrice c : p.catalogs().cloudPrices().all()) {
            if (lists.contains(c.catalog())) out.add(c.provider() + ":" + c.region());
        }
        return List.copyOf(out);
    }

    static Table build(int number, ProjectEconomics p, Footnotes notes) {
        MassUnit unit = p.config().units();
        String u = unit.symbol();
        Optional<Range<Energy>> energy = p.all().energy();
        Optional<Mass> reportCo2 = p.all().co2e().map(Range::central);
        List<String> unknown = new ArrayList<>();
        List<GridIntensity> grids = selection(p, unknown);
        List<String> co2Marks = new ArrayList<>();
        if (!energy.isPresent())
            co2Marks.add(notes.mark(Assumption.of("regions-no-energy", "No experiment has a power figure, so no CO\u2082e can be computed.")));
        else co2Marks.add(notes.mark(Assumption.of("regions-energy", "The energy of all experiments, "
                + Numerals.figure(energy.get().central().kilowattHours()) + " kWh including PUE, at each grid's intensity; ranges combine the energy's range with the grid's year-to-year range where catalogued.")));
        if (!unknown.isEmpty())
            co2Marks.add(notes.mark(Assumption.of("regions-unknown", "Not in the grid catalog, left out: " + String.join(", ", unknown) + ".")));
        Map<String, Double> shares = shares(p);
        String shareMark = notes.mark(Assumption.of("regions-own", "The project's own grids: the share of its energy "
                + "priced at each grid's intensity (an experiment's region, else the project's, else where its CodeCarbon or carbontracker log says it ran, else the paper's US average)"
                + (shares.isEmpty() ? "; no experiment was priced at a catalogued grid." : "; empty for the other grids.")));
        List<Column> columns = List.of(
                Column.text("Grid", "grid_key"),
                Column.text("Kind", "kind"),
                Column.number("Year", "", "year"),
                Column.number("Intensity", "g/kWh", "intensity_g_per_kwh"),
                Column.number("CO\u2082e", u, "co2e_" + u).withMarks(co2Marks),
                Column.number("Change from this report", "%", "change_vs_report_pct"),
                Column.number("Project's energy here", "%", "project_energy_share_pct").withMarks(List.of(shareMark)));
        List<Row> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        for (GridIntensity g : grids) {
            String rangeCitation = g.rangeSource().filter(r -> !r.equals(g.source()))
                    .map(r -> " Range: its " + g.rangeYear().orElseThrow() + " figure, " + p.catalogs().sources().get(r).citation()).orElse("");
            String mark = notes.mark(new Assumption("grid-source-" + String.join("+", g.sources()), "Grid intensity: "
                    + p.catalogs().sources().get(g.source()).citation() + rangeCitation, g.sources()));
            List<String> marks = new ArrayList<>(List.of(mark));
            String name = g.name() + g.mapsTo().map(m -> " (grid " + m + ")").orElse("");
            Optional<Range<Mass>> co2 = energy.map(e -> Spreads.emissions(e, g.range()));
            Optional<Double> change = co2.flatMap(c -> reportCo2.filter(r -> r.kilograms() > 0)
                    .map(r -> Math.rint(1e6 * 100 * (c.central().kilograms() / r.kilograms() - 1)) / 1e6 + 0.0));
            rows.add(Row.of(List.of(
                    Cell.of(name, g.key()).withMarks(marks),
                    Cell.of(g.kind()),
                    Cell.of(Integer.toString(g.year())),
                    RangeCells.figure(g.range(), i -> i.gramsPerKilowattHour()),
                    co2.map(c -> RangeCells.figure(c, m -> m.in(unit))).orElse(Cell.unknown()),
                    change.map(c -> Cell.of(signed(c), Numerals.raw(c))).orElse(Cell.unknown()),
                    share(shares.get(g.key())))));
            csv.add(List.of(g.key(), g.name(), g.kind(), Integer.toString(g.year()), Numerals.raw(g.intensity().gramsPerKilowattHour()),
                    co2.map(c -> RangeCells.raw(c, m -> m.in(unit), 0)).orElse(""), change.map(Numerals::raw).orElse(""), g.source(),
                    Numerals.raw(g.range().low().gramsPerKilowattHour()), Numerals.raw(g.range().high().gramsPerKilowattHour()),
                    co2.map(c -> RangeCells.raw(c, m -> m.in(unit), -1)).orElse(""), co2.map(c -> RangeCells.raw(c, m -> m.in(unit), 1)).orElse(""),
                    shares.containsKey(g.key()) ? Numerals.raw(100 * shares.get(g.key())) : ""));
        }
        String caption = "The project's energy as CO\u2082e in its own grids (those with a share of its energy) and in other grids "
                + "and cloud regions: what choosing where to train changes.";
        List<String> used = new ArrayList<>();
        for (Column c : columns) used.addAll(c.marks());
        for (Row r : rows) for (Cell c : r.cells()) used.addAll(c.marks());
        return new Table(ID, number, caption, columns, rows, Optional.empty(), notes.only(used),
                List.of("grid_key", "grid", "kind", "year", "intensity_g_per_kwh", "co2e_" + u, "change_vs_report_pct", "source",
                        "intensity_g_per_kwh_low", "intensity_g_per_kwh_high", "co2e_" + u + "_low", "co2e_" + u + "_high",
                        "project_energy_share_pct"), csv);
    }

    /** A share of the project's energy as whole percent ("<1" for a sliver); empty for a grid the project did not use. */
    private static Cell share(Double fraction) {
        if (fraction == null) return Cell.of("");
        double pct = 100 * fraction;
        String raw = Numerals.raw(pct);
        if (pct > 0 && pct < 0.5) return Cell.of("<1", raw);
        if (pct >= 99.5 && pct < 100) return Cell.of(">99", raw);
        return Cell.of(Numerals.grouped(pct, 0), raw);
    }

    private static String signed(double pct) {
        String s = Numerals.grouped(Math.abs(pct), 0);
        return s.equals("0") ? "0" : (pct < 0 ? "\u2212" : "+") + s;
    }
}
