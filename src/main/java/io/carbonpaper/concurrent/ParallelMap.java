package io.carbonpaper.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies one task to every item of a list on a few threads and returns the results in the
 * items' order, whatever the schedule. Reading the files of a logs folder, asking a Prometheus
 * server about each experiment, writing the outputs and rendering the pages of a site all do this.
 *
 * <p>Contract:
 * <ul>
 *   <li>The calling thread works too; at most {@code threads - 1} daemon threads are started, and
 *       none when there is one item or {@code threads <= 1} (everything then runs on the caller).
 *   <li>Once a task has failed, items not yet started are not started; the tasks still running are
 *       waited for, so that on a normal or failed return no task is running.
 *   <li>Of the failures, the one of the earliest item is rethrown as it was thrown: an
 *       {@link IOException}, {@link RuntimeException} or {@link Error} stays one; any other
 *       throwable is wrapped in an {@code IOException}. Which failure that is does not depend on
 *       the schedule when every task that fails would fail on any thread.
 *   <li>When the caller is interrupted while waiting (or while running a task that then throws
 *       {@link InterruptedException}), the workers are interrupted, no new item is started, and an
 *       {@link InterruptedIOException} is thrown with the caller's interrupt status set again.
 * </ul>
 */
public final class ParallelMap {
    /** The work for one item. It runs on any of the threads, so it must not depend on which. */
    @FunctionalInterface
    public interface Task<T, R> {
        R apply(T item) throws Exception;
    }

    private ParallelMap() {}

    /**
     * @param threadName the name of the threads started, for thread dumps ({@code carbonpaper-read})
     * @param what       what is being done, for the message when interrupted ("reading the logs")
     */
    public static <T, R> List<R> map(List<T> items, int threads, String threadName, String what, Task<? super T, ? extends R> task)
            throws IOException {
        int n = items.size();
        int workers = Math.max(1, Math.min(threads, n));
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < n) {
                try {
                    results[i] = task.apply(items.get(i));
                } catch (Throwable t) {
                    failures[i] = t;
                    stop.set(true);
                }
            }
        };
        List<Thread> started = new ArrayList<>(workers - 1);
        for (int t = 1; t < workers; t++) {
            Thread th = new Thread(worker, threadName);
            th.setDaemon(true);
            th.start();
            started.add(th);
        }
        worker.run();
        for (Thread th : started) {
            try {
                th.join();
            } catch (InterruptedException e) {
                stop.set(true);
                for (Thread other : started) other.interrupt();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + what);
            }
        }
        for (Throwable f : failures) {
            if (f == null) continue;
            if (f instanceof InterruptedException) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + what);
            }
            if (f instanceof IOException io) throw io;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error x) throw x;
            throw new IOException(f);
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
        return out;
    }
}
