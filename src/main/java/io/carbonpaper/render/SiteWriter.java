package io.carbonpaper.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Writes a site into a temporary folder beside its destination and swaps it into place at the
 * end, so a failure at any point leaves the previous site as it was. A destination that exists
 * but lacks carbonpaper's marker file was not written by carbonpaper and is never replaced
 * unless forced.
 *
 * <p>Use: {@link #open}, write files with {@link #write}/{@link #writeText}, then {@link #commit};
 * {@link #close} without commit discards the temporary folder.
 */
public final class SiteWriter implements AutoCloseable {
    /** Present in every folder carbonpaper writes; its absence protects other people's folders. */
    public static final String MARKER = ".carbonpaper-site";

    private final Path destination;
    private final Path staging;
    /** False for a {@link #within} view: only the writer that opened the site commits or discards it. */
    private final boolean owner;
    private boolean committed;
    private final java.util.Set<Path> folders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private SiteWriter(Path destination, Path staging, boolean owner) {
        this.destination = destination;
        this.staging = staging;
        this.owner = owner;
    }

    /**
     * A view of the folder {@code folder} inside this site (for a nested project's report): what
     * it writes lands there and is committed with the site; it cannot commit on its own.
     */
    public SiteWriter within(String folder) {
        Path p = resolve(folder);
        return new SiteWriter(destination.resolve(folder), p, false);
    }

    /**
     * @throws ForeignFolderException when {@code destination} exists, is not empty, has no marker and {@code force} is false
     */
    public static SiteWriter open(Path destination, boolean force) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        if (Files.exists(dest)) {
            if (!Files.isDirectory(dest)) throw new ForeignFolderException(dest + " exists and is not a folder");
            boolean empty;
            try (var s = Files.list(dest)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dest.resolve(MARKER)) && !force)
                throw new ForeignFolderException(dest + " exists and was not written by carbonpaper (no " + MARKER
                        + " marker); refusing to replace it. Choose another --out, or pass --force.");
        }
        Path parent = dest.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + dest.getFileName() + ".tmp-");
        Files.writeString(staging.resolve(MARKER), "This folder was written by carbonpaper; it may replace it on the next report.\n",
                StandardCharsets.UTF_8);
        return new SiteWriter(dest, staging, true);
    }

    /** The temporary folder being written (for writers that need a path, such as a PDF renderer). */
    public Path staging() { return staging; }

    /** Resolves a relative path inside the site, refusing anything that would leave it. */
    public Path resolve(String relative) {
        Objects.requireNonNull(relative, "relative");
        Path p = staging.resolve(relative).normalize();
        if (!p.startsWith(staging) || relative.contains("\0")) throw new IllegalArgumentException("path leaves the site: " + relative);
        return p;
    }

    /** Safe to call from several threads at once (pages are written in parallel). */
    public OutputStream write(String relative) throws IOException {
        Path p = resolve(relative);
        Path dir = p.getParent();
        // One mkdir per folder, not two system calls per file: a site may have 10,000 pages.
        if (!folders.contains(dir)) {
            Files.createDirectories(dir);
            folders.add(dir);
        }
        return Files.newOutputStream(p);
    }

    public void writeText(String relative, String text) throws IOException {
        try (OutputStream out = write(relative)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Swaps the staged site into place. */
    public void commit() throws IOException {
        if (!owner) throw new IllegalStateException("a view of a site is committed with the site");
        try {
            Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary folder's permissions are the platform's default
        }
        Path old = null;
        if (Files.exists(destination)) {
            old = Files.createTempDirectory(destination.getParent(), "." + destination.getFileName() + ".old-");
            Files.delete(old);
            move(destination, old);
        }
        try {
            move(staging, destination);
        } catch (IOException e) {
            if (old != null) move(old, destination); // put the previous site back
            throw e;
        }
        committed = true;
        if (old != null) deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override public void close() {
        if (owner && !committed) {
            try {
                deleteTree(staging);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The destination is someone else's folder. */
    public static final class ForeignFolderException extends IOException {
        public ForeignFolderException(String message) { super(message); }
    }
}
