package io.carbonpaper.ingest.source;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Zoneless trace readings placed in the zone they were written in (setting {@code timezone}). */
class LocalClockTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static long local(String t) { return LocalDateTime.parse(t).toEpochSecond(ZoneOffset.UTC) * 1_000_000L; }

    private static Instant instant(long micros) { return Instant.ofEpochSecond(micros / 1_000_000L, micros % 1_000_000L * 1000); }

    @Test void utcIsReturnedAsItIs() {
        LocalClock c = new LocalClock(ZoneOffset.UTC);
        assertThat(c.isUtc()).isTrue();
        assertThat(c.utc(local("2024-10-27T02:30:00"))).isEqualTo(local("2024-10-27T02:30:00"));
        assertThat(new LocalClock(ZoneId.of("UTC")).isUtc()).isTrue();
        assertThat(new LocalClock(AMSTERDAM).isUtc()).isFalse();
    }

    @Test void aFixedOffsetIsSubtracted() {
        LocalClock c = new LocalClock(ZoneOffset.of("+05:30"));
        assertThat(instant(c.utc(local("2024-01-15T12:00:00")))).isEqualTo(Instant.parse("2024-01-15T06:30:00Z"));
    }

    @Test void summerAndWinterTimeEachTakeTheirOwnOffset() {
        LocalClock c = new LocalClock(AMSTERDAM);
        assertThat(instant(c.utc(local("2024-01-15T12:00:00")))).isEqualTo(Instant.parse("2024-01-15T11:00:00Z"));
        assertThat(instant(c.utc(local("2024-07-15T12:00:00")))).isEqualTo(Instant.parse("2024-07-15T10:00:00Z"));
        assertThat(instant(c.utc(local("2024-07-15T12:00:01")))).isEqualTo(Instant.parse("2024-07-15T10:00:01Z")); // from the cache
    }

    /** A trace every ten minutes through the night summer time ends: the clock shows 02:00-02:50 twice. */
    @Test void theRepeatedAutumnHourIsReadOnceAtEachOffsetInOrder() {
        LocalClock c = new LocalClock(AMSTERDAM);
        List<String> shown = new ArrayList<>();
        for (int m = 0; m < 60; m += 10) shown.add("2024-10-27T01:" + String.format("%02d", m) + ":00");
        for (int pass = 0; pass < 2; pass++)
            for (int m = 0; m < 60; m += 10) shown.add("2024-10-27T02:" + String.format("%02d", m) + ":00");
        shown.add("2024-10-27T03:00:00");
        List<Instant> got = new ArrayList<>();
        for (String s : shown) got.add(instant(c.utc(local(s))));
        Instant t = Instant.parse("2024-10-26T23:00:00Z"); // 01:00 CEST
        for (Instant g : got) {
            assertThat(g).isEqualTo(t);
            t = t.plusSeconds(600);
        }
    }

    @Test void twoDevicesSampledAtTheSameRepeatedMomentGetTheSameInstant() {
        LocalClock c = new LocalClock(AMSTERDAM);
        c.utc(local("2024-10-27T02:50:00"));
        long a = c.utc(local("2024-10-27T02:00:00")), b = c.utc(local("2024-10-27T02:00:00"));
        assertThat(instant(a)).isEqualTo(Instant.parse("2024-10-27T01:00:00Z")).isEqualTo(instant(b));
    }

    @Test void aReadingInTheSpringHourThatDoesNotExistTakesTheWinterOffset() {
        LocalClock c = new LocalClock(AMSTERDAM);
        assertThat(instant(c.utc(local("2024-03-31T01:50:00")))).isEqualTo(Instant.parse("2024-03-31T00:50:00Z"));
        assertThat(instant(c.utc(local("2024-03-31T02:10:00")))).isEqualTo(Instant.parse("2024-03-31T01:10:00Z"));
        assertThat(instant(c.utc(local("2024-03-31T03:10:00")))).isEqualTo(Instant.parse("2024-03-31T01:10:00Z"));
    }

    @Test void agreesWithJavaTimeOutsideTheChangesAcrossYearsAndZones() {
        for (String z : List.of("Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo")) {
            ZoneId zone = ZoneId.of(z);
            LocalClock c = new LocalClock(zone);
            for (LocalDateTime t = LocalDateTime.parse("2019-01-01T00:17:00"); t.isBefore(LocalDateTime.parse("2026-01-01T00:00:00")); t = t.plusHours(7)) {
                if (zone.getRules().getValidOffsets(t).size() != 1) continue;
                long micros = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
                assertThat(instant(c.utc(micros))).as(z + " " + t).isEqualTo(t.atZone(zone).toInstant());
            }
        }
    }
}
