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
 */
record Plan(int[] copies, boolean[] drop, double[] weight, Map<String, Double> weights, List<String> warnings) {
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
}
