package dev.debias.augment;

import dev.debias.augment.swap.CounterfactualSwapper;

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
 */
record AugmentConfig(AugmentMode mode, CounterfactualSwapper swapper, String axisSpec, double probability,
        double targetRate, String targetGroup, boolean allowDrop, long seed, int threads, String weightField,
        boolean swapLabels, boolean overwriteWeightField) {
    /** The settings with an existing weight field refused. */
    AugmentConfig(AugmentMode mode, CounterfactualSwapper swapper, String axisSpec, double probability,
            double targetRate, String targetGroup, boolean allowDrop, long seed, int threads, String weightField,
            boolean swapLabels) {
        this(mode, swapper, axisSpec, probability, targetRate, targetGroup, allowDrop, seed, threads, weightField,
                swapLabels, false);
    }
}
