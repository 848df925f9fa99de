package io.carbonpaper.estimate;

import io.carbonpaper.model.GridSeries;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HourlyCarbonTest {
    private static final Instant MONDAY = Instant.parse("2024-01-15T00:00:00Z");
    private static final CarbonIntensity ANNUAL = CarbonIntensity.ofGramsPerKilowattHour(300);

    /** A week of hourly intensity: 100 g/kWh from 00:00 to 05:59 each day, 500 g/kWh otherwise. */
    private static GridSeries week() {
        TreeMap<Instant, Double> hourly = new TreeMap<>();
        for (int h = 0; h < 7 * 24; h++) hourly.put(MONDAY.plus(h, ChronoUnit.HOURS), h % 24 < 6 ? 100.0 : 500.0);
        return new GridSeries("grid.csv", "plain", Optional.of("DE"), "average", "life-cycle", hourly, List.of());
    }

    /** A trace of one device at {@code watts} from {@code from} for {@code hours}, one chart point a minute. */
    private static TraceSummary trace(Instant from, int hours, double watts) {
        List<TraceSummary.ChartPoint> chart = new ArrayList<>();
        for (int m = 0; m < hours * 60; m++) chart.add(new TraceSummary.ChartPoint("gpu0", from.plusSeconds(60L * m + 30), watts));
        return new TraceSummary("test", Optional.empty(), Optional.empty(), List.of(), from, from.plus(hours, ChronoUnit.HOURS),
                hours * 60L, Map.of(), List.of(), false, chart);
    }

    @Test
    void theProfileSpreadsEnergyOverTheHoursItWasDrawn() {
        HourlyCarbon.Profile p = HourlyCarbon.profile(List.of(trace(MONDAY.plus(3, ChronoUnit.HOURS), 4, 250))).orElseThrow();
        assertThat(p.firstHour()).isEqualTo(Instant.parse("2024-01-15T03:00:00Z"));
        assertThat(p.shares()).hasSize(4).allSatisfy(s -> assertThat(s).isCloseTo(0.25, within(1e-12)));
        assertThat(HourlyCarbon.profile(List.of())).isEmpty();
    }

    @Test
    void hourlyCo2eWeighsEachHoursEnergyByItsIntensity() {
        // 04:00-07:59 Monday: two clean hours (100) and two dirty ones (500): 300 g/kWh on average
        HourlyCarbon.Profile p = HourlyCarbon.profile(List.of(trace(MONDAY.plus(4, ChronoUnit.HOURS), 4, 250))).orElseThrow();
        HourlyCarbon.Result r = HourlyCarbon.of(p, Energy.ofKilowattHours(10), week(), ANNUAL).orElseThrow();
        assertThat(r.hourly().kilograms()).isCloseTo(3.0, within(1e-9));
        assertThat(r.annual().kilograms()).isCloseTo(3.0, within(1e-9));
        assertThat(r.coveredShare()).isCloseTo(1.0, within(1e-12));
        // 00:00-03:59: all clean
        HourlyCarbon.Profile night = HourlyCarbon.profile(List.of(trace(MONDAY, 4, 250))).orElseThrow();
        HourlyCarbon.Result clean = HourlyCarbon.of(night, Energy.ofKilowattHours(10), week(), ANNUAL).orElseThrow();
        assertThat(clean.hourly().kilograms()).isCloseTo(1.0, within(1e-9));
        assertThat(clean.effective().gramsPerKilowattHour()).isCloseTo(100, within(1e-9));
        assertThat(clean.relativeDifference()).isCloseTo(-2.0 / 3, within(1e-9));
    }

    @Test
    void hoursOutsideTheSeriesCountAtTheAnnualAverage() {
        // Sunday 22:00 to Monday 01:59 of the next week: the last two hours fall outside the series
        Instant sunday = MONDAY.plus(6 * 24 + 22, ChronoUnit.HOURS);
        HourlyCarbon.Profile p = HourlyCarbon.profile(List.of(trace(sunday, 4, 100))).orElseThrow();
        HourlyCarbon.Result r = HourlyCarbon.of(p, Energy.ofKilowattHours(4), week(), ANNUAL).orElseThrow();
        assertThat(r.coveredShare()).isCloseTo(0.5, within(1e-12));
        // 2 kWh at 500 + 2 kWh at the annual 300
        assertThat(r.hourly().grams()).isCloseTo(2 * 500 + 2 * 300, within(1e-6));
        HourlyCarbon.Profile later = HourlyCarbon.profile(List.of(trace(MONDAY.plus(30, ChronoUnit.DAYS), 2, 100))).orElseThrow();
        assertThat(HourlyCarbon.of(later, Energy.ofKilowattHours(1), week(), ANNUAL)).isEmpty();
    }

    @Test
    void theBestAndWorstStartOfTheWeekAndThePause() {
        // a 4-hour run started Tuesday 10:00 (all dirty): best start is Monday 00:00 (all clean), worst the run's own hours
        HourlyCarbon.Profile p = HourlyCarbon.profile(List.of(trace(MONDAY.plus(34, ChronoUnit.HOURS), 4, 250))).orElseThrow();
        HourlyCarbon.WhenToTrain w = HourlyCarbon.counterfactual(p, Energy.ofKilowattHours(10), week()).orElseThrow();
        assertThat(w.weekStart()).isEqualTo(MONDAY);
        assertThat(w.actual().kilograms()).isCloseTo(5.0, within(1e-9));
        assertThat(w.bestStart()).isEqualTo(MONDAY);
        assertThat(w.best().kilograms()).isCloseTo(1.0, within(1e-9));
        assertThat(w.worst().kilograms()).isCloseTo(5.0, within(1e-9));
        assertThat(w.worstStart()).isEqualTo(Instant.parse("2024-01-15T06:00:00Z"));
        assertThat(w.starts()).isEqualTo(7 * 24 - 3);
        assertThat(w.savingBest().kilograms()).isCloseTo(4.0, within(1e-9));
        // Above the 90th percentile there is nothing (the week has two values), so nothing is paused
        assertThat(w.pauseAbove()).isEqualTo(500.0);
        assertThat(w.pausedHours()).isZero();
        assertThat(w.paused().orElseThrow().kilograms()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void pausingSkipsTheDirtiestHoursAndResumesInTheNextCleanerOne() {
        TreeMap<Instant, Double> hourly = new TreeMap<>(week().hourly());
        // one spike at Monday 07:00 above everything else
        hourly.put(MONDAY.plus(7, ChronoUnit.HOURS), 900.0);
        GridSeries spiky = new GridSeries("grid.csv", "plain", Optional.empty(), "average", "unstated", hourly, List.of());
        HourlyCarbon.Profile p = HourlyCarbon.profile(List.of(trace(MONDAY.plus(6, ChronoUnit.HOURS), 2, 500))).orElseThrow();
        HourlyCarbon.WhenToTrain w = HourlyCarbon.counterfactual(p, Energy.ofKilowattHours(2), spiky).orElseThrow();
        assertThat(w.actual().grams()).isCloseTo(500 + 900, within(1e-6));
        assertThat(w.pausedHours()).isEqualTo(1);
        assertThat(w.paused().orElseThrow().grams()).isCloseTo(500 + 500, within(1e-6));
        assertThat(w.savingPaused().orElseThrow().grams()).isCloseTo(400, within(1e-6));
    }

    @Test
    void noCounterfactualWhenTheSeriesMissesTheRun() {
        HourlyCarbon.Profile p = HourlyCarbon.profile(List.of(trace(MONDAY.minus(2, ChronoUnit.DAYS), 2, 100))).orElseThrow();
        assertThat(HourlyCarbon.counterfactual(p, Energy.ofKilowattHours(1), week())).isEmpty();
    }

    @Test
    void aProjectedEstimateWeighsOnlyTheTracedShareByTheHour() {
        // one clean traced hour (100 g/kWh) standing for a quarter of the training: 1 kWh hourly, 3 kWh at 300
        HourlyCarbon.Profile p = HourlyCarbon.profile(List.of(trace(MONDAY, 1, 100))).orElseThrow();
        HourlyCarbon.Result r = HourlyCarbon.of(p, Energy.ofKilowattHours(4), week(), ANNUAL, 0.25).orElseThrow();
        assertThat(r.coveredShare()).isCloseTo(0.25, within(1e-12));
        assertThat(r.hourly().grams()).isCloseTo(100 + 3 * 300, within(1e-6));
        assertThat(r.effective().gramsPerKilowattHour()).isCloseTo(100, within(1e-9));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HourlyCarbon.of(p, Energy.ofKilowattHours(4), week(), ANNUAL, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
