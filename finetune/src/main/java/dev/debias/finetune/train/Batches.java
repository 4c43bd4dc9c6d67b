package dev.debias.finetune.train;

import dev.debias.finetune.model.NativeArrays;
import dev.debias.stats.Seeds;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.debias.core.SeededShuffle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Batching: length-bucketed, seeded per epoch for training; in order for evaluation and prediction. */
public final class Batches {
    /** Examples sorted by length within each pool of this many batches, so padding stays small. */
    private static final int POOL = 50;

    private Batches() {}

    /**
     * The epoch's batches: a seeded shuffle, then each pool of {@value #POOL} batches sorted by length
     * and cut into batches, then the batches shuffled. The same seed and epoch give the same batches.
     */
    static List<List<Example>> plan(List<Example> examples, int batchSize, long seed, int epoch) {
        SplittableRandom random = new SplittableRandom(Seeds.stream(seed, epoch));
        List<Example> order = new ArrayList<>(examples);
        SeededShuffle.shuffle(order, random);
        List<List<Example>> batches = new ArrayList<>();
        int pool = batchSize * POOL;
        for (int from = 0; from < order.size(); from += pool) {
            List<Example> chunk = new ArrayList<>(order.subList(from, Math.min(order.size(), from + pool)));
            chunk.sort(Comparator.comparingInt(Example::length));
            for (int i = 0; i < chunk.size(); i += batchSize) {
                batches.add(List.copyOf(chunk.subList(i, Math.min(chunk.size(), i + batchSize))));
            }
        }
        SeededShuffle.shuffle(batches, random);
        return batches;
    }

    /** Consecutive batches in input order. */
    public static List<List<Example>> inOrder(List<Example> examples, int batchSize) {
        List<List<Example>> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i += batchSize) {
            out.add(examples.subList(i, Math.min(examples.size(), i + batchSize)));
        }
        return out;
    }

    /** Token ids, attention mask and token types, padded to the batch's longest example. */
    /** The texts as unlabelled examples (label -1, weight 1), in order; long ones truncated and counted by {@code enc}. */
    public static List<Example> unlabelled(TextEncoder enc, List<String> texts) {
        List<Example> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            long[][] e = enc.encode(t);
            out.add(new Example("", e[0], e[1], -1, 1f));
        }
        return out;
    }

    public static NDList inputs(NDManager m, List<Example> batch) {
        int len = 0;
        for (Example e : batch) {
            len = Math.max(len, e.length());
        }
        long[] ids = new long[batch.size() * len];
        long[] mask = new long[batch.size() * len];
        long[] types = new long[batch.size() * len];
        for (int i = 0; i < batch.size(); i++) {
            Example e = batch.get(i);
            System.arraycopy(e.ids(), 0, ids, i * len, e.length());
            System.arraycopy(e.types(), 0, types, i * len, e.length());
            for (int j = 0; j < e.length(); j++) {
                mask[i * len + j] = 1;
            }
        }
        Shape s = new Shape(batch.size(), len);
        return new NDList(NativeArrays.of(m, ids, s), NativeArrays.of(m, mask, s), NativeArrays.of(m, types, s));
    }
}
