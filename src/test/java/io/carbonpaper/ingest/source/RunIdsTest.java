package io.carbonpaper.ingest.source;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdsTest {
    @Test void slurmIdsAndOthersAreToldApartExactly() {
        RunIds ids = new RunIds();
        List<String> added = List.of("123", "123_4", "4294967295", "4294967296", "007", "123_[5-9]", "x", "sacct:123", "_4", "12_3_4");
        for (String id : added) ids.add(id);
        for (int i = 0; i < 5000; i++) ids.add(Integer.toString(100_000 + i)); // grows the table
        assertThat(added).allSatisfy(id -> assertThat(ids.contains(id)).as(id).isTrue());
        assertThat(List.of("1234", "123+4", "1234_", "12_34", "7", "4294967294", "99999", "105000", "123_5", "sacct:1234", "slurm:123",
                "sacct:123_4", "0123", "4", "123_[5-8]", "y", "12_3_5", "13_4"))
                .allSatisfy(id -> assertThat(ids.contains(id)).as(id).isFalse());
        assertThat(ids.contains("104999")).isTrue();
    }

    @Test void agreesWithAHashSetOnRandomIds() {
        Random rng = new Random(7);
        RunIds ids = new RunIds();
        Set<String> reference = new HashSet<>();
        String[] prefixes = {"", "sacct:", "a", "b:", "01"};
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String p = prefixes[rng.nextInt(prefixes.length)];
            String id = p + rng.nextInt(3000) + (rng.nextBoolean() ? "" : (rng.nextBoolean() ? "_" : "+") + rng.nextInt(40));
            if (rng.nextInt(3) == 0) {
                ids.add(id);
                reference.add(id);
            } else {
                probes.add(id);
            }
        }
        for (int i = 0; i < 20; i++) { // more prefixes than are packed: the rest are kept as strings
            ids.add("p" + i + "-9");
            reference.add("p" + i + "-9");
        }
        for (String id : probes) assertThat(ids.contains(id)).as(id).isEqualTo(reference.contains(id));
        for (String id : reference) assertThat(ids.contains(id)).as(id).isTrue();
        assertThat(ids.contains("p3-8")).isFalse();
    }
}
