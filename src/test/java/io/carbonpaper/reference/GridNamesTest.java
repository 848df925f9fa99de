package io.carbonpaper.reference;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GridNamesTest {
    /** The ASCII shortcut of loose() (issue 20) gives what the general path gives. */
    @Property void theAsciiShortcutAgreesWithTheNormalizer(@ForAll @CharRange(from = 0, to = 127) String name) {
        assertThat(GridNames.loose(name)).isEqualTo(GridNames.looseByNormalizer(name));
    }

    @Property void printableNamesToo(@ForAll @CharRange(from = ' ', to = '~') @Chars({'-', '_', ':', ' '}) String name) {
        assertThat(GridNames.loose(name)).isEqualTo(GridNames.looseByNormalizer(name));
    }

    @Test void accentsAndCaseGoTheSameWayAsBefore() {
        assertThat(GridNames.loose("Côte d'Ivoire")).isEqualTo("cotedivoire");
        assertThat(GridNames.loose("US-East_1")).isEqualTo("useast1");
        assertThat(GridNames.loose("Åland Islands")).isEqualTo("alandislands");
    }
}
