package io.carbonpaper.ingest.tracker;


import io.carbonpaper.ingest.source.InputSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a tracker's run lives in a logs folder, worked out from paths: the run folder of a W&B
 * file, and the Hydra job folder a W&B or MLflow run joins when it was written inside one.
 * Paths are relative to the logs root with '/' separators, as {@link InputSource#name()} gives them.
 */
public final class TrackerFolders {
    /**
     * W&B run folders: {@code run-YYYYMMDD_HHMMSS-<id>}, {@code offline-run-...}, the id-only
     * {@code offline-run-<id>} form, the pre-0.10 {@code dryrun-...}, and {@code latest-run}
     * where it was committed as a real folder.
     */
    private static final Pattern WANDB_RUN = Pattern.compile("(?:offline-run|run|dryrun)-(?:\\d{8}_\\d{6}-)?[A-Za-z0-9]+|latest-run");

    private TrackerFolders() {}

    /** Whether a folder name is a W&B run folder's. */
    public static boolean isWandbRunFolder(String folderName) { return WANDB_RUN.matcher(folderName).matches(); }

    /**
     * The W&B run folder of a file: the nearest enclosing run folder; else, for a file in a
     * {@code files/} folder (runs downloaded or committed without their run folder), the folder
     * holding {@code files/}; else the file's own folder.
     */
    public static String wandbRunFolder(String name) {
        String[] parts = name.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (isWandbRunFolder(parts[i])) return join(parts, i + 1);
        }
        if (parts.length >= 2 && parts[parts.length - 2].equals("files")) return join(parts, parts.length - 2);
        return InputSource.folderOf(name);
    }

    /**
     * The experiment folder of a tracker run folder: the Hydra job folder when the run was
     * written inside one ({@code <job>/wandb/run-*}, {@code <job>/mlruns/<exp>/<run>}, and the
     * job folder holds {@code .hydra/}), else the run folder itself.
     *
     * @param source    any file of the run, to find the folders on disk
     * @param runFolder the run folder, relative to the logs root; a prefix of {@code source.name()}
     * @param container the folder name that holds runs below the job ({@code wandb}, {@code mlruns})
     * @param depth     how many folders the run folder lies below the job folder (2 for W&B, 3 for MLflow)
     */
    public static String joinHydraJob(InputSource source, String runFolder, String container, int depth) {
        String[] run = runFolder.isEmpty() ? new String[0] : runFolder.split("/");
        if (run.length < depth || !run[run.length - depth].equals(container)) return runFolder;
        int below = source.name().split("/").length - 1 - run.length; // folders between the run folder and the file
        Path runDir = source.path().toAbsolutePath().getParent();
        for (int i = 0; i < below && runDir != null; i++) runDir = runDir.getParent();
        Path job = runDir;
        for (int i = 0; i < depth && job != null; i++) job = job.getParent();
        if (job == null || !Files.isDirectory(job.resolve(HydraReader.FOLDER))) return runFolder;
        return join(run, run.length - depth);
    }

    private static String join(String[] parts, int n) { return String.join("/", java.util.Arrays.copyOf(parts, n)); }
}
