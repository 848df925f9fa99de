package io.carbonpaper.ingest;

import io.carbonpaper.ingest.tracker.HydraReader;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogsFolder;

import io.carbonpaper.model.Problem;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists the regular files under a logs folder in a stable order. No symbolic link is followed
 * (see {@link #scan}); each is reported, and an unreadable folder too, never fatal. Hidden files and folders
 * (names starting with '.') and excluded folders (the report's own output) are skipped, except
 * {@value HydraReader#FOLDER}: Hydra keeps a run's configuration there, and it is evidence. A nested
 * project (a subfolder holding its own carbonpaper.yaml, reported on its own) is skipped too.
 */
public final class LogScanner {
    /** The one hidden folder that is read: Hydra's per-run configuration. */

    private final Path root;
    private final List<Path> excluded;
    private final java.util.concurrent.atomic.AtomicLong bytesRead;
    private final io.carbonpaper.model.TraceSettings traceSettings;

    public LogScanner(Path root, List<Path> excluded) { this(root, excluded, new java.util.concurrent.atomic.AtomicLong()); }

    /** @param bytesRead shared by the sources it lists, to count the bytes their readers read */
    public LogScanner(Path root, List<Path> excluded, java.util.concurrent.atomic.AtomicLong bytesRead) {
        this(root, excluded, bytesRead, io.carbonpaper.model.TraceSettings.DEFAULT);
    }

    /** @param traceSettings handed to every source, for the readers' trace integration */
    public LogScanner(Path root, List<Path> excluded, java.util.concurrent.atomic.AtomicLong bytesRead,
                      io.carbonpaper.model.TraceSettings traceSettings) {
        this.traceSettings = traceSettings;
        this.root = root.toAbsolutePath().normalize();
        this.excluded = excluded.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.bytesRead = bytesRead;
    }

    private final List<String> nested = new ArrayList<>();

    /** The nested projects the last {@link #scan} skipped (relative paths, in order): each is reported on its own. */
    public List<String> nestedProjects() {
        List<String> out = new ArrayList<>(nested);
        out.sort(null);
        return out;
    }

    /**
     * Files in lexicographic order of their relative path. No symbolic link is followed: one that
     * leads outside the folder is a warning, one that stays inside is a note (what it points to is
     * read at its own place, so an experiment reached twice counts once), and one without a
     * target is a warning. The files are opened later through {@link LogsFolder}, which refuses
     * any that became a link since this listing.
     */
    public List<InputSource> scan(Consumer<Problem> problems) throws IOException {
        LogsFolder folder = LogsFolder.of(root);
        Path realRoot = folder.path();
        List<Path> realExcluded = new ArrayList<>();
        for (Path x : excluded) realExcluded.add(Files.exists(x) ? x.toRealPath() : x);
        List<InputSource> out = new ArrayList<>();
        Files.walkFileTree(realRoot, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            /** A name relative to the folder's real path, as every name in the report is (the walk stays under it). */
            private String relative(Path p) {
                String r = realRoot.relativize(p).toString().replace('\\', '/');
                return r.isEmpty() ? "." : r;
            }

            @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(realRoot)) {
                    String n = dir.getFileName().toString();
                    if ((n.startsWith(".") && !n.equals(HydraReader.FOLDER)) || realExcluded.contains(dir)) return FileVisitResult.SKIP_SUBTREE;
                    // A folder with a carbonpaper.yaml of its own is a separate project with its own settings
                    // (sample-logs/lisa-rnd): report it on its own rather than mixing it into this one.
                    if (Files.exists(dir.resolve(ProjectConfigReader.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                        nested.add(relative(dir));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String n = file.getFileName().toString();
                if (n.startsWith(".")) return FileVisitResult.CONTINUE;
                if (attrs.isSymbolicLink()) {
                    // carbonpaper.yaml at the top is the settings reader's to speak of (ProjectConfigReader).
                    if (!relative(file).equals(ProjectConfigReader.FILE_NAME)) problems.accept(link(file));
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile()) {
                    // A FIFO could block a reader forever and a device has no end: said, not read, never silently dropped.
                    problems.accept(Problem.note(relative(file), 0, "not a regular file (a FIFO, socket or device); not read"));
                    return FileVisitResult.CONTINUE;
                }
                if (!Files.isReadable(file)) {
                    problems.accept(Problem.error(relative(file), 0, "file is not readable (permission denied)"));
                    return FileVisitResult.CONTINUE;
                }
                out.add(new InputSource(folder, realRoot.relativize(file), relative(file), bytesRead, traceSettings));
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFileFailed(Path file, IOException exc) {
                String why = exc instanceof java.nio.file.AccessDeniedException ? "not readable (permission denied)"
                        : "cannot be read: " + exc.getMessage();
                problems.accept(Problem.error(relative(file), 0, why));
                return FileVisitResult.CONTINUE;
            }

            /** What a link is and why it is not followed. */
            private Problem link(Path link) {
                String to;
                try {
                    to = Files.readSymbolicLink(link).toString();
                } catch (IOException e) {
                    to = "unreadable";
                }
                Path target;
                try {
                    target = link.toRealPath();
                } catch (IOException e) {
                    return Problem.warning(relative(link), 0, "symbolic link to a missing file or a loop (" + to + "); not read");
                }
                if (!target.startsWith(realRoot))
                    return Problem.warning(relative(link), 0, "symbolic link leads outside the logs folder; not followed");
                return Problem.note(relative(link), 0, "symbolic link to " + (target.equals(realRoot) ? "the logs folder itself" : relative(target))
                        + " inside the logs folder; not followed (what it points to is read at its own place, once)");
            }
        });
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }
}
