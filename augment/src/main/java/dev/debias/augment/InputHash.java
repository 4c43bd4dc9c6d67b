package dev.debias.augment;

import dev.debias.core.Hashing;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** The SHA-256 of an input, computed on a daemon thread of its own while the caller reads the input. */
final class InputHash {
    private final FutureTask<String> task;

    private InputHash(FutureTask<String> task) {
        this.task = task;
    }

    /** Starts hashing {@code input} ({@link Hashing#sha256(Path)}). */
    static InputHash start(Path input) {
        FutureTask<String> task = new FutureTask<>(() -> Hashing.sha256(input));
        Thread.ofPlatform().daemon().name("debias-augment-hash").start(task);
        return new InputHash(task);
    }

    /** Stops hashing, when it has not finished: the run that wanted the hash failed. */
    void cancel() {
        task.cancel(true);
    }

    /** The hash, waiting for it; a failure to hash is thrown here as it would have been by hashing in line. */
    String get() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the input");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
