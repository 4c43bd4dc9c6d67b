package dev.debias.upstream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What an upstream method found while it worked: one record per method, written to {@code upstream.json}
 * with a {@code kind} field naming the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Diagnostics.Subspace.class, name = "subspace"),
    @JsonSubTypes.Type(value = Diagnostics.Nullspace.class, name = "nullspace"),
    @JsonSubTypes.Type(value = Diagnostics.Pruning.class, name = "pruning"),
    @JsonSubTypes.Type(value = Diagnostics.Alignment.class, name = "alignment"),
    @JsonSubTypes.Type(value = Diagnostics.Sparsity.class, name = "sparsity")
})
public sealed interface Diagnostics {
    /**
     * {@code sentence-debias}: the removed bias subspace.
     *
     * @param directions k
     * @param explainedVariance the share of the pair differences' variance along each direction
     * @param pairs the pairs the subspace was estimated from
     */
    record Subspace(int directions, double[] explainedVariance, int pairs) implements Diagnostics {}

    /**
     * {@code inlp}: the probe accuracy per iteration.
     *
     * @param classes the groups, in label order
     * @param iterations iteration 0 is a probe on the original vectors; iteration i one after i projections
     * @param majorityRate the dev set's majority-group share (chance)
     * @param reachedChance whether the last probe was within the tolerance of chance
     * @param rankRemoved the rank of the removed subspace
     * @param trainVectors vectors the probes learned from
     * @param devVectors vectors the stopping rule looked at
     */
    record Nullspace(List<String> classes, List<InlpIteration> iterations, double majorityRate, boolean reachedChance,
            int rankRemoved, int trainVectors, int devVectors) implements Diagnostics {}

    /**
     * {@code prune-heads}, {@code prune-neurons}: the pruned units with their scores.
     *
     * @param unit {@code head} or {@code neuron}
     * @param scoring {@code gradient} or {@code ablation}
     * @param candidates units that could be pruned (not pruned before)
     * @param requested how many the fraction or count asked for
     * @param pruned the pruned units, highest score first
     * @param skipped asked-for units not pruned because their score was not positive
     * @param top the highest-scoring units (pruned or not), up to 20, for inspection
     * @param gapBefore the counterfactual gap on the learning pairs before pruning
     * @param gapAfter the same after pruning
     */
    record Pruning(String unit, String scoring, int candidates, int requested, List<UnitScore> pruned, int skipped,
            List<UnitScore> top, double gapBefore, double gapAfter) implements Diagnostics {}

    /**
     * {@code counterfactual-continue}: the losses of training.
     *
     * @param steps optimizer steps
     * @param first the first step's losses
     * @param last the last step's losses
     * @param every10 every tenth step's losses (and the last)
     */
    record Alignment(int steps, dev.debias.upstream.AlignmentStep first, dev.debias.upstream.AlignmentStep last,
            List<dev.debias.upstream.AlignmentStep> every10) implements Diagnostics {}

    /**
     * {@code magnitude-prune}: the sparsity reached.
     *
     * @param scope {@code global} (one threshold) or {@code layer} (one per matrix)
     * @param target the asked-for share of zero weights
     * @param achieved the share of zero weights over all pruned matrices
     * @param weights how many weights the pruned matrices hold
     * @param byMatrix each matrix's name and share of zeros
     */
    record Sparsity(String scope, double target, double achieved, long weights, java.util.Map<String, Double> byMatrix)
            implements Diagnostics {}
}
