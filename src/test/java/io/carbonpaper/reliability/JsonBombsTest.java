package io.carbonpaper.reliability;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * JSON bombs against every JSON-reading reader: refused (or the value reported) with a message,
 * never a crash, a hang or a number that reaches the report as infinity.
 */
class JsonBombsTest {
    @TempDir Path dir;

    static Stream<Arguments> bombs() {
        List<BrokenInputs.Sample> json = List.of(BrokenInputs.queryRange(), BrokenInputs.wandbMetadata(), BrokenInputs.wandbSummary());
        String deep = "[".repeat(100_000);
        String digits = "1".repeat(100_000);
        String longString = "x".repeat(15 << 20);
        return json.stream().flatMap(s -> Stream.of(
                Arguments.of(s, "100,000 nested arrays", "{\"a\":" + deep + "}"),
                Arguments.of(s, "a 100,000-digit number", "{\"status\":" + digits + ",\"_runtime\":" + digits + "}"),
                Arguments.of(s, "1e9999", "{\"status\":\"success\",\"_runtime\":1e9999,\"gpu_count\":1e9999,\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                        + "{\"__name__\":\"DCGM_FI_DEV_POWER_USAGE\"},\"values\":[[1e9999,\"1e9999\"],[1709287215,\"100\"]]}]}}"),
                Arguments.of(s, "a 15 MB string", "{\"status\":\"" + longString + "\",\"host\":\"" + longString + "\"}")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("bombs")
    void bombsAreRefusedWithAMessage(BrokenInputs.Sample s, String what, String content) {
        BrokenInputsTest.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> BrokenInputsTest.read(dir, s, content.getBytes(StandardCharsets.UTF_8)));
        assertThat(o.complained()).as("%s: %s must be refused or reported; found %s", s, what, o.findings()).isTrue();
        if (o.failure() != null) assertThat(o.failure().getMessage()).isNotBlank().doesNotContain("Exception");
        assertThat(o.joules()).isFinite();
    }
}
