package dev.debias.upstream;

import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * L1 magnitude pruning of an encoder's linear weights (the query, key, value, attention output and
 * both feed-forward matrices of every layer; not embeddings, biases or LayerNorm): the weights of
 * smallest absolute value become zero until the asked-for share is zero, either with one threshold
 * for all matrices ({@link MagnitudePruning.Scope#GLOBAL}) or one per matrix
 * ({@link MagnitudePruning.Scope#LAYER}). Ties at the threshold are broken by position, so exactly
 * {@code round(sparsity * n)} weights are zeroed. The computation behind {@link MagnitudePruning}.
 */
public final class MagnitudePruner {
    private MagnitudePruner() {}

    /**
     * Returns a copy of {@code weights} with the pruned weights zero, and what was done.
     *
     * @throws IllegalArgumentException when {@code sparsity} is not in [0, 1) or nothing is prunable
     */
    public static Pruned prune(Weights weights, double sparsity, MagnitudePruning.Scope scope) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity " + sparsity + " must be in [0, 1)");
        }
        List<String> names = new ArrayList<>();
        long total = 0;
        for (var e : weights.all().entrySet()) {
            if (BertClassifier.isEncoderLinearWeight(e.getKey())) {
                names.add(e.getKey());
                total += e.getValue().data().length;
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no encoder linear weights to prune");
        }
        Weights out = new Weights();
        weights.all().forEach((k, t) -> out.put(k, t.shape(), t.data().clone()));
        if (scope == MagnitudePruning.Scope.GLOBAL) {
            float[][] all = names.stream().map(n -> out.get(n).data()).toArray(float[][]::new);
            zeroSmallest(all, Math.round(sparsity * total));
        } else {
            for (String n : names) {
                float[] d = out.get(n).data();
                zeroSmallest(new float[][] {d}, Math.round(sparsity * d.length));
            }
        }
        Map<String, Double> byMatrix = new LinkedHashMap<>();
        long zeros = 0;
        for (String n : names) {
            float[] d = out.get(n).data();
            long z = 0;
            for (float v : d) {
                if (v == 0f) {
                    z++;
                }
            }
            zeros += z;
            byMatrix.put(n, (double) z / d.length);
        }
        return new Pruned(out, new Diagnostics.Sparsity(scope.cliName(), sparsity, (double) zeros / total, total,
                byMatrix));
    }

    /** Zeroes the {@code count} entries of smallest |value| across {@code arrays} (ties by position). */
    private static void zeroSmallest(float[][] arrays, long count) {
        if (count <= 0) {
            return;
        }
        int n = 0;
        for (float[] a : arrays) {
            n += a.length;
        }
        // sort the magnitudes to find the threshold, then zero below it and, at it, the first ones
        float[] mags = new float[n];
        int k = 0;
        for (float[] a : arrays) {
            for (float v : a) {
                mags[k++] = Math.abs(v);
            }
        }
        Arrays.sort(mags);
        float threshold = mags[(int) count - 1];
        long below = 0;
        for (float m : mags) {
            if (m < threshold) {
                below++;
            } else {
                break;
            }
        }
        long atThreshold = count - below;
        for (float[] a : arrays) {
            for (int i = 0; i < a.length; i++) {
                float m = Math.abs(a[i]);
                if (m < threshold) {
                    a[i] = 0f;
                } else if (m == threshold && atThreshold > 0) {
                    a[i] = 0f;
                    atThreshold--;
                }
            }
        }
    }

    /**
     * The pruned weights and what pruning did.
     *
     * @param weights a copy of the input with the pruned weights zero
     * @param diagnostics the sparsity reached, overall and per matrix
     */
    public record Pruned(Weights weights, Diagnostics.Sparsity diagnostics) {}
}
