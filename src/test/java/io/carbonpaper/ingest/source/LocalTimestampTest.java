package io.carbonpaper.ingest.source;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20: sacct's timestamps read digit by digit give what java.time's ISO parsers give, invalid ones included. */
class LocalTimestampTest {
    /** Every field 00-99 (months past 12, February 29th and 30th, hours past 23), years 0000-9999, a T or a space. */
    @Provide Arbitrary<String> fields() {
        Arbitrary<Integer> two = Arbitraries.integers().between(0, 99);
        return Combinators.combine(Arbitraries.integers().between(0, 9999), two, two, Arbitraries.of('T', ' '), two, two, two)
                .as((y, mo, d, sep, h, mi, s) -> String.format("%04d-%02d-%02d%c%02d:%02d:%02d", y, mo, d, sep, h, mi, s));
    }

    @Property(tries = 20_000) void anyFieldsAgree(@ForAll("fields") String t) {
        assertThat(LocalTimestamp.parse(t)).isEqualTo(LocalTimestamp.parseGeneral(t));
    }

    /** Valid ones, mostly: months 1-12, days 1-31, hours 0-24. */
    @Provide Arbitrary<String> plausible() {
        return Combinators.combine(Arbitraries.integers().between(1896, 2104), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 31), Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 59),
                Arbitraries.integers().between(0, 60)).as((y, mo, d, h, mi, s) -> String.format("%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s));
    }

    @Property(tries = 20_000) void plausibleOnesAgree(@ForAll("plausible") String t) {
        assertThat(LocalTimestamp.parse(t)).isEqualTo(LocalTimestamp.parseGeneral(t));
    }

    /** Nineteen characters of what timestamps are made of, in any order. */
    @Provide Arbitrary<String> scrambled() {
        return Arbitraries.strings().withChars("0123456789-T: .,+Z/\u0663").ofLength(19);
    }

    @Property(tries = 20_000) void anyNineteenCharactersAgree(@ForAll("scrambled") String t) {
        assertThat(LocalTimestamp.parse(t)).isEqualTo(LocalTimestamp.parseGeneral(t));
    }

    @Property(tries = 5_000) void aValidTimestampWithOneCharacterChangedAgrees(@ForAll("plausible") String t, @ForAll("position") int at,
                                                                             @ForAll("character") char c) {
        String changed = t.substring(0, at) + c + t.substring(at + 1);
        assertThat(LocalTimestamp.parse(changed)).isEqualTo(LocalTimestamp.parseGeneral(changed));
    }

    @Provide Arbitrary<Integer> position() { return Arbitraries.integers().between(0, 18); }

    @Provide Arbitrary<Character> character() { return Arbitraries.chars().with("0123456789-T: .,+Z/\u0663x"); }

    @Test void sacctsFormIsUtc() {
        assertThat(LocalTimestamp.parse("2026-01-01T00:07:30")).contains(Instant.parse("2026-01-01T00:07:30Z"));
        assertThat(LocalTimestamp.parse("2024-02-29 23:59:59")).contains(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(LocalTimestamp.parse("2023-02-29T00:00:00")).isEqualTo(Optional.empty());
        assertThat(LocalTimestamp.parse("Unknown")).isEmpty();
        assertThat(LocalTimestamp.parse("2026-01-01T00:07:30.5+01:00")).contains(java.time.OffsetDateTime.parse("2026-01-01T00:07:30.5+01:00").toInstant());
    }
}
