package io.carbonpaper.record;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpuSelectionTest {
    static final List<String> UUIDS = List.of("GPU-aaaa1111-0000", "GPU-bbbb2222-0000", "GPU-bbbc3333-0000", "GPU-cccc4444-0000");
    final List<String> warnings = new ArrayList<>();

    private List<Integer> cuda(String value) {
        return GpuSelection.of(Optional.empty(), Optional.of(value)).resolve(UUIDS, warnings::add);
    }

    @Test void withoutASelectionEveryGpuIsTheJobs() {
        assertThat(GpuSelection.of(Optional.empty(), Optional.empty()).resolve(UUIDS, warnings::add)).containsExactly(0, 1, 2, 3);
    }

    @Test void cudaVisibleDevicesTakesIndicesAndUuidPrefixes() {
        assertThat(cuda("3,1")).containsExactly(1, 3);
        assertThat(cuda("GPU-cccc, gpu-AAAA1111")).containsExactly(0, 3);
        assertThat(warnings).isEmpty();
    }

    @Test void likeCudaAnInvalidEntryHidesItselfAndTheRest() {
        assertThat(cuda("2,7,0")).containsExactly(2);
        assertThat(cuda("GPU-bbb,0")).isEmpty(); // ambiguous prefix
        assertThat(cuda("")).isEmpty();
        assertThat(warnings).hasSize(2).first().asString().contains("'7'");
    }

    @Test void gpusOptionWinsAndRefusesWhatIsNotThere() {
        assertThat(GpuSelection.of(Optional.of(List.of("0", "2")), Optional.of("3")).resolve(UUIDS, warnings::add)).containsExactly(0, 2);
        assertThatThrownBy(() -> GpuSelection.of(Optional.of(List.of("GPU-dddd")), Optional.empty()).resolve(UUIDS, warnings::add))
                .isInstanceOf(RecordException.class).hasMessageContaining("'GPU-dddd'");
    }
}
