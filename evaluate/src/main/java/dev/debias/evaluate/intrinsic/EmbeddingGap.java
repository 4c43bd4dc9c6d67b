package dev.debias.evaluate.intrinsic;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;

/**
 * The embedding gap of counterfactual pairs: how much swapping a group term (he/she, a name, ...)
 * moves a text's embedding. A model that ignores the attribute has gap 0.
 */
public final class EmbeddingGap {
    private EmbeddingGap() {}

    /**
     * The mean cosine distance (1 − cos) and mean Euclidean distance between {@code original[i]} and
     * {@code counterfactual[i]}. The cosine distance gets a 95% percentile bootstrap interval from
     * {@code bootstrap} resamples of the pairs drawn from {@code seed} ({@link dev.debias.stats.Bootstrap#mean});
     * with {@code bootstrap = 0} it has no interval. Same seed, same interval.
     *
     * @throws IllegalArgumentException when there are no pairs, the counts or widths differ, a vector
     *     is zero, or {@code bootstrap} is negative
     */
    public static EmbeddingGapResult of(float[][] original, float[][] counterfactual, int bootstrap, long seed) {
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap resamples " + bootstrap + " must be >= 0");
        }
        double[] cosDist = cosineDistances(original, counterfactual);
        int n = cosDist.length;
        double euclid = 0;
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < original[i].length; j++) {
                double diff = (double) original[i][j] - counterfactual[i][j];
                sq += diff * diff;
            }
            euclid += Math.sqrt(sq);
        }
        Estimate estimate = Bootstrap.mean(cosDist, n, bootstrap, seed);
        return new EmbeddingGapResult(n, estimate, euclid / n);
    }

    /**
     * The cosine distance (1 − cos) of each pair {@code original[i]}, {@code counterfactual[i]}, in order.
     *
     * @throws IllegalArgumentException when there are no pairs, the counts or widths differ, or a vector is zero
     */
    public static double[] cosineDistances(float[][] original, float[][] counterfactual) {
        if (original == null || counterfactual == null || original.length == 0) {
            throw new IllegalArgumentException("no pairs: the embedding gap needs at least one pair");
        }
        if (original.length != counterfactual.length) {
            throw new IllegalArgumentException(original.length + " originals but " + counterfactual.length
                    + " counterfactuals; pairs need one of each");
        }
        double[] d = new double[original.length];
        for (int i = 0; i < d.length; i++) {
            float[] a = original[i];
            float[] b = counterfactual[i];
            if (a.length != b.length || a.length == 0) {
                throw new IllegalArgumentException("pair " + i + " has widths " + a.length + " and " + b.length);
            }
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int j = 0; j < a.length; j++) {
                ab += (double) a[j] * b[j];
                aa += (double) a[j] * a[j];
                bb += (double) b[j] * b[j];
            }
            if (!(aa > 0) || !(bb > 0)) {
                throw new IllegalArgumentException("pair " + i + " has a zero vector; cosine distance is undefined");
            }
            d[i] = 1 - ab / Math.sqrt(aa * bb);
        }
        return d;
    }
}
