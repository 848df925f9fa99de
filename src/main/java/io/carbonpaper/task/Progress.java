package io.carbonpaper.task;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A one-line progress display on standard error while the logs are read (the share of bytes read)
 * or report.pdf is written (its page): nothing for the first {@link #DELAY_MS} ms (most reports
 * are done by then), then the line, redrawn in place with {@code \r} every {@link #PERIOD_MS} ms,
 * and erased when the work ends. Shown only on a
 * terminal and never in CI ({@link #wanted}), so logs and pipes get no control characters.
 */
public final class Progress implements AutoCloseable {
    static final long DELAY_MS = 2_000;
    static final long PERIOD_MS = 200;

    private final PrintWriter err;
    private final Supplier<String> line;
    private final Thread thread;
    private volatile boolean stop;
    private int drawn; // width of the line on screen, to erase it; guarded by this

    private Progress(PrintWriter err, Supplier<String> line) {
        this.err = err;
        this.line = line;
        this.thread = new Thread(this::loop, "carbonpaper-progress");
        thread.setDaemon(true);
    }

    /**
     * Whether to show progress: standard error is a terminal ({@code System.console() != null}), the
     * {@code CI} variable is unset or empty (CI services set it), and {@code TERM} is not {@code dumb}.
     */
    public static boolean wanted(boolean terminal, Function<String, String> env) {
        if (!terminal) return false;
        String ci = env.apply("CI");
        if (ci != null && !ci.isBlank()) return false;
        return !"dumb".equals(env.apply("TERM"));
    }

    /** Starts the display when {@code wanted}; otherwise returns one that does nothing. */
    public static Progress start(boolean wanted, PrintWriter err, AtomicLong read, AtomicLong total) {
        return start(wanted, err, () -> line(read.get(), total.get()));
    }

    /** Starts a display of whatever {@code line} says when asked, when {@code wanted}; otherwise one that does nothing. */
    public static Progress start(boolean wanted, PrintWriter err, Supplier<String> line) {
        Progress p = new Progress(err, line);
        if (wanted) p.thread.start();
        return p;
    }

    /** The text of the line: percent of bytes and megabytes, e.g. {@code reading logs: 42% (212 of 505 MB)}. */
    static String line(long read, long total) {
        long r = Math.max(0, Math.min(read, total));
        int pct = total <= 0 ? 0 : (int) (100 * r / total);
        return String.format(Locale.ROOT, "reading logs: %3d%% (%,d of %,d MB)", pct, r / 1_000_000, total / 1_000_000);
    }

    private void loop() {
        try {
            Thread.sleep(DELAY_MS);
            while (!stop) {
                draw(line.get());
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private synchronized void draw(String text) {
        if (stop) return;
        err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
        err.flush();
        drawn = text.length();
    }

    /** Stops the display and erases its line, so that what follows starts on a clean line. */
    @Override public void close() {
        synchronized (this) {
            stop = true;
            if (drawn > 0) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                err.flush();
                drawn = 0;
            }
        }
        thread.interrupt();
    }
}
