package io.carbonpaper.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code carbonpaper estimate}, run in-process through Main.run. */
class EstimateCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    @Test void printsTheTablesOfAPlannedRun() {
        Run r = run("estimate", "--accelerator", "A100", "--count", "8", "--hours", "100");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("A100-SXM4-40GBx8").contains("Final model").contains("World average")
                .contains("Air travel, 1 passenger, NY<->SF");
        // 8 x 400 W x 100 h x PUE 1.58 = 505.6 kWh, with its range in brackets.
        assertThat(r.out()).containsPattern("506 \\(\\d+\u2013\\d+\\)");
    }

    @Test void csvOfOneTableIsTheReportsCsvForThatRun() throws IOException {
        Run r = run("estimate", "--accelerator", "V100", "--count", "4", "--hours", "10", "--pue", "1.1", "--format", "csv",
                "--table", "rnd-cost", "--set", "electricity_price_per_kwh=0.2");
        assertThat(r.code()).isZero();
        List<CSVRecord> rows = csv(r.out());
        assertThat(rows).hasSize(1);
        CSVRecord row = rows.get(0);
        // 4 x 250 W x 10 h x 1.1 = 11 kWh; a declared PUE and a TDP power are points, so the range collapses.
        assertThat(Double.parseDouble(row.get("kwh_pue"))).isCloseTo(11, within(1e-9));
        assertThat(row.get("kwh_pue_low")).isEqualTo(row.get("kwh_pue"));
        assertThat(Double.parseDouble(row.get("electricity_usd"))).isCloseTo(2.2, within(1e-9));
        assertThat(Double.parseDouble(row.get("accelerator_hours"))).isEqualTo(40);
    }

    @Test void theRegionTakesAnyNameAndSaysSoOnStderr() throws IOException {
        Run de = run("estimate", "--accelerator", "H100", "--hours", "10", "--format", "csv", "--table", "rnd-cost", "--region", "DE");
        Run deu = run("estimate", "--accelerator", "H100", "--hours", "10", "--format", "csv", "--table", "rnd-cost", "--region", "DEU");
        assertThat(de.code()).isZero();
        assertThat(de.out()).isEqualTo(deu.out());
        assertThat(de.err()).contains("region 'DE' is DEU").contains("ISO 3166 alpha-2");
        Run us = run("estimate", "--accelerator", "H100", "--hours", "10", "--table", "rnd-cost", "--region", "US");
        assertThat(us.err()).contains("paper's 2018 US average");
        Run bad = run("estimate", "--accelerator", "H100", "--hours", "10", "--region", "europe-west5");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("carbonpaper: --region: unknown region 'europe-west5'").contains("europe-west4");
        assertThat(bad.out()).isEmpty();
        Run set = run("estimate", "--accelerator", "H100", "--hours", "10", "--set", "region=europe-west5");
        assertThat(set.code()).isEqualTo(2);
        assertThat(set.err()).startsWith("carbonpaper: --set region=europe-west5: unknown region");
    }

    @Test void theRegionChangesTheGrid() throws IOException {
        Run us = run("estimate", "--accelerator", "H100", "--hours", "10", "--format", "csv", "--table", "rnd-cost");
        Run fr = run("estimate", "--accelerator", "H100", "--hours", "10", "--format", "csv", "--table", "rnd-cost", "--region", "FRA");
        double a = Double.parseDouble(csv(us.out()).get(0).get("co2e_kg")), b = Double.parseDouble(csv(fr.out()).get(0).get("co2e_kg"));
        assertThat(b).isLessThan(a / 4);
    }

    @Test void ownedServersGiveTheBreakEven() {
        Run r = run("estimate", "--accelerator", "A100", "--count", "8", "--hours", "100", "--table", "cloud-vs-owned",
                "--set", "owned.accelerator=A100", "--set", "owned.purchase_usd=150000", "--set", "owned.lifetime_years=4",
                "--set", "owned.accelerators_per_server=8");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Cloud, on demand").contains("Owned, 1 \u00d7 8 A100-SXM4-40GB").contains("Break-even");
    }

    @Test void projectSettingsComeFromLogsAndFlagsWin() throws IOException {
        Run r = run("estimate", "--accelerator", "TitanX-Pascal", "--hours", "120", "--format", "csv", "--table", "rnd-cost",
                "--logs", "sample-logs/lisa-rnd", "--pue", "1.58");
        assertThat(r.code()).isZero();
        CSVRecord row = csv(r.out()).get(0);
        // The paper's final model: 120 h on one 250 W GPU at PUE 1.58, priced as a P100, electricity at $0.10414/kWh.
        assertThat(Double.parseDouble(row.get("cloud_usd_low"))).isCloseTo(51.6, within(1e-9));
        assertThat(Double.parseDouble(row.get("cloud_usd_high"))).isCloseTo(175.2, within(1e-9));
        assertThat(Double.parseDouble(row.get("electricity_usd"))).isCloseTo(47.4 * 0.10414, within(1e-9));
        assertThat(row.isMapped("co2e_lbs")).isTrue();
    }

    @Test void unknownAcceleratorRegionOrSettingIsAUsageError() {
        Run a = run("estimate", "--accelerator", "A1000", "--hours", "1");
        assertThat(a.code()).isEqualTo(2);
        assertThat(a.err()).contains("unknown accelerator 'A1000'").contains("A10");
        assertThat(run("estimate", "--accelerator", "A100", "--hours", "1", "--region", "atlantis").err()).contains("unknown region 'atlantis'");
        assertThat(run("estimate", "--accelerator", "A100", "--hours", "1", "--set", "embodied=maybe").err())
                .contains("'embodied' must be true or false");
        assertThat(run("estimate", "--accelerator", "A100", "--hours", "0").err()).contains("--hours must be more than 0");
        // Issue 16 item 10: 1e308 hours printed a cost of $∞; a million and one accelerators is no run.
        Run huge = run("estimate", "--accelerator", "A100", "--hours", "1e308");
        assertThat(huge.code()).isEqualTo(2);
        assertThat(huge.err()).contains("--hours must be more than 0 and at most 100,000,000");
        assertThat(run("estimate", "--accelerator", "A100", "--hours", "1", "--count", "1000001").err()).contains("--count must be at most 1000000");
        assertThat(run("estimate", "--accelerator", "A100", "--hours", "1", "--table", "nope").code()).isEqualTo(2);
        assertThat(run("estimate", "--hours", "1").code()).isEqualTo(2);
    }
}
