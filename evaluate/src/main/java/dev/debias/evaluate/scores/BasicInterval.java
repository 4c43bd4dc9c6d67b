package dev.debias.evaluate.scores;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import dev.debias.stats.Percentiles;

/**
 * The basic bootstrap interval (Davison and Hinkley, Bootstrap Methods and their Application, 1997, eq. 5.6):
 * {@code [2 v - q(0.975), 2 v - q(0.025)]} from the percentiles {@code q} of the replicates, clamped to [0, 1]. It
 * reads the replicates' offset from the estimate as the estimate's offset from the truth, so it corrects a bias
 * the plain percentile interval doubles. The power means over groups need it: a mean that weighs the worst group
 * most, taken over noisy per-group AUCs, lies below the power mean of the true AUCs, and its replicates lie lower
 * still. Simulated (ThresholdFreeCoverageTest): with 10 groups of 60 records the percentile interval of the
 * subgroup power mean covered the truth in 82% of 400 repetitions, this one in 98%. When the bias exceeds the
 * spread, the interval lies above the estimate.
 */
final class BasicInterval {
    private BasicInterval() {}

    /** {@code value} with the basic interval of {@code sorted} (ascending, no NaN, at least one). */
    static Estimate of(double value, double[] sorted) {
        double low = 2 * value - Percentiles.of(sorted, Bootstrap.HIGH);
        double high = 2 * value - Percentiles.of(sorted, Bootstrap.LOW);
        return Estimate.of(value, Math.min(Math.max(low, 0), 1), Math.min(Math.max(high, 0), 1));
    }
}
