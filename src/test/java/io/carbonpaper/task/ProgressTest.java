package io.carbonpaper.task;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void shownOnATerminalOutsideCi() {
        assertThat(Progress.wanted(true, Map.of("TERM", "xterm-256color")::get)).isTrue();
        assertThat(Progress.wanted(true, Map.<String, String>of()::get)).isTrue();
    }

    @Test
    void neverWhenStandardErrorIsPipedOrRedirected() {
        assertThat(Progress.wanted(false, Map.of("TERM", "xterm")::get)).isFalse();
    }

    @Test
    void neverInCiWhateverTheValueOfCi() {
        assertThat(Progress.wanted(true, Map.of("CI", "true")::get)).isFalse();
        assertThat(Progress.wanted(true, Map.of("CI", "1")::get)).isFalse();
        assertThat(Progress.wanted(true, Map.of("CI", "")::get)).as("an empty CI is unset").isTrue();
    }

    @Test
    void neverOnADumbTerminal() {
        assertThat(Progress.wanted(true, Map.of("TERM", "dumb")::get)).isFalse();
    }

    @Test
    void lineShowsPercentAndMegabytesAndNeverPassesAHundred() {
        assertThat(Progress.line(212_000_000, 505_000_000)).isEqualTo("reading logs:  41% (212 of 505 MB)");
        assertThat(Progress.line(0, 0)).isEqualTo("reading logs:   0% (0 of 0 MB)");
        // Readers that open a file twice count its bytes twice; the display stops at the total.
        assertThat(Progress.line(2_000_000_000L, 1_500_000_000L)).isEqualTo("reading logs: 100% (1,500 of 1,500 MB)");
    }

    @Test
    void aDisplayThatWasNotWantedWritesNothing() {
        StringWriter sw = new StringWriter();
        try (Progress p = Progress.start(false, new PrintWriter(sw), new AtomicLong(5), new AtomicLong(10))) {
            assertThat(p).isNotNull();
        }
        assertThat(sw.toString()).isEmpty();
    }
}
