package io.carbonpaper.reference;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceCountTest {
    private static final AcceleratorCatalog CATALOG = AcceleratorCatalog.bundled();

    @Test
    void listsWithSeparatorsAndWithout() {
        Set<String> known = Set.of("GPU A", "GPU B 3090");
        assertThat(DeviceCount.parseList("2 x GPU A, 3 x GPU B 3090", known::contains))
                .containsExactly(new DeviceCount(2, "GPU A"), new DeviceCount(3, "GPU B 3090"));
        assertThat(DeviceCount.parseList("2 x GPU B 30903 x GPU A", known::contains))
                .containsExactly(new DeviceCount(2, "GPU B 3090"), new DeviceCount(3, "GPU A"));
        assertThat(DeviceCount.parseList("  ", known::contains)).isEmpty();
        assertThat(DeviceCount.parseList(null, known::contains)).isEmpty();
        assertThat(DeviceCount.parseList("GPU A", known::contains)).containsExactly(new DeviceCount(1, "GPU A"));
        assertThat(DeviceCount.parseList("box x 3", known::contains)).containsExactly(new DeviceCount(1, "box x 3"));
        assertThat(DeviceCount.parseList("2 x ", known::contains)).containsExactly(new DeviceCount(1, "2 x"));
    }

    @Test
    void unknownGluedNamesTakeTheLastDigitAsTheCount() {
        assertThat(DeviceCount.parseList("1 x Mystery 9002 x Other", n -> false))
                .containsExactly(new DeviceCount(1, "Mystery 900"), new DeviceCount(2, "Other"));
    }

    @Test
    void hugeCountsNeverOverflow() {
        assertThat(DeviceCount.parseList("99999999999 x GPU A", n -> true)).hasSize(1);
        assertThat(DeviceCount.parseList("1 x GPU A99999999999 x GPU A", n -> false)).hasSize(2);
    }

    /** Property: any list of catalog names with counts 1-9, written glued together as CodeCarbon does, parses back. */
    @Property(tries = 300)
    void gluedCodeCarbonListsParseBack(@ForAll("entries") @Size(min = 1, max = 4) List<DeviceCount> entries) {
        String glued = entries.stream().map(e -> e.count() + " x " + e.name()).collect(Collectors.joining());
        assertThat(CATALOG.parseDeviceList(glued)).as(glued).containsExactlyElementsOf(entries);
        String separated = entries.stream().map(e -> e.count() + " x " + e.name()).collect(Collectors.joining(", "));
        assertThat(CATALOG.parseDeviceList(separated)).as(separated).containsExactlyElementsOf(entries);
    }

    @Provide
    Arbitrary<List<DeviceCount>> entries() {
        List<String> names = new ArrayList<>();
        for (AcceleratorSpec s : CATALOG.all()) if (!s.kind().equals("cpu")) names.add(s.name());
        Arbitrary<DeviceCount> one = Combinators.combine(Arbitraries.integers().between(1, 9), Arbitraries.of(names)).as(DeviceCount::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
