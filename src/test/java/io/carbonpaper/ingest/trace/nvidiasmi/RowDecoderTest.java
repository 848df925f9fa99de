package io.carbonpaper.ingest.trace.nvidiasmi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RowDecoderTest {
    private static final Header H = Header.parse("timestamp, index, name, power.draw [W]");

    private final RowDecoder d = new RowDecoder();

    private int decode(String line, Header h) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int end = d.scan(b, 0, b.length);
        return d.decode(b, 0, end, h);
    }

    @Test void aPlainRowGivesTimeDeviceNameAndWatts() {
        assertThat(decode("2024/03/01 23:59:59.250, 3, NVIDIA A100-SXM4-80GB, 251.30 W", H)).isEqualTo(RowDecoder.ROW);
        assertThat(d.micros).isEqualTo(1_709_337_599_250_000L);
        assertThat(d.localClock).isTrue();
        assertThat(d.key(d.device)).isEqualTo("3");
        assertThat(d.name).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(d.watts).isEqualTo(251.30);
    }

    @Test void theSameNameTwiceIsReportedOnce() {
        decode("2024/03/01 10:00:00.000, 0, Tesla V100, 250 W", H);
        d.keepName();
        decode("2024/03/01 10:00:00.000, 1, Tesla V100, 250 W", H);
        assertThat(d.name).isNull();
    }

    /** A row the reader refuses (its timestamp, say) does not hide its name from the next kept row. */
    @Test void aNameCountsAsGivenOnlyOnceItsRowIsKept() {
        decode("5364/03/01 10:00:00.000, 0, Tesla V100, 250 W", H);
        decode("2024/03/01 10:00:00.000, 0, Tesla V100, 250 W", H);
        assertThat(d.name).isEqualTo("Tesla V100");
    }

    @Test void aNameWithCommasAbsorbsTheExtraFields() {
        assertThat(decode("2024/03/01 10:00:00.000, 0, GPU, rev 2, 99.5", H)).isEqualTo(RowDecoder.ROW);
        assertThat(d.name).isEqualTo("GPU, rev 2");
        assertThat(d.watts).isEqualTo(99.5);
    }

    @Test void placeholdersAreMissingValuesWithTheirReason() {
        assertThat(decode("2024/03/01 10:00:00.000, 0, Tesla V100, [Not Supported]", H)).isEqualTo(RowDecoder.MISSING);
        assertThat(RowDecoder.missingReason(d.missing)).isEqualTo("power.draw [Not Supported]");
    }

    @Test void eachBrokenPartHasItsStatus() {
        assertThat(decode("2024/03/01 10:00:00.000, 0, 250 W", H)).isEqualTo(RowDecoder.WRONG_COUNT);
        assertThat(decode("2024/03/01 10:00:00.000, 0, 250 W" + ",".repeat(600), H)).isEqualTo(RowDecoder.TOO_MANY);
        assertThat(decode("yesterday, 0, Tesla V100, 250 W", H)).isEqualTo(RowDecoder.BAD_TIME);
        assertThat(decode("2024/03/01 10:00:00.000, , Tesla V100, 250 W", H)).isEqualTo(RowDecoder.NO_DEVICE);
        assertThat(decode("2024/03/01 10:00:00.000, 0, Tesla V100, 250 mW", H)).isEqualTo(RowDecoder.BAD_POWER);
        assertThat(decode("2024/03/01 10:00:00.000, 0, Tesla V100, -3 W", H)).isEqualTo(RowDecoder.BAD_POWER);
    }

    @Test void anIsoTimeWithAnOffsetIsNotLocalClock() {
        assertThat(decode("2024-03-01T10:00:00.123+08:00, 0, Tesla V100, 250 W", H)).isEqualTo(RowDecoder.ROW);
        assertThat(d.micros).isEqualTo(1_709_258_400_123_000L);
        assertThat(d.localClock).isFalse();
    }

    @Test void withoutIndexOrUuidTheRowsPositionDecides() {
        Header h = Header.parse("timestamp, name, power.draw [W]");
        assertThat(decode("2024/03/01 10:00:00.000, Tesla V100, 250 W", h)).isEqualTo(RowDecoder.ROW);
        assertThat(d.device).isEqualTo(RowDecoder.BY_POSITION);
    }

    @Test void longKeysGetStableIdsOfTheirOwn() {
        Header h = Header.parse("timestamp, uuid, power.draw [W]");
        decode("2024/03/01 10:00:00.000, GPU-aaaa, 1 W", h);
        int a = d.device;
        decode("2024/03/01 10:00:00.000, GPU-bbbb, 1 W", h);
        int b = d.device;
        decode("2024/03/01 10:00:01.000, GPU-aaaa, 1 W", h);
        assertThat(d.device).isEqualTo(a).isNotEqualTo(b);
        assertThat(d.key(a)).isEqualTo("GPU-aaaa");
        assertThat(d.key(b)).isEqualTo("GPU-bbbb");
    }
}
