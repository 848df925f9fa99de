package io.carbonpaper.estimate;

import io.carbonpaper.model.GridSeries;
import io.carbonpaper.reference.GridCatalog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A grid series' zone against an experiment's region, at the finest level both know (issue 21). */
class SeriesZoneTest {
    private static final GridCatalog GRIDS = GridCatalog.bundled();

    private static GridSeries series(String format, String zone) {
        return new GridSeries("grid.csv", format, Optional.ofNullable(zone), "average", "life-cycle",
                new TreeMap<>(Map.of(Instant.parse("2024-01-15T00:00:00Z"), 300.0)), List.of());
    }

    private static SeriesZone.Check check(GridSeries s, String region) { return SeriesZone.check(s, region, GRIDS); }

    private static void matches(GridSeries s, String region, String level) {
        SeriesZone.Check c = check(s, region);
        assertThat(c.verdict()).as(s.zone() + " vs " + region).isEqualTo(SeriesZone.Verdict.MATCH);
        assertThat(c.level()).as(s.zone() + " vs " + region).isEqualTo(level);
        assertThat(c.applies()).isTrue();
    }

    private static void differs(GridSeries s, String region, String level) {
        SeriesZone.Check c = check(s, region);
        assertThat(c.verdict()).as(s.zone() + " vs " + region).isEqualTo(SeriesZone.Verdict.MISMATCH);
        assertThat(c.level()).as(s.zone() + " vs " + region).isEqualTo(level);
        assertThat(c.applies()).isFalse();
    }

    @Test
    void anElectricityMapsUsZoneIsComparedByBalancingAuthorityStateOrSubregion() {
        GridSeries nyiso = series("electricity-maps", "US-NY-NYIS");
        matches(nyiso, "NYISO", "balancing authority");
        matches(nyiso, "NYIS", "balancing authority");
        differs(nyiso, "CAISO", "balancing authority");
        matches(nyiso, "New York", "state");
        differs(nyiso, "California", "state");
        differs(nyiso, "US-CA", "state");
        matches(nyiso, "NYCW", "eGRID subregion");
        // aws:us-east-1 is priced at SRVC (Virginia/Carolina), none of NYISO's subregions
        differs(nyiso, "aws:us-east-1", "eGRID subregion");
        // A US-wide grid cannot be told from New York: the same country is all that is known
        matches(nyiso, "us-egrid-2023", "country");
        matches(nyiso, "USA", "country");
        differs(nyiso, "DEU", "country");
        assertThat(check(nyiso, "California").message()).isEqualTo("US-NY-NYIS (NYISO, serving NY)");
    }

    @Test
    void anEiaBalancingAuthorityIsTheSameOperatorUnderItsCode() {
        GridSeries ciso = series("eia-grid-monitor", "CISO");
        matches(ciso, "California", "state");
        // azure:westus draws from the California ISO's own figure (grid CISO), so the balancing authorities agree
        matches(ciso, "azure:westus", "balancing authority");
        matches(ciso, "CISO", "balancing authority");
        differs(ciso, "BPAT", "balancing authority");
        matches(ciso, "CAISO", "balancing authority");
        differs(ciso, "Texas", "state");
        differs(ciso, "ERCOT", "balancing authority");
        differs(ciso, "aws:us-east-1", "eGRID subregion");
        differs(ciso, "FRA", "country");
    }

    /** Illinois is served by PJM and by MISO: a series of either is no mismatch, though the state's main subregion is PJM's. */
    @Test
    void aStateServedByTwoOperatorsMatchesBoth() {
        matches(series("electricity-maps", "US-MIDW-MISO"), "Illinois", "state");
        matches(series("electricity-maps", "US-MIDA-PJM"), "Illinois", "state");
        differs(series("electricity-maps", "US-MIDW-MISO"), "New York", "state");
    }

    /** TVA and BPA list the states they serve, so a series of either is told apart from a state they do not serve. */
    @Test
    void theFederalOperatorsAreComparedByTheStatesTheyServe() {
        GridSeries tva = series("eia-grid-monitor", "TVA");
        matches(tva, "Tennessee", "state");
        matches(tva, "US-AL", "state");
        differs(tva, "California", "state");
        differs(tva, "US-TX", "state");
        matches(tva, "TVA", "balancing authority");
        assertThat(check(tva, "California").message()).isEqualTo("TVA (TVA, serving AL GA KY MS NC TN VA)");
        GridSeries bpa = series("electricity-maps", "US-NW-BPAT");
        matches(bpa, "Oregon", "state");
        matches(bpa, "Washington", "state");
        differs(bpa, "New York", "state");
        differs(bpa, "US-CA", "state");
        // aws:us-west-2 (Oregon) is priced at BPAT's own figure: the same balancing authority
        matches(bpa, "aws:us-west-2", "balancing authority");
    }

    @Test
    void countriesAndCloudRegionsAreComparedByCountry() {
        GridSeries de = series("electricity-maps", "DE");
        matches(de, "DEU", "country");
        matches(de, "Germany", "country");
        matches(de, "gcp:europe-west3", "country");
        differs(de, "FRA", "country");
        differs(de, "azure:francecentral", "country");
        differs(de, "CAMX", "country");
        matches(series("electricity-maps", "DK-DK1"), "DNK", "country");
        differs(series("electricity-maps", "DK-DK1"), "SWE", "country");
        matches(series("electricity-maps", "GB"), "aws:eu-west-2", "country");
        // a plain file's zone may be any region name the catalog takes
        differs(series("plain", "US-CA"), "Texas", "state");
        matches(series("plain", "US"), "us-epa-2018", "country");
    }

    @Test
    void whatNamesNoPlaceIsUnknownAndTheSeriesStillApplies() {
        // no zone in the file
        SeriesZone.Check c = check(series("plain", null), "DEU");
        assertThat(c.verdict()).isEqualTo(SeriesZone.Verdict.UNKNOWN);
        assertThat(c.applies()).isTrue();
        assertThat(c.message()).contains("names no zone");
        // the world average names no country
        assertThat(check(series("electricity-maps", "DE"), "world").verdict()).isEqualTo(SeriesZone.Verdict.UNKNOWN);
        // a region the catalog does not know
        assertThat(check(series("electricity-maps", "DE"), "Atlantis").verdict()).isEqualTo(SeriesZone.Verdict.UNKNOWN);
        // a zone of no country
        assertThat(check(series("plain", "ZZ-NOWHERE"), "DEU").verdict()).isEqualTo(SeriesZone.Verdict.UNKNOWN);
        // a balancing authority the catalog does not list is known to be in the US, no finer
        matches(series("electricity-maps", "US-SE-SOCO"), "California", "country");
        differs(series("electricity-maps", "US-SE-SOCO"), "DEU", "country");
    }

    /** An experiment whose settings name no region is checked against where its tool logged it ran, not the default grid. */
    @Test void anExperimentsLoggedPlaceIsItsRegionForTheCheck() {
        io.carbonpaper.model.Experiment logged = LoggedGridTest.run(LoggedGridTest.loggedAt("DEU", null, null, null)).build();
        io.carbonpaper.settings.ProjectConfig none = io.carbonpaper.settings.ProjectConfig.defaults();
        assertThat(SeriesZone.check(series("electricity-maps", "DE"), logged, none, GRIDS).verdict()).isEqualTo(SeriesZone.Verdict.MATCH);
        SeriesZone.Check fr = SeriesZone.check(series("electricity-maps", "FR"), logged, none, GRIDS);
        assertThat(fr.verdict()).isEqualTo(SeriesZone.Verdict.MISMATCH);
        assertThat(fr.message()).contains("but the experiment ran on").doesNotContain("names no region");
    }

}
