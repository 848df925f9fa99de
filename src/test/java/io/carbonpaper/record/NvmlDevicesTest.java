package io.carbonpaper.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the real JNA binding against the stand-in NVML. */
class NvmlDevicesTest {
    @TempDir Path dir;
    final List<String> warnings = new ArrayList<>();

    private NvmlDevices open(Optional<List<String>> gpus, Optional<String> cuda) {
        return NvmlDevices.open(GpuSelection.of(gpus, cuda), warnings::add).orElseThrow();
    }

    @Test void readsNamesThatFillTheWholeNinetySixByteBuffer() {
        String name = "N".repeat(95);
        FakeNvml.configure(dir, "devices=2", "name.1=" + name);
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            assertThat(d.gpus()).extracting(NvmlDevices.Gpu::name).containsExactly("Fake GPU 0", name);
            assertThat(d.gpus().get(1).uuid()).isEqualTo("GPU-fa4e0000-0000-0000-0000-000000000001");
            assertThat(d.gpus().get(0).powerLimitMilliwatts()).hasValue(300_000);
        }
    }

    @Test void energyIsCumulativeFromTheFirstReadingInMillijoules() {
        FakeNvml.configure(dir, "devices=1", "energy_start_mj.0=5000000000000", "energy_step_mj.0=1234", "power_mw.0=250500");
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            NvmlDevices.Gpu g = d.gpus().get(0);
            List<NvmlDevices.Reading> r = List.of(d.read(g, true, warnings::add).orElseThrow(), d.read(g, true, warnings::add).orElseThrow(),
                    d.read(g, true, warnings::add).orElseThrow());
            assertThat(r).extracting(NvmlDevices.Reading::millijoules).containsExactly(0L, 1234L, 2468L);
            assertThat(r).extracting(NvmlDevices.Reading::milliwatts).containsOnly(250_500L);
            assertThat(g.hasCounter()).contains(true);
        }
    }

    @Test void aReadingWithoutTheCounterHasPowerOnlyAndTheNextCounterReadingCountsFromTheLastOne() {
        FakeNvml.configure(dir, "devices=1", "energy_start_mj.0=7000", "energy_step_mj.0=500", "power_mw.0=99000");
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            NvmlDevices.Gpu g = d.gpus().get(0);
            // the first reading always asks the counter: it is the baseline, and it says whether there is one
            assertThat(d.read(g, false, warnings::add).orElseThrow().millijoules()).isZero();
            NvmlDevices.Reading between = d.read(g, false, warnings::add).orElseThrow();
            assertThat(between.millijoules()).isEqualTo(-1);
            assertThat(between.milliwatts()).isEqualTo(99_000);
            assertThat(between.status()).isEmpty();
            assertThat(FakeNvml.CONTROL.fake_nvml_energy_reads(0)).isEqualTo(1);
            assertThat(d.read(g, true, warnings::add).orElseThrow().millijoules()).isEqualTo(500);
            assertThat(FakeNvml.CONTROL.fake_nvml_energy_reads(0)).isEqualTo(2);
        }
    }

    @Test void aDeviceWithoutAnEnergyCounterIsMeasuredByPowerAlone() {
        FakeNvml.configure(dir, "devices=1", "energy_unsupported.0=1");
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            NvmlDevices.Gpu g = d.gpus().get(0);
            NvmlDevices.Reading r = d.read(g, true, warnings::add).orElseThrow();
            assertThat(r.millijoules()).isEqualTo(-1);
            assertThat(r.milliwatts()).isEqualTo(100_000);
            assertThat(r.status()).isEmpty();
            assertThat(g.hasCounter()).contains(false);
        }
    }

    @Test void aLostDeviceIsReportedOnceAndTheOthersGoOn() {
        // the stand-in fails every call after the 2nd power reading: here the energy query of the 2nd sample
        FakeNvml.configure(dir, "devices=2", "lost_after.1=2");
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++)
                for (NvmlDevices.Gpu g : d.gpus()) d.read(g, true, warnings::add).ifPresent(r -> statuses.add(g.index() + ":" + r.status()));
            assertThat(statuses).containsExactly("0:", "1:", "0:", "1:GPU_IS_LOST", "0:", "0:", "0:");
            assertThat(d.gpus().get(1).lost()).isTrue();
            assertThat(warnings).singleElement().asString().contains("GPU 1").contains("GPU_IS_LOST");
        }
    }

    @Test void onlyTheSelectedDevicesAreOpened() {
        FakeNvml.configure(dir, "devices=8");
        try (NvmlDevices d = open(Optional.empty(), Optional.of("6,GPU-fa4e0000-0000-0000-0000-000000000002"))) {
            assertThat(d.gpus()).extracting(NvmlDevices.Gpu::index).containsExactly(2, 6);
        }
        try (NvmlDevices d = open(Optional.of(List.of("1")), Optional.of("6"))) {
            assertThat(d.gpus()).extracting(NvmlDevices.Gpu::index).containsExactly(1);
        }
        assertThatThrownBy(() -> open(Optional.of(List.of("9")), Optional.empty()))
                .isInstanceOf(RecordException.class).hasMessageContaining("'9'");
    }

    @Test void aDriverThatDoesNotStartIsOneLineAndNoDevices() {
        FakeNvml.configure(dir, "init_error=9");
        assertThat(NvmlDevices.open(GpuSelection.of(Optional.empty(), Optional.empty()), warnings::add)).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("NVML does not start (DRIVER_NOT_LOADED: Driver Not Loaded)")
                .endsWith("recording CPU and DRAM only");
    }

    @Test void processesOutsideTheJobMarkTheDeviceShared() throws Exception {
        Path procs = dir.resolve("procs");
        Files.writeString(procs, "0 4242\n1 4242\n1 777\n");
        FakeNvml.configure(dir, "devices=2", "procs_file=" + procs);
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            d.checkSharing(() -> Set.of(4242L), warnings::add);
            assertThat(d.read(d.gpus().get(0), true, warnings::add).orElseThrow().status()).isEmpty();
            assertThat(d.read(d.gpus().get(1), true, warnings::add).orElseThrow().status()).isEqualTo("shared");
            Files.writeString(procs, "0 4242\n");
            d.checkSharing(() -> Set.of(4242L), warnings::add);
            assertThat(d.read(d.gpus().get(1), true, warnings::add).orElseThrow().status()).isEmpty();
            assertThat(d.gpus().get(1).everShared()).isTrue();
            assertThat(d.gpus().get(0).everShared()).isFalse();
        }
    }

    @Test void theProcessTableIsWalkedOnlyForAProcessNotSeenOnTheGpusAtTheLastCheck() throws Exception {
        Path procs = dir.resolve("procs");
        Files.writeString(procs, "0 4242\n0 777\n");
        FakeNvml.configure(dir, "devices=1", "procs_file=" + procs);
        int[] walks = {0};
        java.util.function.Supplier<Set<Long>> job = () -> {
            walks[0]++;
            return Set.of(4242L, 5000L);
        };
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            d.checkSharing(job, warnings::add);
            assertThat(walks[0]).isEqualTo(2); // 4242 found at once; 777 asked again before it is called foreign
            for (int i = 0; i < 5; i++) d.checkSharing(job, warnings::add);
            assertThat(walks[0]).isEqualTo(2);
            assertThat(d.read(d.gpus().get(0), true, warnings::add).orElseThrow().status()).isEqualTo("shared");

            Files.writeString(procs, "0 4242\n0 5000\n"); // 777 left, the job started 5000
            d.checkSharing(job, warnings::add);
            assertThat(walks[0]).isEqualTo(3);
            assertThat(d.read(d.gpus().get(0), true, warnings::add).orElseThrow().status()).isEmpty();

            Files.writeString(procs, "0 4242\n0 5000\n0 777\n"); // 777 back: asked about again, not remembered
            d.checkSharing(job, warnings::add);
            assertThat(walks[0]).isEqualTo(5);
            assertThat(d.read(d.gpus().get(0), true, warnings::add).orElseThrow().status()).isEqualTo("shared");
        }
    }

    @Test void manyProcessesGrowTheBuffer() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int pid = 1000; pid < 1040; pid++) sb.append("0 ").append(pid).append('\n');
        Path procs = dir.resolve("procs");
        Files.writeString(procs, sb.toString());
        FakeNvml.configure(dir, "devices=1", "procs_file=" + procs);
        Set<Long> all = new java.util.HashSet<>();
        for (long pid = 1000; pid < 1040; pid++) all.add(pid);
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            d.checkSharing(() -> all, warnings::add);
            assertThat(d.gpus().get(0).everShared()).isFalse();
        }
        all.remove(1039L); // the 40th process, far past the first buffer's 16, is read and found foreign
        try (NvmlDevices d = open(Optional.empty(), Optional.empty())) {
            d.checkSharing(() -> all, warnings::add);
            assertThat(d.gpus().get(0).everShared()).isTrue();
        }
    }
}
