/**
 * Grammatical counterfactual substitution: {@link dev.debias.augment.swap.CounterfactualSwapper} swaps the
 * terms of a pair lexicon in a text, keeping case, choosing the counterpart of words whose counterpart
 * depends on grammar ({@code her} as {@code his} or {@code him}) from part-of-speech tags around them, and
 * says what it substituted where.
 */
package dev.debias.augment.swap;
