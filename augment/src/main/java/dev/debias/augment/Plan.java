package dev.debias.augment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A planner's treatment of each input record, by ordinal, and what it has to say: how many
 * counterfactual copies to add, whether to drop the record, its weight; an ordinal past an array's
 * end gets no copy, no drop and weight 1.
 *
 * @param copies counterfactual copies per record
 * @param drop whether each record is left out
 * @param weight each record's weight (reweigh)
 * @param weights the weight of each {@code group|label} (reweigh), for the summary
 * @param warnings what the user should know, in label order
 * @param targets the target group of each planned copy (rebalance on an axis of more than two groups), or
 *     null when the copies are the swapper's own
 */
record Plan(int[] copies, boolean[] drop, double[] weight, Map<String, Double> weights, List<String> warnings,
        Targets targets) {
    /** A plan whose copies are the swapper's own. */
    Plan(int[] copies, boolean[] drop, double[] weight, Map<String, Double> weights, List<String> warnings) {
        this(copies, drop, weight, weights, warnings, null);
    }

    /** The plan of a mode that plans nothing: no copies, no drops, no weights. */
    static Plan none() {
        return new Plan(new int[0], new boolean[0], new double[0], new LinkedHashMap<>(), List.of());
    }

    /** The copies planned for record {@code i}. */
    int copiesOf(int i) {
        return i < copies.length ? copies[i] : 0;
    }

    /** Whether record {@code i} is dropped. */
    boolean drops(int i) {
        return i < drop.length && drop[i];
    }

    /** Record {@code i}'s weight. */
    double weightOf(int i) {
        return i < weight.length ? weight[i] : 1.0;
    }

    /**
     * Copies with a planned target group each: record {@code i} of group {@code groups[own[i]]} gets one copy
     * per entry of {@code to[i]} (group indexes in ascending order, a group repeated for a second copy toward
     * it), each its own group swapped with that group.
     *
     * @param groups the axis' groups
     * @param own each record's group index, or -1
     * @param to each record's target group indexes, or null for none
     */
    record Targets(List<String> groups, int[] own, int[][] to) {
        Targets {
            groups = List.copyOf(groups);
        }

        /** The target group indexes of record {@code i}'s copies (empty for none). */
        int[] of(int i) {
            return i < to.length && to[i] != null ? to[i] : new int[0];
        }
    }
}
