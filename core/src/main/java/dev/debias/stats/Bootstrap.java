package dev.debias.stats;

import dev.debias.stats.Estimate;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap pieces shared by the evaluations: quantiles of replicates and the interval of a mean. */
public final class Bootstrap {
    private Bootstrap() {}

    /** The {@code p} quantile of sorted values, interpolating linearly between order statistics. */
    public static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The mean of the first {@code n} values with a 95% percentile bootstrap interval from
     * {@code replicates} resamples drawn from {@code seed}; with 0 replicates, the mean without an
     * interval. Same seed, same interval.
     *
     * @throws IllegalArgumentException when {@code n} is 0 or {@code replicates} is negative
     */
    public static Estimate mean(double[] values, int n, int replicates, long seed) {
        if (n <= 0 || replicates < 0) {
            throw new IllegalArgumentException("need values (n = " + n + ") and replicates >= 0 (" + replicates + ")");
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += values[i];
        }
        mean /= n;
        if (replicates == 0) {
            return new Estimate(mean, null, null, "no interval: bootstrap off");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return Estimate.of(mean, quantile(means, 0.025), quantile(means, 0.975));
    }
}
