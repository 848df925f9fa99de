package io.carbonpaper.record;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which GPUs belong to the job: those named by {@code --gpus}, else by {@code CUDA_VISIBLE_DEVICES},
 * else all. Entries are NVML indices ({@code 2}) or UUID prefixes ({@code GPU-8f3a}), as CUDA
 * accepts them.
 *
 * <p>Like CUDA, an entry of {@code CUDA_VISIBLE_DEVICES} that matches no GPU hides it and every entry
 * after it (a warning says so); an unknown entry of {@code --gpus} is an error. Indices are NVML's
 * (PCI bus order), which is CUDA's order only under {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} or on nodes
 * of identical GPUs.
 */
public final class GpuSelection {
    private final Optional<List<String>> entries;
    private final boolean explicit;

    private GpuSelection(Optional<List<String>> entries, boolean explicit) {
        this.entries = entries;
        this.explicit = explicit;
    }

    public static GpuSelection of(Optional<List<String>> gpus, Optional<String> cudaVisibleDevices) {
        if (gpus.isPresent()) return new GpuSelection(Optional.of(clean(gpus.get())), true);
        return new GpuSelection(cudaVisibleDevices.map(v -> clean(List.of(v.split(",", -1)))), false);
    }

    private static List<String> clean(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw) {
            String t = s.strip();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    /** Whether the selection came from {@code --gpus}. */
    public boolean explicit() { return explicit; }

    /**
     * The NVML indices selected, in NVML order, among devices whose UUIDs are {@code uuids} (by index).
     *
     * @throws RecordException when {@code --gpus} names a GPU that is not there
     */
    public List<Integer> resolve(List<String> uuids, Consumer<String> warn) {
        if (entries.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < uuids.size(); i++) all.add(i);
            return all;
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        for (String e : entries.get()) {
            Optional<Integer> idx = match(e, uuids);
            if (idx.isEmpty()) {
                if (explicit) throw new RecordException("--gpus: '" + e + "' is neither a GPU index (0.." + (uuids.size() - 1) + ") nor the start of a GPU UUID on this machine");
                warn.accept("CUDA_VISIBLE_DEVICES entry '" + e + "' matches no GPU; as in CUDA, it and the entries after it are ignored");
                break;
            }
            chosen.add(idx.get());
        }
        return chosen.stream().sorted().toList();
    }

    private static Optional<Integer> match(String entry, List<String> uuids) {
        if (entry.chars().allMatch(Character::isDigit)) {
            try {
                int i = Integer.parseInt(entry);
                return i < uuids.size() ? Optional.of(i) : Optional.empty();
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        String prefix = entry.toLowerCase(Locale.ROOT);
        if (!prefix.startsWith("gpu-")) return Optional.empty(); // MIG-… instances cannot be told apart by NVML's device queries
        Optional<Integer> found = Optional.empty();
        for (int i = 0; i < uuids.size(); i++) {
            if (uuids.get(i) != null && uuids.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                if (found.isPresent()) return Optional.empty(); // ambiguous prefix: CUDA refuses it too
                found = Optional.of(i);
            }
        }
        return found;
    }
}
