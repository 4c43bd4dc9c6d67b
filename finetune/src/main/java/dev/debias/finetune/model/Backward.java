package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backward passes that the JVM's exit waits for. A backward pass is one native call that can run for
 * seconds, and the JVM exits (System.exit, SIGTERM, Ctrl-C) while a thread is still in native code:
 * after waiting about 300 ms for such threads it runs the C++ exit handlers, which destroy PyTorch's
 * device hooks, and the pass, still running, calls through them ({@code at::getAccelerator}) and
 * crashes the JVM with SIGSEGV. So a shutdown hook waits for the passes under way to return (at most
 * {@link #EXIT_WAIT_SECONDS}), and a pass asked for once the JVM is exiting never starts: its thread
 * waits until the JVM is gone (so a shutdown hook must not run one).
 */
public final class Backward {
    /** The longest the JVM's exit waits for the backward passes under way. */
    public static final long EXIT_WAIT_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(Backward.class);
    private static final Object LOCK = new Object();
    private static int running;
    private static boolean exiting;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Backward::awaitRunning, "debias-backward-exit"));
        } catch (IllegalStateException e) {
            exiting = true; // first used while the JVM is already exiting
        }
    }

    private Backward() {}

    /** {@code gc.backward(loss)}, which the JVM's exit waits for. */
    public static void run(GradientCollector gc, NDArray loss) {
        enter();
        try {
            gc.backward(loss);
        } finally {
            leave();
        }
    }

    private static void enter() {
        synchronized (LOCK) {
            boolean interrupted = false;
            while (exiting) {
                try {
                    LOCK.wait(); // the JVM halts while this thread waits here, outside native code
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            running++;
        }
    }

    private static void leave() {
        synchronized (LOCK) {
            running--;
            LOCK.notifyAll();
        }
    }

    private static void awaitRunning() {
        synchronized (LOCK) {
            exiting = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
            for (long left = deadline - System.nanoTime(); running > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    break;
                }
            }
            if (running > 0) {
                LOG.warn("exiting while {} backward pass(es) still run after {} s; the JVM may crash in PyTorch",
                        running, EXIT_WAIT_SECONDS);
            }
        }
    }
}
