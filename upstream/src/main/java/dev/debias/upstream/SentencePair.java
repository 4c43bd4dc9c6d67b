package dev.debias.upstream;

/**
 * A sentence holding axis terms and its counterfactual (the terms swapped).
 *
 * @param original the sentence as found
 * @param counterfactual the sentence with its axis terms swapped
 * @param originalGroup the group most of the original's terms belong to, or null when they tie
 * @param counterfactualGroup the same for the counterfactual
 */
public record SentencePair(String original, String counterfactual, String originalGroup, String counterfactualGroup) {}
