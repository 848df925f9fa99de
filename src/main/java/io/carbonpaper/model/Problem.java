package io.carbonpaper.model;

import java.util.Objects;

/**
 * Something wrong with an input, located as precisely as the reader could: a file (relative to
 * the logs folder), a 1-based line ({@code 0} when the problem concerns the whole file) and what
 * was expected. Problems are counted in the report's data-quality section; {@code --strict}
 * turns any {@link Severity#ERROR} or {@link Severity#WARNING} into exit code 1.
 */
public record Problem(String file, long line, Severity severity, String message) {
    public enum Severity { ERROR, WARNING, NOTE }

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < 0) throw new IllegalArgumentException("line < 0");
    }

    public static Problem error(String file, long line, String message) { return new Problem(file, line, Severity.ERROR, message); }
    public static Problem warning(String file, long line, String message) { return new Problem(file, line, Severity.WARNING, message); }
    public static Problem note(String file, long line, String message) { return new Problem(file, line, Severity.NOTE, message); }

    /** {@code file:line: message}, the form compilers use, so editors can jump to it. */
    public String location() { return line > 0 ? file + ":" + line : file; }

    /**
     * {@code location: message}, with every character from a log that would act on a terminal (ESC,
     * BEL, a newline in a folder name that would forge a {@code file:line:} line) shown as an escape
     * ({@link LogText#clean}).
     */
    @Override public String toString() { return LogText.clean(location()) + ": " + LogText.clean(message); }
}
