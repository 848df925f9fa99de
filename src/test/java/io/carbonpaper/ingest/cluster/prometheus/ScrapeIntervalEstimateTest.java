package io.carbonpaper.ingest.cluster.prometheus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PrometheusEnricher#estimateInterval}: the scrape interval from a sample count, whichever edge convention the store has. */
class ScrapeIntervalEstimateTest {
    @Test
    void aClosedWindowOnScrapesHoldsOneSampleMoreThanTheIntervalsItSpans() {
        assertThat(PrometheusEnricher.estimateInterval(3600, 361)).isEqualTo(10.0); // Prometheus 2: both edges included
    }

    @Test
    void aLeftOpenWindowGivesTheSameWholeSecondInterval() {
        // Prometheus 3 and VictoriaMetrics leave the sample at the window's start out: 360 samples, still 10 s, not 3600 / 359.
        assertThat(PrometheusEnricher.estimateInterval(3600, 360)).isEqualTo(10.0);
        assertThat(PrometheusEnricher.estimateInterval(86_400, 5760)).isEqualTo(15.0);
    }

    @Test
    void aWindowWhoseEdgesFallBetweenScrapesGivesTheIntervalToo() {
        assertThat(PrometheusEnricher.estimateInterval(1500, 150)).isEqualTo(10.0); // 1005..2505 s over scrapes at 1010..2500
    }

    @Test
    void whenNoOrSeveralWholeSecondsFitTheQuotientIsKept() {
        assertThat(PrometheusEnricher.estimateInterval(30, 2)).isEqualTo(30.0);     // 11..30 s would all fit
        assertThat(PrometheusEnricher.estimateInterval(10, 21)).isEqualTo(0.5);     // sub-second scrapes
        assertThat(PrometheusEnricher.estimateInterval(3600, 330)).isEqualTo(10.942); // a gap: no whole second fits
    }
}
