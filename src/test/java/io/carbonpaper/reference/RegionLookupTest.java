package io.carbonpaper.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Region names as a new user types them (issue 18): every one the issue found unknown now leads to a grid. */
class RegionLookupTest {
    private final GridCatalog grids = GridCatalog.bundled();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // ISO 3166 alpha-2, alpha-3, English names, the non-ISO UK
            "FR, FRA", "fra, FRA", "DE, DEU", "Germany, DEU", "germany, DEU", "GB, GBR", "UK, GBR", "United Kingdom, GBR",
            "united-kingdom, GBR", "Côte d'Ivoire, CIV", "Cote dIvoire, CIV", "USA, USA", "United States, USA", "US, us", "us-epa-2018, us-epa-2018",
            // US states by name, by US-XX, by a code that is no country's
            "California, US-CA", "US-TX, US-TX", "TX, US-TX", "new york, US-NY",
            // eGRID subregions, balancing authorities by their EIA code, and grid operators by their common name
            "CAMX, CAMX", "camx, CAMX", "CISO, CISO", "PJM, PJM", "miso, MISO", "TVA, TVA", "BPAT, BPAT",
            "CAISO, CISO", "ERCOT, ERCO", "ISO-NE, ISNE", "isone, ISNE", "NYISO, NYIS", "SPP, SWPP", "BPA, BPAT",
            // cloud regions with and without the provider prefix
            "aws:us-east-1, aws:us-east-1", "us-east-1, aws:us-east-1", "eastus, azure:eastus", "westeurope, azure:westeurope",
            "europe-west4, gcp:europe-west4", "google:europe-west4, gcp:europe-west4", "AWS/eu-central-1, aws:eu-central-1",
            "Azure eastus, azure:eastus"})
    void namesLeadToTheirGrid(String name, String key) {
        RegionLookup r = grids.lookup(name);
        assertThat(r).as(r.problem()).isInstanceOf(RegionLookup.Found.class);
        assertThat(r.grid().orElseThrow().key()).isEqualTo(key);
        assertThat(grids.find(name)).contains(r.grid().get());
    }

    @Test void aTwoLetterCodeIsTheCountryNotTheState() {
        // DE is Germany (ISO), not Delaware; Delaware is US-DE or its name.
        assertThat(grids.lookup("DE").grid().orElseThrow().key()).isEqualTo("DEU");
        assertThat(grids.lookup("Delaware").grid().orElseThrow().key()).isEqualTo("US-DE");
        assertThat(grids.lookup("CA").grid().orElseThrow().key()).isEqualTo("CAN");
    }

    @Test void aNameTwoGridsAnswerToListsBoth() {
        RegionLookup r = grids.lookup("Georgia");
        assertThat(r).isInstanceOf(RegionLookup.Ambiguous.class);
        assertThat(r.problem()).contains("GEO").contains("US-GA").contains("name one of these keys");
        // us-east-1 (AWS) and us-east1 (Google) differ by one hyphen: written without either, both are candidates.
        RegionLookup loose = grids.lookup("useast1");
        assertThat(loose).isInstanceOf(RegionLookup.Ambiguous.class);
        assertThat(loose.problem()).contains("aws:us-east-1").contains("gcp:us-east1");
    }

    @Test void anOperatorWithoutACataloguedFigureSaysSoAndNamesTheGridsItSpans() {
        // PacifiCorp runs two balancing authorities with their own figures; the name alone cannot pick one.
        RegionLookup r = grids.lookup("PacifiCorp");
        assertThat(r).isInstanceOf(RegionLookup.NoFigure.class);
        assertThat(r.grid()).isEmpty();
        assertThat(r.problem()).contains("no figure").contains("PACE").contains("PACW");
        assertThat(grids.lookup("wapa").problem()).contains("WACM").contains("WALC");
        assertThat(grids.find("PacifiCorp")).isEmpty();
    }

    @Test void anOperatorsMappingNamesItsSource() {
        RegionLookup.Found f = (RegionLookup.Found) grids.lookup("CAISO");
        assertThat(f.via()).contains("epa-egrid-2023-ba").contains("LADWP");
        // The figure is the balancing authority's own, with its source and year.
        assertThat(f.found().source()).isEqualTo("epa-egrid-2023-ba");
        assertThat(f.notice().orElseThrow()).contains("CISO").contains("2023");
    }

    @Test void unknownNamesGetTheClosestRealOnes() {
        RegionLookup r = grids.lookup("Germny");
        assertThat(r).isInstanceOf(RegionLookup.Unknown.class);
        assertThat(r.problem()).contains("Germany (DEU)").contains("ISO 3166").contains("catalog regions");
        assertThat(grids.lookup("europe-west5").problem()).contains("europe-west4");
        assertThat(grids.lookup("Atlantis").problem()).startsWith("unknown region 'Atlantis'");
    }

    @Test void theUsKeysSayWhichYearTheyMean() {
        // US is the paper's 2018 figure: taken, but never silently.
        RegionLookup.Found us = (RegionLookup.Found) grids.lookup("US");
        assertThat(us.notice().orElseThrow()).contains("2018").contains("USA is Ember's latest").contains("us-egrid-2023");
        assertThat(((RegionLookup.Found) grids.lookup("us-epa-2018")).notice().orElseThrow()).contains("paper's 2018 US average");
        RegionLookup.Found deu = (RegionLookup.Found) grids.lookup("DEU");
        assertThat(deu.notice()).isEmpty();
        assertThat(((RegionLookup.Found) grids.lookup("Germany")).notice().orElseThrow()).contains("DEU").contains("country name");
    }
}
