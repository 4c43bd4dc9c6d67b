package dev.debias.evaluate.intrinsic;

import dev.debias.audit.stats.Estimate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The embedding gap of counterfactual pairs: how much swapping a group term (he/she, a name, ...)
 * moves a text's embedding. A model that ignores the attribute has gap 0.
 */
public final class EmbeddingGap {
    private EmbeddingGap() {}

    /**
     * The mean cosine distance (1 − cos) and mean Euclidean distance between {@code original[i]} and
     * {@code counterfactual[i]}. The cosine distance gets a 95% percentile bootstrap interval from
     * {@code bootstrap} resamples of the pairs drawn from {@code seed} (linear interpolation between
     * order statistics); with {@code bootstrap = 0} it has no interval. Same seed, same interval.
     *
     * @throws IllegalArgumentException when there are no pairs, the counts or widths differ, a vector
     *     is zero, or {@code bootstrap} is negative
     */
    public static EmbeddingGapResult of(float[][] original, float[][] counterfactual, int bootstrap, long seed) {
        if (original == null || counterfactual == null || original.length == 0) {
            throw new IllegalArgumentException("no pairs: the embedding gap needs at least one pair");
        }
        if (original.length != counterfactual.length) {
            throw new IllegalArgumentException(original.length + " originals but " + counterfactual.length
                    + " counterfactuals; pairs need one of each");
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap resamples " + bootstrap + " must be >= 0");
        }
        int n = original.length;
        double[] cosDist = new double[n];
        double euclid = 0;
        for (int i = 0; i < n; i++) {
            float[] a = original[i];
            float[] b = counterfactual[i];
            if (a.length != b.length || a.length == 0) {
                throw new IllegalArgumentException("pair " + i + " has widths " + a.length + " and " + b.length);
            }
            double ab = 0;
            double aa = 0;
            double bb = 0;
            double sq = 0;
            for (int j = 0; j < a.length; j++) {
                ab += (double) a[j] * b[j];
                aa += (double) a[j] * a[j];
                bb += (double) b[j] * b[j];
                double diff = (double) a[j] - b[j];
                sq += diff * diff;
            }
            if (!(aa > 0) || !(bb > 0)) {
                throw new IllegalArgumentException("pair " + i + " has a zero vector; cosine distance is undefined");
            }
            cosDist[i] = 1 - ab / Math.sqrt(aa * bb);
            euclid += Math.sqrt(sq);
        }
        double mean = mean(cosDist);
        Estimate estimate;
        if (bootstrap == 0) {
            estimate = new Estimate(mean, null, null, "no bootstrap resamples were requested");
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            double[] means = new double[bootstrap];
            for (int r = 0; r < bootstrap; r++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += cosDist[random.nextInt(n)];
                }
                means[r] = sum / n;
            }
            Arrays.sort(means);
            estimate = Estimate.of(mean, quantile(means, 0.025), quantile(means, 0.975));
        }
        return new EmbeddingGapResult(n, estimate, euclid / n);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
