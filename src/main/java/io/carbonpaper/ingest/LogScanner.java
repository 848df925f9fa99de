package io.carbonpaper.ingest;

import io.carbonpaper.ingest.tracker.HydraReader;

import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.ingest.source.InputSource;

import io.carbonpaper.model.Problem;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists the regular files under a logs folder in a stable order. Symbolic links are followed
 * only while they stay inside the folder; a link that leads out of it, a loop, and an
 * unreadable folder are reported, never followed or fatal. Hidden files and folders
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

    /** Files in lexicographic order of their relative path. */
    public List<InputSource> scan(Consumer<Problem> problems) throws IOException {
        Path realRoot = root.toRealPath();
        List<InputSource> out = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    String n = dir.getFileName().toString();
                    if ((n.startsWith(".") && !n.equals(HydraReader.FOLDER)) || excluded.contains(dir.toAbsolutePath().normalize())) return FileVisitResult.SKIP_SUBTREE;
                    // A folder with a carbonpaper.yaml of its own is a separate project with its own settings
                    // (sample-logs/lisa-rnd): report it on its own rather than mixing it into this one.
                    if (Files.isRegularFile(dir.resolve(ProjectConfigReader.FILE_NAME))) {
                        nested.add(relative(dir));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (leavesRoot(dir)) {
                        problems.accept(Problem.warning(relative(dir), 0, "symbolic link leads outside the logs folder; not followed"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getFileName().toString().startsWith(".")) return FileVisitResult.CONTINUE;
                if (attrs.isSymbolicLink()) {
                    // Followed links arrive with their target's attributes; the link's own means the target is gone.
                    problems.accept(Problem.warning(relative(file), 0, "symbolic link to a missing file (" + target(file) + "); not read"));
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile()) {
                    // A FIFO could block a reader forever and a device has no end: said, not read, never silently dropped.
                    problems.accept(Problem.note(relative(file), 0, "not a regular file (a FIFO, socket or device); not read"));
                    return FileVisitResult.CONTINUE;
                }
                if (Files.isSymbolicLink(file) && leavesRoot(file)) {
                    problems.accept(Problem.warning(relative(file), 0, "symbolic link leads outside the logs folder; not read"));
                    return FileVisitResult.CONTINUE;
                }
                if (!Files.isReadable(file)) {
                    problems.accept(Problem.error(relative(file), 0, "file is not readable (permission denied)"));
                    return FileVisitResult.CONTINUE;
                }
                out.add(new InputSource(file, relative(file), bytesRead, traceSettings));
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFileFailed(Path file, IOException exc) {
                String why = exc instanceof java.nio.file.FileSystemLoopException ? "symbolic link loop; not followed"
                        : exc instanceof java.nio.file.AccessDeniedException ? "not readable (permission denied)"
                        : "cannot be read: " + exc.getMessage();
                problems.accept(Problem.error(relative(file), 0, why));
                return FileVisitResult.CONTINUE;
            }

            private String target(Path link) {
                try {
                    return Files.readSymbolicLink(link).toString();
                } catch (IOException e) {
                    return "unreadable";
                }
            }

            private boolean leavesRoot(Path p) {
                try {
                    return !p.toRealPath().startsWith(realRoot);
                } catch (IOException e) {
                    return true;
                }
            }
        });
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private String relative(Path p) {
        String r = root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return r.isEmpty() ? "." : r;
    }
}
