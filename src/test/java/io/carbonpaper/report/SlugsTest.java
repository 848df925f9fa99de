package io.carbonpaper.report;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {
    private static final String HYDRA = "sweeps/bert-large-finetune-glue/multirun/2024-01-01/12-00-00/";

    @Test void onlySafeCharactersEver() {
        for (String hostile : new String[] {"../../etc/passwd", "/abs/path", "C:\\win", "a\0b", "..", "", "<script>", "名前"}) {
            assertThat(Slugs.of(hostile)).matches("[a-z0-9-]+");
        }
    }

    /** The one-pass stem of an ASCII name is the one the normaliser and patterns give (issue 20). */
    @Property void theAsciiStemAgreesWithThePatterns(@ForAll @CharRange(from = 0, to = 127) @StringLength(max = 120) String name) {
        assertThat(Slugs.stem(name)).isEqualTo(Slugs.stemByPatterns(name));
    }

    /** Dense in what the stem treats specially: separators at both ends, case, and a cut at 48 characters. */
    @Property void longSeparatedNamesToo(@ForAll @Chars({'a', 'Z', '0', '-', '/', ' ', '_', '.'}) @StringLength(min = 40, max = 70) String name) {
        assertThat(Slugs.stem(name)).isEqualTo(Slugs.stemByPatterns(name));
    }

    @Test void accentsAreDroppedOutsideAsciiOnly() {
        assertThat(Slugs.stem("Café Ünïcode--run")).isEqualTo("cafe-unicode-run");
        assertThat(Slugs.stem("--BERT (base)/42--")).isEqualTo("bert-base-42");
    }

    @Test void differentNamesStayApart() {
        assertThat(Slugs.of("BERT (base)")).isNotEqualTo(Slugs.of("BERT base"));
        assertThat(Slugs.of("table3/01-a")).startsWith("table3-01-a-");
    }

    /** Issue 16, item 5: two names built to share a 24-bit hash (found by search) and the same stem. */
    @Test void adversarialNamesThatShareAShortSlugGetTwo() {
        assertThat(Slugs.of("run)%;x")).as("the clash this guards against").isEqualTo(Slugs.of("run'}-x"));
        Map<String, String> slugs = Slugs.unique(List.of("run)%;x", "run'}-x", "run-x"));
        assertThat(new HashSet<>(slugs.values())).hasSize(3);
        assertThat(slugs.get("run-x")).as("a name without a clash keeps its short slug").isEqualTo(Slugs.of("run-x"));
        assertThat(slugs.get("run)%;x")).matches("run-x-[0-9a-f]{12}");
        assertThat(slugs.values()).allMatch(v -> v.matches("[a-z0-9-]+"));
    }

    /**
     * Hydra multirun folders collide naturally under a 24-bit hash (about 3 pairs in 10,000) once
     * their path is longer than the 48-character stem, so that the stems agree and only the hash
     * tells them apart.
     */
    @Test void tenThousandHydraMultirunFoldersGetTenThousandSlugs() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) names.add(HYDRA + i);
        assertThat(new HashSet<>(names.stream().map(Slugs::of).toList())).as("short slugs alone collide").hasSizeLessThan(10_000);
        Map<String, String> slugs = Slugs.unique(names);
        assertThat(new HashSet<>(slugs.values())).hasSize(10_000);
        long lengthened = names.stream().filter(n -> !slugs.get(n).equals(Slugs.of(n))).count();
        assertThat(lengthened).isBetween(2L, 40L);
    }

    @Test void theSlugsDoNotDependOnTheOrderOfTheNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) names.add(HYDRA + i);
        names.add("run)%;x");
        names.add("run'}-x");
        Map<String, String> a = Slugs.unique(names);
        Collections.reverse(names);
        assertThat(Slugs.unique(names)).isEqualTo(a);
    }
}
