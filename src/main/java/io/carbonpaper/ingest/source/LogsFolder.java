package io.carbonpaper.ingest.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The logs folder as a boundary that a file cannot leave by a symbolic link, even one made
 * while the report runs. A file is opened one path component at a time, each relative to the
 * folder opened before it and none followed if it is a link ({@code openat} with
 * {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}): what is opened is what lies inside
 * the folder at the moment of opening, so there is no check-then-use race between a check of the
 * path and the read. A file or folder that has become a link since the folder was listed is
 * refused with {@link LinkedException}.
 *
 * <p>Where the platform offers no secure directory stream, each open refuses a link as the last
 * component and checks the real path of the file after opening it (a narrower race, said in
 * docs/reliability.md).
 */
public final class LogsFolder {
    private final Path real;

    private LogsFolder(Path real) { this.real = real; }

    /** The folder at {@code folder}, resolved once to its real path (the folder named by the user may be a link). */
    public static LogsFolder of(Path folder) throws IOException { return new LogsFolder(folder.toRealPath()); }

    /** The folder's real path: every file under it is named relative to this. */
    public Path path() { return real; }

    /**
     * Opens {@code relative} (a path inside this folder, as {@link #path()}{@code .relativize} gives)
     * for reading, following no link on the way.
     *
     * @throws LinkedException when the file or a folder on its way is a symbolic link
     */
    public SeekableByteChannel open(Path relative) throws IOException {
        if (relative.isAbsolute() || relative.getNameCount() == 0 || relative.normalize().startsWith(".."))
            throw new IllegalArgumentException("not a path inside the logs folder: " + relative);
        DirectoryStream<Path> top = Files.newDirectoryStream(real);
        if (!(top instanceof SecureDirectoryStream<Path> root)) {
            top.close();
            return openChecked(relative);
        }
        List<DirectoryStream<Path>> opened = new ArrayList<>(List.of(root));
        try {
            SecureDirectoryStream<Path> dir = root;
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                dir = step(dir, relative, i);
                opened.add(dir);
            }
            try {
                return dir.newByteChannel(relative.getFileName(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException e) {
                throw linked(relative, relative.getNameCount() - 1, e);
            }
        } finally {
            for (DirectoryStream<Path> d : opened) d.close();
        }
    }

    /** As {@link #open}, as a {@link FileChannel} (positional reads for readers that read in parallel chunks). */
    public FileChannel openFile(Path relative) throws IOException {
        SeekableByteChannel c = open(relative);
        if (c instanceof FileChannel f) return f;
        c.close();
        return openChecked(relative);
    }

    private static SecureDirectoryStream<Path> step(SecureDirectoryStream<Path> dir, Path relative, int i) throws IOException {
        try {
            return dir.newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS);
        } catch (NotDirectoryException e) {
            throw new LinkedException(relative.subpath(0, i + 1) + " is no longer a folder");
        } catch (IOException e) {
            throw linked(relative, i, e);
        }
    }

    /** ELOOP, as the JDK reports it for a link met with O_NOFOLLOW; any other failure stays what it was. */
    private static IOException linked(Path relative, int i, IOException e) {
        String why = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (why != null && why.toLowerCase(java.util.Locale.ROOT).contains("symbolic link"))
            return new LinkedException(relative.subpath(0, i + 1) + " has become a symbolic link since the folder was listed; not followed");
        return e;
    }

    /** The fallback: no link as the last component, and the opened path still inside after opening. */
    private FileChannel openChecked(Path relative) throws IOException {
        Path p = real.resolve(relative);
        FileChannel c = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!p.toRealPath().startsWith(real)) throw new LinkedException(relative + " leads outside the logs folder; not read");
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A file or folder on the way to a file has been replaced by a symbolic link: the file is not read. */
    public static final class LinkedException extends IOException {
        LinkedException(String message) { super(message); }
    }
}
