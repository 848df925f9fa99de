package io.carbonpaper.reference;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Integrity of the bundled catalog files as a reviewer would audit them: raw rows, not loaded objects. */
class CatalogsTest {
    private static final List<String> SOURCE_COLUMNS = List.of("source", "price_source", "embodied_source", "range_source", "ba_source", "states_source");

    /** Read once per process (issue 20): a command's own call gets what a read started on another thread made. */
    @Test void theBundledCatalogsAreReadOnceEvenFromTwoThreads() throws Exception {
        Catalogs[] other = new Catalogs[1];
        Thread t = new Thread(() -> other[0] = Catalogs.bundled());
        t.start();
        Catalogs here = Catalogs.bundled();
        t.join();
        assertThat(other[0]).isSameAs(here);
        assertThat(here.accelerators()).isSameAs(AcceleratorCatalog.bundled());
        assertThat(here.grids().find("DEU")).isPresent();
    }

    static List<CSVRecord> rows(String file) throws Exception {
        try (InputStream in = CatalogsTest.class.getResourceAsStream("/catalog/" + file)) {
            assertThat(in).as(file).isNotNull();
            CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                    .setIgnoreEmptyLines(true).setTrim(true).get();
            try (CSVParser p = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), f)) {
                return p.getRecords();
            }
        }
    }

    @Test
    void bundledLoadsEveryCatalog() {
        Catalogs c = Catalogs.bundled();
        assertThat(c.accelerators().all()).hasSizeGreaterThan(30);
        assertThat(c.grids().all()).hasSizeGreaterThan(300);
        assertThat(c.equivalences().paper()).hasSize(4);
        assertThat(c.pue().defaultPue().value()).isEqualTo(1.58);
    }

    @ParameterizedTest
    @ValueSource(strings = {"accelerators.csv", "cpus.csv", "grid-intensity.csv", "grid-names.csv", "cloud-prices.csv", "pue.csv", "equivalences.csv"})
    void everyRowCitesAKnownSourceAndAYear(String file) throws Exception {
        SourceCatalog sources = SourceCatalog.bundled();
        for (CSVRecord r : rows(file)) {
            for (String column : SOURCE_COLUMNS) {
                if (!r.isSet(column) || r.get(column).isBlank()) continue;
                assertThat(sources.find(r.get(column))).as(file + ":" + r.getRecordNumber() + " " + column).isPresent();
            }
            assertThat(r.get("source")).as(file + ":" + r.getRecordNumber() + " source").isNotBlank();
            String year = r.isMapped("year") ? r.get("year") : r.get("as_of").substring(0, 4);
            assertThat(Integer.parseInt(year)).as(file + ":" + r.getRecordNumber() + " year").isBetween(1990, 2030);
        }
    }

    @Test
    void everySourceHasCitationUrlAndYear() throws Exception {
        Set<String> ids = new HashSet<>();
        for (CSVRecord r : rows("sources.csv")) {
            assertThat(ids.add(r.get("id"))).as("duplicate source " + r.get("id")).isTrue();
            assertThat(r.get("citation")).isNotBlank();
            assertThat(r.get("url")).startsWith("https://");
            assertThat(Integer.parseInt(r.get("year"))).isBetween(1990, 2030);
        }
    }

    /** A source without a row gets a makeshift @misc (the id as author, the citation as title): no bundled source should. */
    @Test
    void everySourceHasABibliographyRowWithAuthorAndTitle() throws Exception {
        SourceCatalog sources = SourceCatalog.bundled();
        for (CSVRecord r : rows("sources.csv")) {
            assertThat(sources.hasBib(r.get("id"))).as("bibliography.csv row for source " + r.get("id")).isTrue();
            assertThat(sources.bib(r.get("id")).author()).as(r.get("id") + " author").isNotBlank();
            assertThat(sources.bib(r.get("id")).title()).as(r.get("id") + " title").isNotBlank();
        }
    }

    @Test
    void acceleratorKeysAndAliasesAreUniqueAfterNormalising() throws Exception {
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : rows("accelerators.csv")) {
            Set<String> own = new HashSet<>();
            own.add(AcceleratorCatalog.normalise(r.get("key")));
            own.add(AcceleratorCatalog.normalise(r.get("name")));
            for (String a : r.get("aliases").split(";")) if (!a.isBlank()) own.add(AcceleratorCatalog.normalise(a.trim()));
            for (String n : own) assertThat(seen.add(n)).as("'" + n + "' names two accelerators").isTrue();
        }
    }

    @Test
    void acceleratorUnitsAreSane() throws Exception {
        for (CSVRecord r : rows("accelerators.csv")) {
            String at = "accelerators.csv " + r.get("key");
            if (!r.get("tdp_watts").isBlank()) assertThat(Double.parseDouble(r.get("tdp_watts"))).as(at).isBetween(10.0, 2000.0);
            else {
                assertThat(r.get("note")).as(at + ": an empty power says so").contains("No published power");
                if (!r.get("kind").equals("tpu") && !r.get("kind").equals("npu"))
                    assertThat(r.get("note")).as(at + ": only TPUs and other cloud-only chips lack a published power")
                            .contains("cloud-only");
            }
            assertThat(r.get("vendor")).as(at + " vendor").isNotBlank();
            assertThat(r.get("family")).as(at + " family").isNotBlank();
            if (!r.get("memory_gb").isBlank()) assertThat(Double.parseDouble(r.get("memory_gb"))).as(at).isBetween(1.0, 1024.0);
            if (!r.get("purchase_usd").isBlank()) assertThat(Double.parseDouble(r.get("purchase_usd"))).as(at).isPositive();
            if (!r.get("embodied_kg_co2e").isBlank())
                assertThat(Double.parseDouble(r.get("embodied_kg_co2e"))).as(at).isBetween(1.0, 10_000.0);
            assertThat(r.get("kind")).as(at).isIn("gpu", "tpu", "npu", "soc", "cpu");
            assertThat(Integer.parseInt(r.get("launch_year"))).as(at).isBetween(2010, 2030);
        }
    }

    @Test
    void cpuKeysAndAliasesAreUniqueOnceCanonical() throws Exception {
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : rows("cpus.csv")) {
            Set<String> own = new HashSet<>();
            own.add(CpuCatalog.canonical(r.get("key")));
            own.add(CpuCatalog.canonical(r.get("name")));
            for (String a : r.get("aliases").split(";")) if (!a.isBlank()) own.add(CpuCatalog.canonical(a.trim()));
            for (String n : own) assertThat(seen.add(n)).as("'" + n + "' names two CPUs").isTrue();
        }
    }

    @Test
    void cpuUnitsAreSane() throws Exception {
        for (CSVRecord r : rows("cpus.csv")) {
            String at = "cpus.csv " + r.get("key");
            int cores = Integer.parseInt(r.get("cores"));
            assertThat(cores).as(at).isBetween(1, 512);
            assertThat(Integer.parseInt(r.get("threads"))).as(at).isBetween(cores, 2 * cores);
            if (!r.get("tdp_watts").isBlank()) assertThat(Double.parseDouble(r.get("tdp_watts"))).as(at).isBetween(5.0, 600.0);
            else assertThat(r.get("note")).as(at + ": an empty TDP says why").containsAnyOf("unpublished", "no TDP");
            assertThat(Integer.parseInt(r.get("launch_year"))).as(at).isBetween(2010, 2030);
            assertThat(r.get("vendor")).as(at).isNotBlank();
            assertThat(r.get("family")).as(at).isNotBlank();
        }
    }

    @Test
    void gridKeysAreUniqueIgnoringCaseAndIntensitiesSane() throws Exception {
        Set<String> keys = new HashSet<>();
        for (CSVRecord r : rows("grid-intensity.csv")) {
            assertThat(keys.add(r.get("key").toLowerCase(Locale.ROOT))).as("duplicate grid " + r.get("key")).isTrue();
        }
        for (GridIntensity g : GridCatalog.bundled().all()) {
            assertThat(g.intensity().gramsPerKilowattHour()).as(g.key()).isBetween(0.0, 1500.0);
            assertThat(g.range().low().gramsPerKilowattHour()).as(g.key()).isGreaterThanOrEqualTo(0.0);
            assertThat(g.range().high().gramsPerKilowattHour()).as(g.key()).isLessThanOrEqualTo(1500.0);
        }
    }

    @Test
    void pueKeysAreUniqueAndValuesSane() throws Exception {
        Set<String> keys = new HashSet<>();
        for (CSVRecord r : rows("pue.csv")) {
            assertThat(keys.add(r.get("key"))).as("duplicate PUE " + r.get("key")).isTrue();
            assertThat(Double.parseDouble(r.get("value"))).as(r.get("key")).isBetween(1.0, 3.0);
        }
    }

    @Test
    void pueFleetAndBestSiteFiguresAreKeptApart() {
        PueCatalog pue = PueCatalog.bundled();
        for (PueFigure f : pue.all()) {
            if (f.key().startsWith("uptime-")) assertThat(f.scope()).as(f.key()).isEqualTo("survey");
            if (f.name().toLowerCase(Locale.ROOT).matches(".*(newest|design|best).*"))
                assertThat(f.scope()).as(f.key() + " names a best-site figure").isEqualTo("best-site");
        }
        assertThat(pue.find("microsoft-2023").orElseThrow().scope()).isEqualTo("best-site");
        assertThat(pue.find("microsoft-fleet-2023").orElseThrow().value()).isEqualTo(1.18);
        assertThatThrownBy(() -> new PueFigure("x", "x", 1.2, 2024, "s", "site")).hasMessageContaining("scope");
    }

    @Test
    void cloudPricesArePositiveAndSpotNeverAboveOnDemand() throws Exception {
        Set<String> families = new HashSet<>();
        AcceleratorCatalog.bundled().all().forEach(a -> families.add(a.priceFamily()));
        Set<String> rowsSeen = new HashSet<>();
        for (CSVRecord r : rows("cloud-prices.csv")) {
            String at = "cloud-prices.csv " + r.get("catalog") + " " + r.get("instance_type");
            assertThat(rowsSeen.add(r.get("catalog") + "|" + r.get("region") + "|" + r.get("instance_type")))
                    .as("duplicate " + at).isTrue();
            double onDemand = Double.parseDouble(r.get("on_demand_usd_per_hour"));
            assertThat(onDemand).as(at).isPositive();
            if (!r.get("spot_usd_per_hour").isBlank()) {
                double spot = Double.parseDouble(r.get("spot_usd_per_hour"));
                assertThat(spot).as(at).isPositive().isLessThanOrEqualTo(onDemand);
            }
            assertThat(Integer.parseInt(r.get("count"))).as(at).isPositive();
            assertThat(CloudPrice.VERIFICATIONS).as(at + " verification").contains(r.get("verification"));
            assertThat(families).as(at + " prices a family the hardware catalog knows").contains(r.get("accelerator"));
            assertThat(r.get("catalog")).as(at + ": catalog named after its as-of year")
                    .endsWith(r.get("as_of").substring(0, 4));
        }
    }

    @Test
    void equivalenceKeysAreUnique() throws Exception {
        Set<String> keys = new HashSet<>();
        for (CSVRecord r : rows("equivalences.csv")) assertThat(keys.add(r.get("key"))).as(r.get("key")).isTrue();
    }
}
