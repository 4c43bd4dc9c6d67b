package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The epoch plan (seeded, complete, length-bucketed) and the padded inputs. */
class BatchesTest {
    /** {@code n} examples with random lengths 3..40; the id is the index. */
    private static List<Example> examples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(38);
            long[] ids = new long[len];
            for (int j = 0; j < len; j++) {
                ids[j] = 5 + i % 50;
            }
            out.add(new Example(Integer.toString(i), ids, new long[len], i % 3, 1f));
        }
        return out;
    }

    private static List<List<String>> ids(List<List<Example>> plan) {
        return plan.stream().map(b -> b.stream().map(Example::id).toList()).toList();
    }

    @Test
    void thePlanIsDeterministicPerSeedAndEpochAndDiffersOtherwise() {
        List<Example> ex = examples(1003, 1);
        var a = ids(Batches.plan(ex, 8, 42, 1));
        assertEquals(a, ids(Batches.plan(ex, 8, 42, 1)));
        assertEquals(a, ids(Batches.plan(new ArrayList<>(ex), 8, 42, 1)), "a copy of the list plans the same");
        assertNotEquals(a, ids(Batches.plan(ex, 8, 42, 2)), "another epoch, another order");
        assertNotEquals(a, ids(Batches.plan(ex, 8, 43, 1)), "another seed, another order");
    }

    @Test
    void everyExampleIsInExactlyOneBatch() {
        List<Example> ex = examples(1003, 2);
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<List<Example>> plan = Batches.plan(ex, 8, 7, epoch);
            Map<String, Integer> seen = new HashMap<>();
            plan.forEach(b -> b.forEach(e -> seen.merge(e.id(), 1, Integer::sum)));
            assertEquals(1003, seen.size());
            assertTrue(seen.values().stream().allMatch(c -> c == 1), "no example twice");
            assertEquals(1003, plan.stream().mapToInt(List::size).sum());
            // 1003 = 2 full pools of 400 and one of 203: every batch full but the last of the last pool
            assertEquals(1, plan.stream().filter(b -> b.size() != 8).count());
            assertTrue(plan.stream().allMatch(b -> b.size() == 8 || b.size() == 3));
            assertEquals(126, plan.size());
        }
        assertEquals(List.of(), Batches.plan(List.of(), 8, 1, 1));
    }

    @Test
    void withinOnePoolBatchesAreCutFromTheLengthSortedExamples() {
        // 8 x 50 = 400 examples make exactly one pool: the batches, ordered by their shortest example,
        // must tile the sorted lengths without overlap
        List<Example> ex = examples(400, 3);
        List<List<Example>> plan = new ArrayList<>(Batches.plan(ex, 8, 5, 1));
        for (List<Example> b : plan) {
            for (int i = 1; i < b.size(); i++) {
                assertTrue(b.get(i - 1).length() <= b.get(i).length(), "sorted within a batch");
            }
        }
        List<List<Example>> original = List.copyOf(plan);
        plan.sort(Comparator.comparingInt((List<Example> b) -> b.get(0).length()).thenComparingInt(b -> b.get(b.size() - 1).length()));
        for (int i = 1; i < plan.size(); i++) {
            assertTrue(plan.get(i - 1).get(7).length() <= plan.get(i).get(0).length(), "batches do not overlap in length");
        }
        assertNotEquals(original, plan, "the batches themselves are shuffled, not served shortest first");
    }

    @Test
    void lengthBucketingKeepsPaddingSmallAcrossPools() {
        List<Example> ex = examples(2000, 4);
        long padding = 0;
        for (List<Example> b : Batches.plan(ex, 8, 9, 1)) {
            int max = b.stream().mapToInt(Example::length).max().orElseThrow();
            for (Example e : b) {
                padding += max - e.length();
            }
            for (int i = 1; i < b.size(); i++) {
                assertTrue(b.get(i - 1).length() <= b.get(i).length());
            }
        }
        long randomPadding = 0;
        for (List<Example> b : Batches.inOrder(ex, 8)) {
            int max = b.stream().mapToInt(Example::length).max().orElseThrow();
            for (Example e : b) {
                randomPadding += max - e.length();
            }
        }
        assertTrue(padding * 10 < randomPadding, padding + " padding tokens vs " + randomPadding + " unsorted");
    }

    @Test
    void inOrderKeepsTheInputOrder() {
        List<Example> ex = examples(21, 5);
        List<List<Example>> b = Batches.inOrder(ex, 8);
        assertEquals(List.of(8, 8, 5), b.stream().map(List::size).toList());
        assertEquals(ex, b.stream().flatMap(List::stream).toList());
    }

    @Test
    void inputsArePaddedToTheLongestWithAMask() {
        List<Example> batch = List.of(new Example("a", new long[] {2, 7, 3}, new long[] {0, 0, 0}, 0, 1f),
                new Example("b", new long[] {2, 7, 8, 9, 3}, new long[] {0, 0, 0, 1, 1}, 1, 1f));
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDList in = Batches.inputs(m, batch);
            assertEquals(3, in.size());
            assertEquals(new Shape(2, 5), in.get(0).getShape());
            assertArrayEquals(new long[] {2, 7, 3, 0, 0, 2, 7, 8, 9, 3}, in.get(0).toLongArray());
            assertArrayEquals(new long[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, in.get(1).toLongArray());
            assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, in.get(2).toLongArray());
        }
    }
}
