package io.carbonpaper.settings;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code carbonpaper.yaml} says once for many experiments, so that a folder of logs without
 * manifests can still be priced: {@code defaults:} for every experiment whose own evidence (its
 * manifest, then its logs) does not name a value, and {@code folders:} for the experiments whose
 * folder matches a glob, as if an {@code experiment.yaml} were in each of them (the folder's own
 * manifest still wins).
 *
 * <pre>
 * defaults:
 *   hardware: {accelerator: RTX 3090, count: 1}
 * folders:
 *   "lightning_logs/*":
 *     hardware: {accelerator: A100 SXM4 40GB, count: 4}
 *     region: DEU
 * </pre>
 *
 * @param all     the {@code defaults:} block; values carry their line in {@code carbonpaper.yaml}
 * @param folders the {@code folders:} rules, in file order; the first that matches a folder applies
 */
public record ExperimentDefaults(Optional<Manifest> all, List<FolderRule> folders) {
    public static final ExperimentDefaults NONE = new ExperimentDefaults(Optional.empty(), List.of());

    public ExperimentDefaults {
        Objects.requireNonNull(all, "all");
        folders = List.copyOf(folders);
    }

    /**
     * One {@code folders:} entry.
     *
     * @param pattern a glob over the experiment's folder relative to the logs folder, with {@code /}
     *                between names ({@code *} stays within a name, {@code **} crosses names)
     */
    public record FolderRule(String pattern, Manifest manifest) {
        public FolderRule {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(manifest, "manifest");
        }

        /** Whether the experiment in {@code folder} ("" for the logs folder itself) is covered. */
        public boolean matches(String folder) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            return m.matches(Path.of(folder.isEmpty() ? "." : folder));
        }
    }

    /** The rule for the experiment in {@code folder}: the first in file order that matches it. */
    public Optional<FolderRule> forFolder(String folder) {
        for (FolderRule r : folders) if (r.matches(folder)) return Optional.of(r);
        return Optional.empty();
    }
}
