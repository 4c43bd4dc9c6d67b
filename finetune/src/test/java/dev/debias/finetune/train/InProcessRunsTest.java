package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import dev.debias.finetune.testing.TinyBert;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several fine-tunes in one JVM (what a recipe's sweep does) leave nothing behind: after the third run the
 * JVM has no more threads, no more open DJL managers and no more Java-allocated native (direct) memory than
 * after the first. No garbage collection is forced between runs, since a sweep does not force one either:
 * native memory a run still holds once it has returned is what piles up in a long sweep.
 */
class InProcessRunsTest {
    @TempDir
    Path dir;

    /** What one JVM holds after a run. */
    record Held(int threads, Map<String, Integer> threadNames, int managers, long directBytes, long directBuffers) {}

    static Held held() throws ReflectiveOperationException {
        Map<String, Integer> names = new TreeMap<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.merge(t.getName().replaceAll("\\d+", "#"), 1,
                Integer::sum));
        long bytes = 0;
        long count = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                bytes = b.getMemoryUsed();
                count = b.getCount();
            }
        }
        // the JDK's "process reaper" (started once something in the JVM runs a process) ends by itself after 10 s idle, so
        // whether it is still alive depends on how long a run took, not on the run
        int threads = names.entrySet().stream().filter(e -> !e.getKey().equals("process reaper"))
                .mapToInt(Map.Entry::getValue).sum();
        return new Held(threads, names, openManagers(), bytes, count);
    }

    /** The managers open under DJL's system manager (every base manager is one), this probe's own excluded. */
    static int openManagers() throws ReflectiveOperationException {
        try (NDManager probe = NDManager.newBaseManager()) {
            BaseNDManager system = (BaseNDManager) probe.getParentManager();
            Field resources = BaseNDManager.class.getDeclaredField("resources");
            resources.setAccessible(true);
            return ((Map<?, ?>) resources.get(system)).size() - 1;
        }
    }

    @Test
    void threeRunsInOneJvmHoldNoMoreThanOne() throws Exception {
        TinyBert.Toy toy = TinyBert.toy(dir);
        TrainConfig c = toy.config().toBuilder().optEpochs(1).build();
        Held[] after = new Held[3];
        for (int i = 0; i < 3; i++) {
            FineTuner.builder().setConfig(c).setRunDir(dir.resolve("run" + i)).build().run();
            after[i] = held();
        }
        Held first = after[0];
        Held third = after[2];
        assertEquals(0, first.managers(), "a run leaves no DJL manager open: " + first);
        assertEquals(0, third.managers(), "a run leaves no DJL manager open: " + third);
        assertTrue(third.threads() <= first.threads(), "threads after run 3 " + third.threadNames()
                + " against run 1 " + first.threadNames());
        assertTrue(third.directBytes() <= first.directBytes(), "native (direct) memory still held after run 3: "
                + third.directBytes() + " bytes in " + third.directBuffers() + " buffers, after run 1: "
                + first.directBytes() + " in " + first.directBuffers());
    }
}
