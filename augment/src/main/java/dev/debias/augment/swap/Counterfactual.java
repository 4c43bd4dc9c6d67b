package dev.debias.augment.swap;

import java.util.List;
import java.util.Map;

/**
 * A text with its axis terms swapped (or masked), and what was done.
 *
 * @param text the new text (the original when nothing matched)
 * @param substitutions every replacement, in text order
 * @param groupsFound how many terms of each group of the axis the original held (names included),
 *     whether or not the mapping swapped them
 * @param target the group the text's own group was sent to (for a multi-group copy, the group it is a copy
 *     for), or null when no single group was the target
 * @param kept the axis terms and names left as they were although the mapping asked for a change, with the
 *     reason, in text order
 * @param mapping the mapping the text was swapped with, or null for a mask or a text only looked at
 */
public record Counterfactual(String text, List<Substitution> substitutions, Map<String, Integer> groupsFound,
        String target, List<Kept> kept, GroupMapping mapping) {
    public Counterfactual {
        substitutions = List.copyOf(substitutions);
        groupsFound = Map.copyOf(groupsFound);
        kept = List.copyOf(kept);
    }

    /** A counterfactual with no stated target and nothing kept. */
    public Counterfactual(String text, List<Substitution> substitutions, Map<String, Integer> groupsFound) {
        this(text, substitutions, groupsFound, null, List.of(), null);
    }

    /** True when at least one term was replaced. */
    public boolean changed() {
        return !substitutions.isEmpty();
    }

    /** This counterfactual with {@code target} as its target group. */
    Counterfactual withTarget(String target) {
        return new Counterfactual(text, substitutions, groupsFound, target, kept, mapping);
    }

    /**
     * A term or name left unchanged, and why.
     *
     * @param text the words as written
     * @param reason why, e.g. {@code protected: figure}, {@code no counterpart in white}
     */
    public record Kept(String text, String reason) {}
}
