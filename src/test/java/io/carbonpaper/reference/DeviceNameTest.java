package io.carbonpaper.reference;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceNameTest {
    /** The one-pass ASCII path of normalise() (issue 20) gives what the two patterns give. */
    @Property void theAsciiPathAgreesWithThePatterns(@ForAll @CharRange(from = 0, to = 127) String name) {
        assertThat(DeviceName.normalise(name)).isEqualTo(DeviceName.normaliseByPatterns(name));
    }

    /** Dense in what the patterns look at: parentheses round r, tm and c in either case, and separators. */
    @Property void trademarksAndSeparatorsToo(@ForAll @Chars({'(', ')', 'r', 'R', 't', 'T', 'm', 'M', 'c', 'C', ' ', '-', '_', '\t', 'x'}) String name) {
        assertThat(DeviceName.normalise(name)).isEqualTo(DeviceName.normaliseByPatterns(name));
    }

    @Test void namesAsToolsPrintThem() {
        assertThat(DeviceName.normalise("NVIDIA GeForce RTX(TM) 3090 Ti")).isEqualTo("nvidiageforcertx3090ti");
        assertThat(DeviceName.normalise("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz")).isEqualTo("intelxeongold6248cpu@2.50ghz");
        assertThat(DeviceName.normalise("Tesla V100-SXM2-16GB")).isEqualTo("teslav100sxm216gb");
        assertThat(DeviceName.normalise("TITAN X (Pascal)")).isEqualTo("titanxpascal");
        assertThat(DeviceName.normalise("AMD Radeon™ RX 7900")).isEqualTo("amdradeonrx7900");
    }
}
