package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Arrays from Java values: the same values and shape as DJL's own, and no direct memory left behind. */
class NativeArraysTest {
    static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow().getMemoryUsed();
    }

    @Test
    void smallAndChunkedArraysHoldTheValues() {
        int big = NativeArrays.STAGE_BYTES / Float.BYTES * 2 + 7;   // three pieces, the last short
        float[] f = new float[big];
        for (int i = 0; i < f.length; i++) {
            f[i] = i * 0.5f - 3;
        }
        long[] l = {4, -2, Long.MAX_VALUE, 0, 9, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = NativeArrays.of(m, f, new Shape(1, big));
            assertEquals(new Shape(1, big), a.getShape());
            assertArrayEquals(f, a.toFloatArray());
            NDArray b = NativeArrays.of(m, l, new Shape(2, 3));
            assertEquals(DataType.INT64, b.getDataType());
            assertEquals(new Shape(2, 3), b.getShape());
            assertArrayEquals(l, b.toLongArray());
            NDArray small = NativeArrays.of(m, new float[] {1.5f, 2.5f});
            assertArrayEquals(new float[] {1.5f, 2.5f}, small.toFloatArray());
            assertEquals(0, NativeArrays.of(m, new float[0]).size());
            assertThrows(IllegalArgumentException.class, () -> NativeArrays.of(m, f, new Shape(2)));
        }
    }

    @Test
    void leavesNoDirectMemoryBehind() {
        float[] f = new float[300_000];
        try (NDManager m = NDManager.newBaseManager()) {
            NativeArrays.of(m, new float[1]).close();   // this thread's staging buffer, made once
            long before = directBytes();
            for (int i = 0; i < 20; i++) {
                NativeArrays.of(m, f).close();
                NativeArrays.of(m, new long[] {i}).close();
            }
            assertTrue(directBytes() <= before, directBytes() + " direct bytes after, " + before + " before");
        }
    }
}
