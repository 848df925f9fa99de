package io.carbonpaper.ingest.trace.nvidiasmi;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ByteFieldsTest {
    /** What one call of {@link ByteFields#time} gave. */
    private record Time(boolean ok, long micros, boolean localClock) {}

    private static Time time(ByteFields f, String text) {
        // the timestamp inside a longer line, as the decoder hands it over
        byte[] b = ("x," + text + ",y").getBytes(StandardCharsets.UTF_8);
        boolean ok = f.time(b, 2, 2 + text.getBytes(StandardCharsets.UTF_8).length);
        return ok ? new Time(true, f.micros, f.localClock) : new Time(false, 0, false);
    }

    @Provide Arbitrary<List<String>> timestamps() {
        // Few distinct values, so that a sequence repeats them (the rows of one sample) and
        // alternates them with others of the same prefix, other lengths, other layouts, and errors.
        Arbitrary<String> one = Arbitraries.of(
                "2019/05/28 10:15:00.000", "2019/05/28 10:15:00.100", "2019/05/28 10:15:00", "2019/05/28 10:15:00.1",
                "2019/05/28 10:15:00.123456789", "2019/05/28 10:15:01.000", "2019/05/29 10:15:00.000", "2019/05/28 25:15:00.000",
                "2019/05/28 10:15:00.", "2019/05/28 10:15:00.1234567890", "2019/02/30 10:15:00.000", "2024-03-01T10:00:00.123+08:00",
                "2024-03-01 10:00:00.123", "2019/05/28 10:15:00.00x", "");
        return one.list().ofMaxSize(40);
    }

    /** The last timestamp is remembered: a reused instance answers every call as a new one does. */
    @Property(tries = 300) void aReusedInstanceReadsEachTimestampAsANewOneDoes(@ForAll("timestamps") List<String> texts) {
        ByteFields reused = new ByteFields();
        for (String t : texts) assertThat(time(reused, t)).as(t).isEqualTo(time(new ByteFields(), t));
    }

    @Test void aRepeatedTimestampAfterAnIsoOneIsLocalClockAgain() {
        ByteFields f = new ByteFields();
        Time first = time(f, "2019/05/28 10:15:00.100");
        assertThat(time(f, "2024-03-01T10:00:00.123+08:00").localClock()).isFalse();
        assertThat(time(f, "2019/05/28 10:15:00.100")).isEqualTo(first);
        assertThat(first.localClock()).isTrue();
        assertThat(first.micros()).isEqualTo(1_559_038_500_100_000L);
    }
}
