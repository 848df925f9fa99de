package io.carbonpaper.render.charts;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LabelsTest {
    @Test void aLongNameIsCutToSixtyCodePointsWithAnEllipsis() {
        String name = "\uD835\uDC00".repeat(30_000); // a letter outside the BMP: cut between code points, never inside a pair
        String shown = Labels.shown(name);
        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(Labels.MAX);
        assertThat(shown).endsWith("\u2026").startsWith("\uD835\uDC00".repeat(Labels.MAX - 1));
        assertThat(Labels.shown("bert-large")).isEqualTo("bert-large");
        assertThat(Labels.shown("x".repeat(Labels.MAX))).isEqualTo("x".repeat(Labels.MAX));
    }

    @Test void keysAreUniqueForEqualNamesAndForNamesEqualOnceCut() {
        Labels keys = new Labels();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) assertThat(seen.add(keys.unique("run"))).isTrue();
        for (int i = 0; i < 50; i++) assertThat(seen.add(keys.unique("y".repeat(100) + i))).isTrue();
        assertThat(keys.unique("other")).isEqualTo("other");
        assertThat(seen).contains("run", "run (2)", "run (5000)");
        // A name that is itself an earlier numbered key does not take its place.
        Labels k = new Labels();
        assertThat(k.unique("a (2)")).isEqualTo("a (2)");
        assertThat(k.unique("a")).isEqualTo("a");
        assertThat(k.unique("a")).isEqualTo("a (3)");
    }
}
