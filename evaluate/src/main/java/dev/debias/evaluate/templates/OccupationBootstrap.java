package dev.debias.evaluate.templates;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The mean of per-item values with a 95% percentile bootstrap interval that resamples occupations, not
 * items: the items of one occupation share its word, so they move together, and the probe's claim is about
 * occupations in general. Each replicate draws as many occupations as there are, with replacement, and takes
 * the mean over all their items.
 */
final class OccupationBootstrap {
    private OccupationBootstrap() {}

    /**
     * @param values one value per item
     * @param cluster each item's occupation, 0 to {@code clusters - 1}
     */
    static Estimate mean(double[] values, int[] cluster, int clusters, int replicates, long seed) {
        if (values.length == 0) {
            return Estimate.undefined("no pairs");
        }
        double[] sum = new double[clusters];
        long[] count = new long[clusters];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            sum[cluster[i]] += values[i];
            count[cluster[i]]++;
            total += values[i];
        }
        double point = total / values.length;
        if (replicates == 0) {
            return new Estimate(point, null, null, "no interval: bootstrap off");
        }
        double[] reps = Bootstrap.replicates(replicates, seed, (SplittableRandom r) -> {
            double s = 0;
            long n = 0;
            for (int k = 0; k < clusters; k++) {
                int c = r.nextInt(clusters);
                s += sum[c];
                n += count[c];
            }
            return s / n;
        }).stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(reps);
        return Bootstrap.interval(point, reps);
    }
}
