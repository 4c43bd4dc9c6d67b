package dev.debias.augment;

import dev.debias.augment.swap.CounterfactualSwapper;
import java.util.Map;

/**
 * The settings of one augmentation, as {@link Augmenter.Builder} validated them: every value that
 * decides the output and is recorded in the summary's {@code config}.
 *
 * @param mode what to do
 * @param swapper the counterfactual swapper (its axis and direction)
 * @param axisSpec the lexicon that detects groups for planning and rates
 * @param probability substitute: the probability of replacing a record
 * @param targetRate rebalance: the target share of the target group within every label
 * @param targetGroup rebalance: the group whose share is the target rate, or null for the axis' first group
 * @param allowDrop rebalance: drop records instead of adding copies
 * @param seed the seed of every random choice
 * @param threads worker threads
 * @param weightField reweigh: the field that receives the weight
 * @param swapLabels whether a label that is itself a swappable term follows the swap
 * @param overwriteWeightField reweigh: whether a weight field the records already hold is overwritten (else the
 *     run is refused); not in the summary's {@code config}, since it never changes an output that is written
 * @param targetRateSet rebalance: whether the target rate was set (on an axis of more than two groups, neither
 *     it nor a target group nor target shares means parity)
 * @param targetShares rebalance: the target share of each named group ({@link TargetShares}), by group name, empty
 *     for none
 */
record AugmentConfig(AugmentMode mode, CounterfactualSwapper swapper, String axisSpec, double probability,
        double targetRate, String targetGroup, boolean allowDrop, long seed, int threads, String weightField,
        boolean swapLabels, boolean overwriteWeightField, boolean targetRateSet, Map<String, Double> targetShares) {
    AugmentConfig {
        targetShares = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targetShares));
    }

    /** The settings with the target rate counted as set and no target shares. */
    AugmentConfig(AugmentMode mode, CounterfactualSwapper swapper, String axisSpec, double probability,
            double targetRate, String targetGroup, boolean allowDrop, long seed, int threads, String weightField,
            boolean swapLabels, boolean overwriteWeightField) {
        this(mode, swapper, axisSpec, probability, targetRate, targetGroup, allowDrop, seed, threads, weightField,
                swapLabels, overwriteWeightField, true, Map.of());
    }

    /** The settings with an existing weight field refused. */
    AugmentConfig(AugmentMode mode, CounterfactualSwapper swapper, String axisSpec, double probability,
            double targetRate, String targetGroup, boolean allowDrop, long seed, int threads, String weightField,
            boolean swapLabels) {
        this(mode, swapper, axisSpec, probability, targetRate, targetGroup, allowDrop, seed, threads, weightField,
                swapLabels, false);
    }
}
