package dev.debias.audit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLockTest {
    @TempDir
    Path dir;

    @Test
    void aHeldLockIsBusyNamingThisProcessAndAReleasedOneLeavesNoFile() throws Exception {
        Path file = dir.resolve(".index.lock");
        try (BuildLock l = BuildLock.acquire(file)) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(file));
            BuildLock.Busy busy = assertThrows(BuildLock.Busy.class, () -> BuildLock.acquire(file));
            assertEquals(Long.toString(ProcessHandle.current().pid()), busy.holder());
            // the same file by another path: through a link to its folder
            Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir);
            assertThrows(BuildLock.Busy.class, () -> BuildLock.acquire(alias.resolve(".index.lock")));
        }
        assertFalse(Files.exists(file));
        try (BuildLock again = BuildLock.acquire(file)) {
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOver() throws Exception {
        Path file = Files.writeString(dir.resolve(".index.lock"), "999999");
        try (BuildLock l = BuildLock.acquire(file)) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(file));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void threadsRacingForTheLockNeverHoldItTogether() throws Exception {
        Path file = dir.resolve(".index.lock");
        int threads = 8;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 300; i++) {
                        try (BuildLock l = BuildLock.acquire(file)) {
                            taken.incrementAndGet();
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                        } catch (BuildLock.Busy e) {
                            // someone else has it
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, overlaps.get());
        assertTrue(taken.get() > 0);
        assertFalse(Files.exists(file));
    }
}
