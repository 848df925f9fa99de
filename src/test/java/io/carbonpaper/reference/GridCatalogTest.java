package io.carbonpaper.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GridCatalogTest {
    private final GridCatalog grids = GridCatalog.bundled();

    @Test
    void thePapersDefaultIs0954PoundsPerKilowattHour() {
        assertThat(grids.defaultGrid().intensity().poundsPerKilowattHour()).isCloseTo(0.954, within(1e-9));
        assertThat(grids.find("US-EPA-2018")).contains(grids.defaultGrid());
        assertThat(grids.world().intensity().gramsPerKilowattHour()).isBetween(400.0, 550.0);
        assertThat(grids.find("eu")).isPresent();
    }

    @Test
    void awsRegionWithoutItsOwnValueResolvesToItsGridsRow() {
        GridIntensity region = grids.find("aws:us-east-1").orElseThrow();
        GridIntensity srvc = grids.find("SRVC").orElseThrow();
        assertThat(region.mapsTo()).contains("SRVC");
        assertThat(region.kind()).isEqualTo("cloud-region");
        assertThat(region.intensity()).isEqualTo(srvc.intensity());
        assertThat(region.year()).isEqualTo(2023);
        assertThat(region.source()).isEqualTo("epa-egrid-2023");
        assertThat(region.note()).contains("SRVC");
    }

    @Test
    void azureRegionResolvesToACountry() {
        GridIntensity region = grids.find("azure:westeurope").orElseThrow();
        GridIntensity nld = grids.find("NLD").orElseThrow();
        assertThat(region.intensity()).isEqualTo(nld.intensity());
        assertThat(region.range()).isEqualTo(nld.range());
    }

    @Test
    void gcpRegionKeepsGooglesOwnFigureAndItsYearRange() {
        GridIntensity region = grids.find("gcp:us-central1").orElseThrow();
        assertThat(region.intensity().gramsPerKilowattHour()).isEqualTo(412.72);
        assertThat(region.source()).isEqualTo("gcp-region-carbon-2024");
        assertThat(region.mapsTo()).contains("MROW");
        assertThat(region.range().low().gramsPerKilowattHour()).isEqualTo(412.72);
        assertThat(region.range().high().gramsPerKilowattHour()).isEqualTo(430.0);
    }

    /**
     * States carry eGRID2023's own state rate (lb/MWh x 0.45359237) and still name their dominant subregion,
     * whose figure the note gives; Puerto Rico keeps its subregion (the island itself), Utah its balancing authority.
     */
    @Test
    void usStatesCarryTheirOwnEgrid2023StateRate() {
        GridIntensity ca = grids.find("us-ca").orElseThrow();
        assertThat(ca.intensity().gramsPerKilowattHour()).isCloseTo(394.8 * 0.45359237, within(0.005));
        assertThat(ca.source()).isEqualTo("epa-egrid-2023-states");
        assertThat(ca.year()).isEqualTo(2023);
        assertThat(ca.mapsTo()).contains("CAMX");
        assertThat(ca.note()).contains("394.8 lb/MWh").contains("CAMX gives 195.04");
        // West Virginia burns coal; Vermont's in-state generation is almost carbon-free: a state figure, not NEWE's 246 g
        assertThat(grids.find("US-WV").orElseThrow().intensity().gramsPerKilowattHour()).isCloseTo(1968.9 * 0.45359237, within(0.005));
        assertThat(grids.find("US-VT").orElseThrow().intensity().gramsPerKilowattHour()).isCloseTo(52.2 * 0.45359237, within(0.005));
        assertThat(grids.find("US-PR").orElseThrow().intensity()).isEqualTo(grids.find("PRMS").orElseThrow().intensity());

        List<GridIntensity> states = grids.ofKind("us-state");
        assertThat(states).hasSize(52);
        for (GridIntensity s : states) {
            assertThat(s.mapsTo()).as(s.key() + " names its eGRID subregion").isPresent();
            assertThat(grids.find(s.mapsTo().get()).orElseThrow().kind()).as(s.key()).isEqualTo("egrid");
            if (s.key().equals("US-PR") || s.key().equals("US-UT")) continue;
            assertThat(s.source()).as(s.key()).isEqualTo("epa-egrid-2023-states");
            assertThat(s.year()).as(s.key()).isEqualTo(2023);
            String lb = s.note().replaceAll("^.*\\(ST23, STC2ERTA\\) ([0-9.]+) lb/MWh.*$", "$1");
            assertThat(s.intensity().gramsPerKilowattHour()).as(s.key() + ": the note's lb/MWh converted")
                    .isCloseTo(Double.parseDouble(lb) * 0.45359237, within(0.005));
        }
        assertThat(grids.ofKind("egrid")).hasSize(27);
    }

    /** Every eGRID subregion is eGRID2023 (Revision 2) with eGRID2022 as its range, the year before named in the note. */
    @Test
    void egridSubregionsAreEgrid2023WithThePreviousEditionAsTheRange() {
        for (GridIntensity g : grids.ofKind("egrid")) {
            assertThat(g.year()).as(g.key()).isEqualTo(2023);
            assertThat(g.source()).as(g.key()).isEqualTo("epa-egrid-2023");
            assertThat(g.range().isPoint()).as(g.key()).isFalse();
            assertThat(g.note()).as(g.key()).contains("eGRID2022");
            double ratio = g.range().high().gramsPerKilowattHour() / g.range().low().gramsPerKilowattHour();
            assertThat(ratio).as(g.key() + ": one year apart, same grid").isLessThan(1.5);
        }
    }

    /** Every row has a verification status; an inherited figure takes its grid's; statuses follow the source. */
    @Test
    void everyRowHasAVerificationStatus() {
        for (GridIntensity g : grids.all()) {
            assertThat(GridIntensity.VERIFICATIONS).as(g.key()).contains(g.verification());
            g.mapsTo().flatMap(grids::find).filter(t -> g.source().equals(t.source()) && g.intensity().equals(t.intensity()))
                    .ifPresent(t -> assertThat(g.verification()).as(g.key() + " inherits " + t.key()).isEqualTo(t.verification()));
        }
        assertThat(grids.defaultGrid().verification()).isEqualTo("paper");
        assertThat(grids.ofKind("egrid")).allSatisfy(g -> assertThat(g.verification()).isEqualTo("corroborated"));
        assertThat(grids.find("aws:us-east-1").orElseThrow().verification()).isEqualTo("corroborated");
        assertThat(grids.find("gcp:us-central1").orElseThrow().verification()).isEqualTo("primary");
        assertThat(grids.find("DEU").orElseThrow().verification()).isEqualTo("secondary");
        assertThat(grids.all()).noneMatch(GridIntensity::unverified);
    }

    /** eGRID2023's US CO2e total output rate (770.884 lb/MWh), with eGRID2022's CO2e rate as the range; the 2022 row stays. */
    @Test
    void theUsAverageHasItsEgrid2023Figure() {
        GridIntensity us = grids.find("us-egrid-2023").orElseThrow();
        assertThat(us.intensity().gramsPerKilowattHour()).isCloseTo(770.884 * 0.45359237, within(0.005));
        assertThat(us.year()).isEqualTo(2023);
        assertThat(us.range().high().gramsPerKilowattHour()).isCloseTo(827.52 * 0.45359237, within(0.001));
        assertThat(grids.find("us-egrid-2022").orElseThrow().intensity().poundsPerKilowattHour()).isCloseTo(0.823149, within(1e-9));
    }

    /**
     * A state's or eGRID subregion's range pairs two editions of eGRID, so it names the other edition's source
     * and year: a row that loses them fails here. Every state with an eGRID2023 rate has eGRID2022's beside it.
     */
    @Test
    void rangesFromAnotherEditionNameTheirSourceAndYear() {
        for (String kind : List.of("us-state", "egrid")) {
            for (GridIntensity g : grids.ofKind(kind)) {
                if (g.mapsTo().isPresent() && kind.equals("egrid") || g.range().isPoint() || g.source().equals("electricitymaps-yearly")) continue;
                assertThat(g.rangeSource()).as(g.key() + " range source").isPresent();
                assertThat(g.rangeYear().orElseThrow()).as(g.key() + " range year").isLessThan(g.year());
                assertThat(SourceCatalog.bundled().find(g.rangeSource().get())).as(g.key() + " range source known").isPresent();
            }
        }
        List<GridIntensity> states = grids.ofKind("us-state").stream().filter(g -> g.source().equals("epa-egrid-2023-states")).toList();
        assertThat(states).hasSize(50);
        assertThat(states).allSatisfy(g -> {
            assertThat(g.range().isPoint()).as(g.key()).isFalse();
            assertThat(g.rangeSource()).as(g.key()).contains("epa-egrid-2022-states");
            assertThat(g.note()).as(g.key()).contains("eGRID2022's state CO2e total output rate (ST22, STC2ERTA)");
        });
        // Spot values from the ST22 sheet (lb/MWh x 0.45359237): West Virginia 1974.326, Vermont 42.609.
        assertThat(grids.find("US-WV").orElseThrow().range().high().gramsPerKilowattHour()).isCloseTo(1974.326 * 0.45359237, within(0.005));
        assertThat(grids.find("US-VT").orElseThrow().range().low().gramsPerKilowattHour()).isCloseTo(42.609 * 0.45359237, within(0.005));
        assertThat(grids.find("CAMX").orElseThrow().rangeSource()).contains("epa-egrid-2022");
    }

    /**
     * Cloud regions in US states map to their balancing authority where EPA's crosswalk puts that BA inside one eGRID
     * subregion, else to the subregion; never to a state's rate, which leaves out imports; and every provider's region
     * in one place maps to the same grid (catalog README, "Cloud regions in US states").
     */
    @Test
    void usCloudRegionsOfEveryProviderMapToTheirBalancingAuthorityOrSubregionNotTheStateRate() {
        for (GridIntensity g : grids.ofKind("cloud-region")) {
            GridIntensity target = g.mapsTo().flatMap(grids::find).orElse(null);
            if (target == null || !target.kind().equals("us-state")) continue;
            assertThat(target.source()).as(g.key() + " maps to " + target.key() + ", a state's own generation rate")
                    .isNotIn("epa-egrid-2023-states", "epa-egrid-2022-states");
        }
        List<List<String>> samePlace = List.of(
                List.of("aws:us-east-1", "azure:eastus", "azure:eastus2", "gcp:us-east4"),
                List.of("aws:us-west-2", "gcp:us-west1", "aws:us-gov-west-1"),
                List.of("aws:us-east-2", "gcp:us-east5", "aws:us-gov-east-1"),
                List.of("azure:centralus", "gcp:us-central1"),
                List.of("azure:southcentralus", "gcp:us-south1"),
                List.of("aws:us-west-1", "azure:westus", "gcp:us-west2"));
        for (List<String> place : samePlace) {
            List<String> grid = place.stream().map(k -> grids.find(k).orElseThrow().mapsTo().orElseThrow()).distinct().toList();
            assertThat(grid).as(place + " draw from one grid").hasSize(1);
            assertThat(grids.find(grid.get(0)).orElseThrow().kind()).as(place.toString()).isIn("egrid", "balancing-authority");
        }
        // California, Oregon and Texas draw from their balancing authority, which lies inside one subregion.
        assertThat(grids.find("aws:us-west-1").orElseThrow().mapsTo()).contains("CISO");
        assertThat(grids.find("aws:us-west-2").orElseThrow().mapsTo()).contains("BPAT");
        assertThat(grids.find("gcp:us-south1").orElseThrow().mapsTo()).contains("ERCO");
        for (GridIntensity g : grids.ofKind("cloud-region")) {
            GridIntensity target = g.mapsTo().flatMap(grids::find).orElse(null);
            if (target == null || !target.kind().equals("balancing-authority")) continue;
            // A region only takes its BA where the BA is the finer grid: inside one subregion (EPA's crosswalk).
            assertThat(target.mapsTo()).as(g.key() + " maps to " + target.key() + ", which spans several subregions").isPresent();
            assertThat(grids.find(target.mapsTo().get()).orElseThrow().kind()).isEqualTo("egrid");
            // Where the provider publishes its own figure (Google), it is close to the BA's: the BA is the grid it describes.
            if (g.source().equals("gcp-region-carbon-2024"))
                assertThat(g.intensity().gramsPerKilowattHour()).as(g.key() + " against " + target.key())
                        .isCloseTo(target.intensity().gramsPerKilowattHour(), org.assertj.core.data.Percentage.withPercentage(25));
        }
        // An inherited region takes the subregion's figure: N. Virginia is SRVC (eGRID2023), not Virginia's 244.76.
        assertThat(grids.find("aws:us-east-1").orElseThrow().intensity().gramsPerKilowattHour()).isCloseTo(270.48, within(1e-9));
    }

    @Test
    void coversTheLargestElectricityConsumers() {
        for (String iso : new String[]{"CHN", "USA", "IND", "RUS", "JPN", "BRA", "CAN", "KOR", "DEU", "FRA", "SAU", "IRN",
                "IDN", "MEX", "GBR", "TUR", "ITA", "ESP", "AUS", "TWN", "ZAF", "VNM", "THA", "EGY", "POL", "MYS", "ARE",
                "UKR", "SWE", "NOR", "ARG", "NLD", "PAK", "KAZ", "PHL", "CHL", "BEL", "AUT", "FIN", "CHE"}) {
            assertThat(grids.find(iso)).as(iso).isPresent();
        }
        assertThat(grids.ofKind("country").size()).isGreaterThan(200);
    }

    @Test
    void yearRangeBracketsTheValue() {
        GridIntensity deu = grids.find("deu").orElseThrow();
        assertThat(deu.range().low().compareTo(deu.intensity())).isLessThanOrEqualTo(0);
        assertThat(deu.range().high().compareTo(deu.intensity())).isGreaterThanOrEqualTo(0);
        assertThat(deu.range().isPoint()).isFalse();
    }

    @Test
    void lowestAndHighestCloudRegionsAreFound() {
        assertThat(grids.lowest("cloud-region").orElseThrow().intensity().gramsPerKilowattHour()).isLessThan(20.0);
        assertThat(grids.highest("cloud-region").orElseThrow().intensity().gramsPerKilowattHour()).isGreaterThan(600.0);
    }

    /**
     * The outlier check: a country figure of 0 (a data gap), above 1,100 g/kWh (far above the dirtiest mainly-coal
     * grids here, Kosovo's lignite at about 895) or more than 2.5 times its other catalogued year (hydro droughts
     * stay under that here, but for a swing whose cause was checked and is named in the note as "Swing checked:")
     * must carry an outlier reason, and an outlier is never the cleanest or dirtiest grid.
     */
    @Test
    void implausibleGridFiguresAreMarkedAndKeptOutOfComparisons() {
        for (GridIntensity g : grids.ofKind("country")) {
            double v = g.intensity().gramsPerKilowattHour();
            double lo = g.range().low().gramsPerKilowattHour(), hi = g.range().high().gramsPerKilowattHour();
            boolean swing = lo > 0 && hi / lo > 2.5 && !g.note().contains("Swing checked:");
            boolean implausible = v <= 0 || v > 1100 || swing;
            if (implausible) assertThat(g.outlier()).as(g.key() + " at " + v + " g/kWh needs an outlier reason").isPresent();
        }
        assertThat(grids.find("TKM").orElseThrow().outlier()).isPresent();
        assertThat(grids.find("UZB").orElseThrow().outlier()).isPresent();
        assertThat(grids.find("CAF").orElseThrow().outlier()).isPresent();
        assertThat(grids.find("FLK").orElseThrow().outlier()).as("1000 g/kWh, above an all-oil grid").isPresent();
        assertThat(grids.find("MSR").orElseThrow().outlier()).isPresent();
        GridIntensity dirtiest = grids.highest("country").orElseThrow(), cleanest = grids.lowest("country").orElseThrow();
        assertThat(dirtiest.outlier()).isEmpty();
        assertThat(cleanest.outlier()).isEmpty();
        assertThat(dirtiest.key()).isNotIn("TKM", "UZB", "BHR", "FLK", "MSR");
        assertThat(cleanest.intensity().gramsPerKilowattHour()).isPositive();
    }

    /** Canadian regions take their province's grid (Quebec almost all hydro), not Canada's 161 g average. */
    @Test
    void canadianRegionsUseTheirProvincesGrid() {
        double canada = grids.find("CAN").orElseThrow().intensity().gramsPerKilowattHour();
        for (String quebec : new String[]{"aws:ca-central-1", "azure:canadaeast"}) {
            GridIntensity g = grids.find(quebec).orElseThrow();
            assertThat(g.mapsTo()).as(quebec).contains("gcp:northamerica-northeast1");
            assertThat(g.intensity().gramsPerKilowattHour()).as(quebec).isLessThan(20.0);
        }
        GridIntensity toronto = grids.find("azure:canadacentral").orElseThrow();
        assertThat(toronto.intensity().gramsPerKilowattHour()).isBetween(20.0, canada);
    }

    /**
     * The refresh check: every country and the world average carry Ember's newest published year (2022 at the
     * oldest, the world 2024), and each range is a real year-to-year spread whose other end the note names with an
     * earlier year. Only a territory Ember does not list may keep OWID's 2021 figure, and it says so by its source.
     */
    @Test
    void countriesCarryARecentYearAndTheirPreviousYearAsTheRange() {
        java.util.regex.Pattern previous = java.util.regex.Pattern.compile("Ember's (\\d{4}) figure");
        int owidOnly = 0;
        for (GridIntensity g : grids.ofKind("country")) {
            if (g.key().equals("us")) continue; // the paper's 2018 US row
            assertThat(g.source()).as(g.key()).isNotBlank();
            if (g.source().equals("owid-carbon-intensity-2021")) {
                owidOnly++;
                assertThat(g.year()).as(g.key()).isEqualTo(2021);
                continue;
            }
            assertThat(g.source()).as(g.key()).isEqualTo("ember-yearly");
            assertThat(g.year()).as(g.key()).isBetween(2022, 2025);
            assertThat(g.low()).as(g.key() + " has its previous year as the range").isPresent();
            java.util.regex.Matcher m = previous.matcher(g.note());
            assertThat(m.find()).as(g.key() + " note names the previous year: " + g.note()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(g.key()).isLessThan(g.year());
        }
        assertThat(owidOnly).isLessThanOrEqualTo(1);
        GridIntensity world = grids.world();
        assertThat(world.year()).isGreaterThanOrEqualTo(2024);
        assertThat(world.intensity().gramsPerKilowattHour()).isEqualTo(472.94);
        assertThat(world.range().isPoint()).isFalse();
        long recent = grids.ofKind("country").stream().filter(g -> g.year() >= 2024).count();
        assertThat(recent).as("countries with 2024 figures").isGreaterThanOrEqualTo(85);
    }

    /** Utah takes its balancing authority (PacifiCorp East), not eGRID's hydro-heavy NWPP; Google's us-west3 maps to it. */
    @Test
    void utahUsesItsBalancingAuthorityNotTheNorthwestAverage() {
        GridIntensity utah = grids.find("US-UT").orElseThrow();
        assertThat(utah.source()).isEqualTo("electricitymaps-yearly");
        assertThat(utah.intensity().gramsPerKilowattHour()).isEqualTo(637.0);
        assertThat(utah.intensity()).isGreaterThan(grids.find("NWPP").orElseThrow().intensity());
        assertThat(utah.note()).as("eGRID2023's state rate agrees").contains("644.64");
        // Google's Salt Lake City region maps to the same balancing authority's eGRID figure (cloud regions take BAs).
        assertThat(grids.find("gcp:us-west3").orElseThrow().mapsTo()).contains("PACE");
        assertThat(grids.find("PACE").orElseThrow().intensity().gramsPerKilowattHour()).isCloseTo(utah.intensity().gramsPerKilowattHour(),
                org.assertj.core.data.Percentage.withPercentage(2));
    }

    /**
     * Balancing authorities (eGRID2023 BA23, lb/MWh x 0.45359237) are keyed by their EIA code, so {@code CISO} and
     * {@code PJM} name them; no code shadows a country, a US state or another grid's name (SC, Santee Cooper, is left out
     * because it is Seychelles' ISO code and South Carolina's); each names the subregion that holds it or says it spans several.
     */
    @Test
    void balancingAuthoritiesCarryEgrid2023BaRatesUnderTheirEiaCode() {
        List<GridIntensity> bas = grids.ofKind("balancing-authority");
        assertThat(bas).hasSizeGreaterThanOrEqualTo(40);
        // Spot values from the BA23 sheet's BAC2ERTA column: CISO 370.651, PJM 719.405, ERCO 736.779 lb/MWh.
        assertThat(grids.find("CISO").orElseThrow().intensity().gramsPerKilowattHour()).isCloseTo(370.651 * 0.45359237, within(0.001));
        assertThat(grids.find("PJM").orElseThrow().intensity().gramsPerKilowattHour()).isCloseTo(719.405 * 0.45359237, within(0.001));
        assertThat(grids.find("erco").orElseThrow().intensity().gramsPerKilowattHour()).isCloseTo(736.779 * 0.45359237, within(0.001));
        java.util.Set<String> countryCodes = new java.util.HashSet<>();
        for (String a2 : java.util.Locale.getISOCountries()) {
            countryCodes.add(a2);
            countryCodes.add(new java.util.Locale("", a2).getISO3Country());
        }
        java.util.Set<String> stateCodes = new java.util.HashSet<>();
        for (GridIntensity st : grids.ofKind("us-state")) stateCodes.add(st.key().substring(3));
        for (GridIntensity ba : bas) {
            assertThat(ba.key()).as("a BA key is its EIA code").matches("[A-Z]{3,4}");
            assertThat(countryCodes).as(ba.key() + " would shadow a country code").doesNotContain(ba.key());
            assertThat(stateCodes).as(ba.key() + " would shadow a state code").doesNotContain(ba.key());
            assertThat(ba.source()).isEqualTo("epa-egrid-2023-ba");
            assertThat(ba.year()).isEqualTo(2023);
            assertThat(ba.verification()).isEqualTo("corroborated");
            assertThat(ba.intensity().gramsPerKilowattHour()).as(ba.key()).isBetween(0.1, 1000.0);
            if (ba.mapsTo().isPresent()) {
                assertThat(grids.find(ba.mapsTo().get()).orElseThrow().kind()).as(ba.key()).isEqualTo("egrid");
                assertThat(ba.note()).contains("Inside eGRID subregion " + ba.mapsTo().get());
            } else {
                assertThat(ba.note()).as(ba.key()).containsAnyOf("Spans eGRID subregions", "no single subregion");
            }
        }
        // The BAs that span several subregions: a site in one of those subregions has the finer figure there.
        for (String spanning : List.of("PJM", "MISO", "SWPP", "NYIS"))
            assertThat(grids.find(spanning).orElseThrow().mapsTo()).as(spanning).isEmpty();
        // ISO New England is NEWE less the New Brunswick operator's few US plants: the two figures agree within 1%.
        assertThat(grids.find("ISNE").orElseThrow().intensity().gramsPerKilowattHour())
                .isCloseTo(grids.find("NEWE").orElseThrow().intensity().gramsPerKilowattHour(), org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void newerRegionsResolveToTheirGrid() {
        assertThat(grids.find("gcp:us-central2").orElseThrow().intensity().gramsPerKilowattHour()).isEqualTo(372.23);
        assertThat(grids.find("gcp:me-central1").orElseThrow().year()).isEqualTo(2024);
        assertThat(grids.find("gcp:us-east5").orElseThrow().year()).isEqualTo(2024);
        String[][] regions = {{"aws:ap-southeast-5", "MYS"}, {"aws:ap-southeast-6", "NZL"}, {"aws:ap-southeast-7", "THA"},
                {"aws:ap-east-2", "TWN"}, {"azure:newzealandnorth", "NZL"}, {"azure:austriaeast", "AUT"}, {"azure:chilecentral", "CHL"},
                {"azure:indonesiacentral", "IDN"}, {"azure:malaysiawest", "MYS"}};
        for (String[] r : regions) {
            GridIntensity region = grids.find(r[0]).orElseThrow(() -> new AssertionError("missing " + r[0]));
            assertThat(region.mapsTo()).as(r[0]).contains(r[1]);
            assertThat(region.intensity()).as(r[0]).isEqualTo(grids.find(r[1]).orElseThrow().intensity());
        }
    }
}
