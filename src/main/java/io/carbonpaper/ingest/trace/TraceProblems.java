package io.carbonpaper.ingest.trace;

import io.carbonpaper.ingest.source.FindingSink;

import io.carbonpaper.model.Problem;

/**
 * The problems of one trace file, passed on to the sink up to a limit so that a file with a
 * million bad rows yields a readable report and flat memory: the first {@value #LIMIT} are
 * listed with their lines, the rest are counted and summarised by {@link #finish()}.
 */
public final class TraceProblems {
    public static final int LIMIT = 50;

    private final String file;
    private final FindingSink sink;
    private long suppressed;
    private long listed;

    public TraceProblems(String file, FindingSink sink) {
        this.file = file;
        this.sink = sink;
    }

    public String file() { return file; }

    public void error(long line, String message) { add(Problem.error(file, line, message)); }

    public void warning(long line, String message) { add(Problem.warning(file, line, message)); }

    /** Notes (assumptions the reader made) are always passed on: a reader makes few of them. */
    public void note(long line, String message) { sink.problem(Problem.note(file, line, message)); }

    private void add(Problem p) {
        if (listed < LIMIT) {
            listed++;
            sink.problem(p);
        } else {
            suppressed++;
        }
    }

    /** Reports how many problems were not listed, if any. */
    public void finish() {
        if (suppressed > 0) sink.problem(Problem.warning(file, 0, suppressed + " more malformed lines like the ones above were skipped"));
    }
}
