package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedPipelineTest {
    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Work whose length varies with the item, so batches finish out of order on several threads. */
    private static long busy(int item) {
        long x = item;
        for (int i = 0; i < (item * 7919) % 2000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    @Test
    void resultsComeInInputOrderWithTheirOrdinalsWhateverTheThreads() throws IOException {
        List<Integer> items = range(5000);
        for (int threads : new int[] {1, 2, 4, 8}) {
            for (int batch : new int[] {1, 7, 128, 10_000}) {
                List<String> out = new ArrayList<>();
                new OrderedPipeline<Integer, String>("test-order", threads, batch).run(items.iterator(),
                        (item, ordinal) -> {
                            busy(item);
                            return item + "@" + ordinal;
                        }, out::add, () -> {});
                assertEquals(items.stream().map(i -> i + "@" + i).toList(), out, threads + " threads, batch " + batch);
            }
        }
    }

    @Test
    void afterBatchRunsOnceForEveryBatchRead() throws IOException {
        AtomicInteger batches = new AtomicInteger();
        new OrderedPipeline<Integer, Integer>("test-batches", 2, 3).run(range(10).iterator(), (i, o) -> i, r -> {},
                batches::incrementAndGet);
        assertEquals(4, batches.get(), "10 items in batches of 3: 3 + 3 + 3 + 1");
    }

    @Test
    void anEmptySourceGivesNothing() throws IOException {
        List<Integer> out = new ArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        new OrderedPipeline<Integer, Integer>("test-empty", 3, 5).run(List.<Integer>of().iterator(), (i, o) -> i, out::add,
                batches::incrementAndGet);
        assertEquals(List.of(), out);
        assertEquals(0, batches.get());
    }

    @Test
    void batchesRunOnSeveralThreadsAtOnce() throws IOException {
        // two batches of one item each wait for each other: only two workers running together get past the barrier
        CyclicBarrier both = new CyclicBarrier(2);
        List<Integer> out = new ArrayList<>();
        new OrderedPipeline<Integer, Integer>("test-parallel", 2, 1).run(range(2).iterator(), (i, o) -> {
            try {
                both.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the two batches did not run at the same time", e);
            }
            return i;
        }, out::add, () -> {});
        assertEquals(List.of(0, 1), out);
    }

    @Test
    void aStepsRuntimeExceptionReachesTheCallerAfterEveryEarlierBatch() throws IOException {
        IllegalStateException boom = new IllegalStateException("boom at 53");
        List<Integer> out = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OrderedPipeline<Integer, Integer>("test-error", 4, 10).run(range(200).iterator(), (i, o) -> {
                    if (i == 53) {
                        throw boom;
                    }
                    return i;
                }, out::add, () -> {}));
        assertSame(boom, e, "the exception itself, not a wrapper");
        // item 53 is in the sixth batch (50..59): the five batches before it are written, nothing of it or after it
        assertEquals(range(50), out);
    }

    @Test
    void aStepsErrorReachesTheCallerUnwrapped() {
        StackOverflowError error = new StackOverflowError("deep");
        StackOverflowError e = assertThrows(StackOverflowError.class,
                () -> new OrderedPipeline<Integer, Integer>("test-error", 2, 4).run(range(20).iterator(), (i, o) -> {
                    if (i == 9) {
                        throw error;
                    }
                    return i;
                }, r -> {}, () -> {}));
        assertSame(error, e);
    }

    @Test
    void theSinksAndTheSourcesExceptionsReachTheCaller() {
        IOException full = new IOException("disk full");
        IOException e = assertThrows(IOException.class,
                () -> new OrderedPipeline<Integer, Integer>("test-sink", 2, 4).run(range(20).iterator(), (i, o) -> i, r -> {
                    if (r == 6) {
                        throw full;
                    }
                }, () -> {}));
        assertSame(full, e);

        Iterator<Integer> failing = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 30) {
                    throw new UncheckedIOException(new IOException("unreadable line 31"));
                }
                return next++;
            }
        };
        UncheckedIOException u = assertThrows(UncheckedIOException.class,
                () -> new OrderedPipeline<Integer, Integer>("test-source", 2, 4).run(failing, (i, o) -> i, r -> {}, () -> {}));
        assertEquals("unreadable line 31", u.getCause().getMessage());
    }

    @Test
    void theWorkersStopWhenTheRunEnds() throws Exception {
        new OrderedPipeline<Integer, Integer>("test-stop-ok", 3, 2).run(range(50).iterator(), (i, o) -> i, r -> {}, () -> {});
        assertThrows(IllegalStateException.class, () -> new OrderedPipeline<Integer, Integer>("test-stop-failed", 3, 2)
                .run(range(50).iterator(), (i, o) -> {
                    throw new IllegalStateException("fail");
                }, r -> {}, () -> {}));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (alive("test-stop-ok") + alive("test-stop-failed") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, alive("test-stop-ok") + alive("test-stop-failed"), "worker threads left running");
    }

    private static long alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    @Test
    void theWorkersAreDaemons() throws IOException {
        List<Boolean> daemon = new ArrayList<>();
        new OrderedPipeline<Integer, Boolean>("test-daemon", 2, 1).run(range(4).iterator(),
                (i, o) -> Thread.currentThread().isDaemon() && Thread.currentThread().getName().equals("test-daemon"),
                daemon::add, () -> {});
        assertEquals(List.of(true, true, true, true), daemon);
    }

    @Test
    void threadsAndBatchSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new OrderedPipeline<Integer, Integer>("x", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OrderedPipeline<Integer, Integer>("x", 1, 0));
    }
}
