package dev.debias.augment.swap;

import java.util.List;
import java.util.Map;

/**
 * A text with its axis terms swapped (or masked), and what was done.
 *
 * @param text the new text (the original when nothing matched)
 * @param substitutions every replacement, in text order
 * @param groupsFound how many terms of each group of the axis the original held (names included),
 *     whether or not the direction allowed swapping them
 */
public record Counterfactual(String text, List<Substitution> substitutions, Map<String, Integer> groupsFound) {
    public Counterfactual {
        substitutions = List.copyOf(substitutions);
        groupsFound = Map.copyOf(groupsFound);
    }

    /** True when at least one term was replaced. */
    public boolean changed() {
        return !substitutions.isEmpty();
    }
}
