package io.carbonpaper.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The CPU a run's log names: its model as the tool printed it (CodeCarbon's {@code cpu_model},
 * /proc/cpuinfo's {@code model name}) and its physical core count (CodeCarbon's {@code cpu_count},
 * W&B's {@code cpu_count}), either or both. Not yet matched against the CPU catalog.
 *
 * @param source the reader that read it ({@code codecarbon}, {@code wandb-metadata})
 * @param key    the experiment it belongs to, or null for the experiment of the file's folder
 */
public record CpuInfo(String source, Optional<String> model, Optional<Integer> cores, String key) implements Finding {
    public CpuInfo {
        Objects.requireNonNull(source, "source");
        model = model.map(String::strip).filter(m -> !m.isEmpty());
        cores = cores.filter(c -> c >= 1);
        if (model.isEmpty() && cores.isEmpty()) throw new IllegalArgumentException("a CPU needs a model or a core count");
    }

    /** The CPU of the file's folder. */
    public CpuInfo(String source, Optional<String> model, Optional<Integer> cores) { this(source, model, cores, null); }

    @Override public String experimentKey() { return key; }

    /** {@code 'Intel(R) Core(TM) i7-6600U CPU @ 2.60GHz', 4 cores}, for pages and notes. */
    public String describe() {
        return model.map(m -> "'" + m + "'").orElse("an unnamed CPU") + cores.map(c -> ", " + c + (c == 1 ? " core" : " cores")).orElse("");
    }
}
