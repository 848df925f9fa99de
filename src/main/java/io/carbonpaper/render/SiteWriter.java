package io.carbonpaper.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a site into a temporary folder beside its destination and swaps it into place at the
 * end, so a failure at any point leaves the previous site as it was. A destination that exists
 * is replaced only if it holds nothing but a carbonpaper site (judged by its content) and carries
 * carbonpaper's marker file, or, without the marker, when forced; see {@link #open}.
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
    /** The lock on the staging folder's marker (owner only): it tells other runs that this folder is live. */
    private Lock lock;
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
     * Opens a site over {@code destination}. An existing destination is replaced only if it is empty, or
     * if it {@linkplain #holdsOnlyASite holds nothing but a carbonpaper site} and either carries the
     * marker or {@code force} is given: a folder with anything else in it (logs, a thesis, a stray
     * marker beside other files) is never replaced, forced or not. Temporary folders that interrupted
     * earlier runs left beside the destination are removed first.
     *
     * @throws ForeignFolderException when {@code destination} may not be replaced (nothing is written)
     */
    public static SiteWriter open(Path destination, boolean force) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        Path parent = dest.getParent();
        if (parent == null) throw new ForeignFolderException(dest + " is the root of the file system; choose a folder of its own for --out");
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(dest)) throw new ForeignFolderException(dest + " is a symbolic link; choose a folder of its own for --out");
            if (!Files.isDirectory(dest)) throw new ForeignFolderException(dest + " exists and is not a folder; choose a folder for --out");
            boolean empty;
            try (var s = Files.list(dest)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty) {
                Optional<String> foreign = foreignContent(dest);
                if (foreign.isPresent())
                    throw new ForeignFolderException(dest + " holds files that carbonpaper does not write (" + foreign.get()
                            + "); refusing to replace it, even with --force. Choose another --out.");
                if (!isMarker(dest.resolve(MARKER)) && !force)
                    throw new ForeignFolderException(dest + " looks like a site but has no " + MARKER
                            + " marker, so carbonpaper may not have written it; refusing to replace it. Choose another --out, or pass --force.");
            }
        }
        Files.createDirectories(parent);
        removeStaleStaging(parent, dest.getFileName().toString());
        Path staging = Files.createTempDirectory(parent, "." + dest.getFileName() + STAGING);
        Path marker = staging.resolve(MARKER);
        Files.writeString(marker, MARKER_TEXT, StandardCharsets.UTF_8);
        SiteWriter w = new SiteWriter(dest, staging, true);
        w.lock = Lock.take(marker).orElseThrow(() -> new IOException("cannot lock " + marker));
        return w;
    }

    /** What the marker file says; a file of that name with other content is not carbonpaper's. */
    private static final String MARKER_TEXT = "This folder was written by carbonpaper; it may replace it on the next report.\n";
    private static final String STAGING = ".tmp-", OLD = ".old-";
    /** The kinds of file a site is made of; anything else in a folder means it is not (only) a site. */
    private static final java.util.regex.Pattern SITE_FILE =
            java.util.regex.Pattern.compile("(?i).+\\.(html|css|js|svg|png|csv|md|tex|bib|pdf|txt)");
    /** A site has fewer files and folders than this; a folder with more is not walked to the end. */
    private static final int MAX_ENTRIES = 1_000_000;
    /** A temporary folder without its marker is an interrupted start if it is older than this (and empty). */
    private static final java.time.Duration UNMARKED_STALE = java.time.Duration.ofMinutes(10);

    /**
     * True if {@code dir} holds nothing but a carbonpaper site, judged by what is in it, not by the
     * marker: an {@code index.html} that names carbonpaper as its generator, and otherwise only folders
     * and files of the kinds a site is made of (pages, styles, scripts, figures, tables, LaTeX, PDF):
     * no log, no link, no other file.
     */
    public static boolean holdsOnlyASite(Path dir) throws IOException {
        return foreignContent(dir).isEmpty();
    }

    /** Empty if {@code dir} holds only a site, else the first thing that is not part of one, said in words. */
    private static Optional<String> foreignContent(Path dir) throws IOException {
        Path index = dir.resolve("index.html");
        if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) return Optional.of("no index.html");
        if (!generatedByCarbonpaper(index)) return Optional.of("an index.html that carbonpaper did not write");
        String[] found = {null};
        int[] entries = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return ++entries[0] > MAX_ENTRIES ? stop("more than " + MAX_ENTRIES + " files") : FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (++entries[0] > MAX_ENTRIES) return stop("more than " + MAX_ENTRIES + " files");
                String rel = dir.relativize(f).toString();
                if (attrs.isSymbolicLink()) return stop("a link, " + rel);
                if (!attrs.isRegularFile()) return stop("a special file, " + rel);
                String name = f.getFileName().toString();
                if (name.equals(MARKER) || SITE_FILE.matcher(name).matches()) return FileVisitResult.CONTINUE;
                return stop(rel);
            }

            @Override public FileVisitResult visitFileFailed(Path f, IOException e) {
                return stop("unreadable " + dir.relativize(f));
            }

            private FileVisitResult stop(String what) {
                found[0] = what;
                return FileVisitResult.TERMINATE;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** True if the page's head (its first 4 KiB) carries carbonpaper's generator line. */
    private static boolean generatedByCarbonpaper(Path page) throws IOException {
        byte[] head = new byte[4096];
        int n;
        try (var in = Files.newInputStream(page, LinkOption.NOFOLLOW_LINKS)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return new String(head, 0, n, StandardCharsets.UTF_8).contains("<meta name=\"generator\" content=\"carbonpaper");
    }

    private static boolean isMarker(Path marker) throws IOException {
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 4096) return false;
        return Files.readString(marker, StandardCharsets.UTF_8).equals(MARKER_TEXT);
    }

    /**
     * Removes the temporary folders ({@code .NAME.tmp-*}, {@code .NAME.old-*}) that runs killed
     * before they finished left beside {@code NAME}. A running report holds a lock on its folder's
     * marker, so only folders no live process is writing are removed; one without a marker (a run
     * killed between making the folder and marking it) only when it is empty and old.
     */
    private static void removeStaleStaging(Path parent, String name) throws IOException {
        String tmp = "." + name + STAGING, old = "." + name + OLD;
        List<Path> candidates;
        try (var s = Files.list(parent)) {
            candidates = s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith(tmp) || n.startsWith(old)) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            }).sorted().toList();
        }
        for (Path stale : candidates) {
            Path marker = stale.resolve(MARKER);
            try {
                if (isMarker(marker)) {
                    Optional<Lock> lock = Lock.take(marker);
                    if (lock.isEmpty()) continue; // a live report is writing it
                    try (Lock l = lock.get()) {
                        deleteTree(stale);
                    }
                } else if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                    boolean empty;
                    try (var s = Files.list(stale)) {
                        empty = s.findAny().isEmpty();
                    }
                    java.time.Instant modified = Files.getLastModifiedTime(stale).toInstant();
                    if (empty && modified.isBefore(java.time.Instant.now().minus(UNMARKED_STALE))) Files.deleteIfExists(stale);
                }
            } catch (NoSuchFileException e) {
                // another run removed it meanwhile
            }
        }
    }

    /**
     * An exclusive lock on a site's marker file, held by the report writing that site for as long as it
     * runs; the operating system releases it when the process ends, however it ends.
     */
    private static final class Lock implements AutoCloseable {
        private final FileChannel channel;

        private Lock(FileChannel channel) { this.channel = channel; }

        /** The lock, or empty if another process (or another report in this one) holds it. */
        static Optional<Lock> take(Path marker) throws IOException {
            FileChannel c = FileChannel.open(marker, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                if (c.tryLock() != null) return Optional.of(new Lock(c));
            } catch (OverlappingFileLockException e) {
                // held by this JVM
            }
            c.close();
            return Optional.empty();
        }

        @Override public void close() throws IOException { channel.close(); }
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
        // The previous site's marker is locked while it waits, renamed, to be deleted, so that no other
        // run takes it for a stale folder and removes it before it could be put back.
        Optional<Lock> oldLock = Files.isRegularFile(destination.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
                ? Lock.take(destination.resolve(MARKER)) : Optional.empty();
        try {
            if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                old = Files.createTempDirectory(destination.getParent(), "." + destination.getFileName() + OLD);
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
            lock.close();
            if (old != null) deleteTree(old);
        } finally {
            if (oldLock.isPresent()) oldLock.get().close();
        }
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
            try (Lock l = lock) {
                deleteTree(staging);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes {@code root} and everything under it, never following a link; what another run removed first is skipped. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) throw exc;
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The destination is someone else's folder. */
    public static final class ForeignFolderException extends IOException {
        public ForeignFolderException(String message) { super(message); }
    }
}
