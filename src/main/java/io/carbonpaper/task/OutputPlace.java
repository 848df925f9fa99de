package io.carbonpaper.task;

import io.carbonpaper.render.SiteWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a report's site may go, given its logs folder. The site is never the logs folder, never a
 * folder that holds it (replacing it would delete the logs), and never a new folder inside it (the
 * next run would read its own site back as logs). A folder inside the logs that already holds a
 * carbonpaper site (an old habit the README used to allow) may be rewritten; it is then left out of
 * the logs that are read. Both paths are compared as the file system sees them: through links, and
 * for a DIR that does not exist yet, through its nearest existing ancestor.
 */
public final class OutputPlace {
    private OutputPlace() {}

    /**
     * Empty if {@code out} may receive the report of {@code logs}, else why not, in a sentence for
     * the user.
     *
     * @param logs an existing folder
     */
    public static Optional<String> refusal(Path logs, Path out) throws IOException {
        Path realLogs = logs.toRealPath();
        Path realOut = real(out);
        if (realOut.equals(realLogs))
            return Optional.of("--out " + out + " is the logs folder itself; the site would replace the logs. Choose a folder outside " + logs + ".");
        if (realLogs.startsWith(realOut))
            return Optional.of("--out " + out + " holds the logs folder " + logs + "; replacing it would delete the logs. Choose a folder outside " + logs + ".");
        if (realOut.startsWith(realLogs) && !(Files.isDirectory(realOut, LinkOption.NOFOLLOW_LINKS) && SiteWriter.holdsOnlyASite(realOut)))
            return Optional.of("--out " + out + " is inside the logs folder " + logs + ", where the next report would read it back as logs. "
                    + "Choose a folder outside " + logs + ".");
        return Optional.empty();
    }

    /**
     * The folder inside {@code logs}, as the scan of {@code logs} will meet it, that {@code out}
     * names, so that it is left out of the logs; {@code out} itself when it is elsewhere.
     */
    public static Path asSeenFrom(Path logs, Path out) throws IOException {
        Path realLogs = logs.toRealPath(), realOut = real(out);
        return realOut.startsWith(realLogs) ? logs.resolve(realLogs.relativize(realOut)) : out;
    }

    /** {@code p} with every link resolved, as far as it exists, the rest appended. */
    private static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }
}
