package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {
    @Test void onlySafeCharactersEver() {
        for (String hostile : new String[] {"../../etc/passwd", "/abs/path", "C:\\win", "a\0b", "..", "", "<script>", "名前"}) {
            assertThat(Slugs.of(hostile)).matches("[a-z0-9-]+");
        }
    }

    @Test void differentNamesStayApart() {
        assertThat(Slugs.of("BERT (base)")).isNotEqualTo(Slugs.of("BERT base"));
        assertThat(Slugs.of("table3/01-a")).startsWith("table3-01-a-");
    }
}
