package io.carbonpaper.concurrent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelMapTest {
    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test void resultsComeInTheItemsOrderWhateverTheSchedule() throws IOException {
        List<Integer> out = ParallelMap.map(HUNDRED, 4, "t", "testing", i -> {
            Thread.sleep((100 - i) % 7); // later items finish first
            return i * i;
        });
        assertThat(out).isEqualTo(HUNDRED.stream().map(i -> i * i).toList());
    }

    @Test void usesTheThreadsItIsGivenAndTheCaller() throws IOException {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(3);
        ParallelMap.map(List.of(1, 2, 3), 3, "carbonpaper-test", "testing", i -> {
            threads.add(Thread.currentThread());
            all.countDown();
            all.await(); // only returns when three threads run at once
            return i;
        });
        assertThat(threads).hasSize(3).contains(Thread.currentThread());
        assertThat(threads.stream().filter(t -> t != Thread.currentThread())).allMatch(t -> t.getName().equals("carbonpaper-test") && t.isDaemon());
    }

    @Test void oneThreadOrOneItemRunsOnTheCaller() throws IOException {
        Thread caller = Thread.currentThread();
        assertThat(ParallelMap.map(HUNDRED, 1, "t", "testing", i -> Thread.currentThread() == caller)).containsOnly(true);
        assertThat(ParallelMap.map(List.of(1), 8, "t", "testing", i -> Thread.currentThread() == caller)).containsExactly(true);
        assertThat(ParallelMap.map(List.of(), 8, "t", "testing", i -> i)).isEmpty();
    }

    @Test void theEarliestItemsFailureIsRethrownAsItWasThrown() {
        // Item 3 fails at once, item 1 only after item 3 has failed: item 1's failure still wins.
        CountDownLatch threeFailed = new CountDownLatch(1);
        assertThatThrownBy(() -> ParallelMap.map(List.of(0, 1, 2, 3), 4, "t", "testing", i -> {
            if (i == 3) {
                threeFailed.countDown();
                throw new IOException("item 3");
            }
            if (i == 1) {
                threeFailed.await();
                throw new IOException("item 1");
            }
            return i;
        })).isExactlyInstanceOf(IOException.class).hasMessage("item 1");
        assertThatThrownBy(() -> ParallelMap.map(HUNDRED, 2, "t", "testing", i -> {
            if (i == 5) throw new UncheckedIOException(new IOException("five"));
            return i;
        })).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> ParallelMap.map(List.of(1), 1, "t", "testing", i -> {
            throw new Exception("checked");
        })).isExactlyInstanceOf(IOException.class).hasRootCauseMessage("checked");
    }

    @Test void afterAFailureNoNewItemStartsAndNothingIsStillRunningOnReturn() {
        AtomicInteger started = new AtomicInteger(), running = new AtomicInteger();
        assertThatThrownBy(() -> ParallelMap.map(HUNDRED, 2, "t", "testing", i -> {
            started.incrementAndGet();
            running.incrementAndGet();
            try {
                if (i == 0) throw new IllegalStateException("first");
                Thread.sleep(5);
                return i;
            } finally {
                running.decrementAndGet();
            }
        })).hasMessage("first");
        assertThat(running.get()).isZero();
        assertThat(started.get()).isLessThan(10);
    }

    @Test void anInterruptedCallerStopsTheWorkAndSaysSo() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        CountDownLatch workerBlocked = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                ParallelMap.map(List.of(0, 1), 2, "t", "testing", i -> {
                    if (i == 1) {
                        workerBlocked.countDown();
                        Thread.sleep(60_000); // interrupted by the caller
                    }
                    return i;
                });
            } catch (IOException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        workerBlocked.await();
        Thread.sleep(50); // the caller has finished item 0 and waits for the worker
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class).hasMessage("interrupted while testing");
        assertThat(stillInterrupted.get()).isTrue();
    }
}
