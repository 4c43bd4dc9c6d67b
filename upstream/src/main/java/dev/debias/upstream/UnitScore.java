package dev.debias.upstream;

/**
 * An attention head or feed-forward neuron with its pruning score.
 *
 * @param layer the layer, from 0
 * @param unit the head or neuron within the layer, from 0
 * @param score how much switching the unit off lowers the counterfactual embedding gap (estimated
 *     to first order by the gradient, or measured by ablation); higher is pruned first
 */
public record UnitScore(int layer, int unit, double score) {}
