package io.carbonpaper.task;

/** Process exit codes, named. */
public final class ExitCode {
    /** The report was written and every input was usable. */
    public static final int OK = 0;
    /** The report was written (or could not be), but some input could not be used; with --strict, any input problem. */
    public static final int INPUT = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
