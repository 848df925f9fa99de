package io.carbonpaper.record;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Drives the stand-in NVML (src/test/c/fake_nvml.c, built into target/fake-nvml and found through
 * jna.library.path): writes its configuration, which it reads at every nvmlInit_v2, and reads back
 * the counter values it handed out.
 */
final class FakeNvml {
    interface Control extends Library {
        int fake_nvml_configure(String path);

        long fake_nvml_energy_mj(int index);

        long fake_nvml_energy_reads(int index);
    }

    static final Control CONTROL = Native.load("libnvidia-ml.so.1", Control.class);

    private FakeNvml() {}

    /** Writes {@code lines} as the configuration and points the stand-in at it; returns the file. */
    static Path configure(Path dir, String... lines) {
        try {
            Path f = dir.resolve("fake-nvml.conf");
            Files.write(f, List.of(lines));
            CONTROL.fake_nvml_configure(f.toString());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-in's ground truth: joules its counter advanced since its first reading. */
    static double joulesSinceFirstReading(int index, long startMillijoules) {
        return (CONTROL.fake_nvml_energy_mj(index) - startMillijoules) / 1000.0;
    }
}
