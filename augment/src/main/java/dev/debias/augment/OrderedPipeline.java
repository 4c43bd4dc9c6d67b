package dev.debias.augment;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a step to a stream of items on a fixed number of worker threads and hands the results to
 * a sink on the calling thread in input order, whatever the threads: items are read in batches, at
 * most {@value #BACKLOG_PER_THREAD} batches per thread are in flight, and batches are drained first
 * in, first out. A step's exception reaches the caller unchanged (a runtime exception or an error)
 * when its batch is drained, after the results of every earlier batch; the workers are stopped when
 * {@link #run} returns or throws.
 *
 * @param <I> the items read
 * @param <O> the results written
 */
final class OrderedPipeline<I, O> {
    /** Batches in flight per worker thread before reading waits for the oldest. */
    static final int BACKLOG_PER_THREAD = 4;

    /** One item's work; must be thread-safe. */
    @FunctionalInterface
    interface Step<I, O> {
        /** The result of {@code item}, the {@code ordinal}-th (0-based) of the source. */
        O apply(I item, long ordinal);
    }

    /** Receives results in input order, on the thread that called {@link #run}. */
    @FunctionalInterface
    interface Sink<O> {
        /** Takes the next result. */
        void accept(O result) throws IOException;
    }

    private final String threadName;
    private final int threads;
    private final int batchSize;

    /** A pipeline of {@code threads} daemon workers named {@code threadName}, reading {@code batchSize} items at a time. */
    OrderedPipeline(String threadName, int threads, int batchSize) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batch size must be at least 1, got " + threads + " and "
                    + batchSize);
        }
        this.threadName = threadName;
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /**
     * Reads {@code source} to its end, applies {@code step} to every item in parallel and gives each
     * result to {@code sink} in input order; {@code afterBatch} runs on the calling thread after each
     * batch is read and handed to the workers.
     */
    void run(Iterator<? extends I> source, Step<? super I, ? extends O> step, Sink<? super O> sink, Runnable afterBatch)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        Deque<Future<List<O>>> pending = new ArrayDeque<>();
        try {
            long ordinal = 0;
            while (source.hasNext()) {
                List<I> batch = new ArrayList<>(batchSize);
                long first = ordinal;
                while (batch.size() < batchSize && source.hasNext()) {
                    batch.add(source.next());
                    ordinal++;
                }
                pending.add(pool.submit(() -> {
                    List<O> out = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        out.add(step.apply(batch.get(i), first + i));
                    }
                    return out;
                }));
                while (pending.size() > threads * BACKLOG_PER_THREAD) {
                    drain(pending.poll(), sink);
                }
                afterBatch.run();
            }
            while (!pending.isEmpty()) {
                drain(pending.poll(), sink);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void drain(Future<List<O>> f, Sink<? super O> sink) throws IOException {
        List<O> results;
        try {
            results = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
        for (O o : results) {
            sink.accept(o);
        }
    }
}
