package dev.debias.evaluate.intrinsic;

import dev.debias.stats.Estimate;

/**
 * How far counterfactual pairs lie apart in an embedding space.
 *
 * @param pairs number of pairs
 * @param meanCosineDistance mean of 1 − cos(original, counterfactual), with a 95% percentile
 *     bootstrap interval over pairs
 * @param meanEuclidean mean Euclidean distance between the members of a pair
 */
public record EmbeddingGapResult(int pairs, Estimate meanCosineDistance, double meanEuclidean) {}
